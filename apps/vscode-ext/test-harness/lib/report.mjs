// The report a harness stage leaves in .reports/, in the shape of vitest's JSON report, so that the
// repository's test summary (scripts/test-summary.mjs) adds it up with the others.
import fs from "node:fs"
import path from "node:path"
import { REPORTS_DIR } from "./env.mjs"

/** Writes RESULTS ({ ok, ... } each) to FILE (a name in .reports/ or a path); returns { passed, failed }. */
export const writeReport = (file, { results, runner, success = (passed, failed) => failed === 0 }) => {
  const passed = results.filter((r) => r.ok).length
  const failed = results.length - passed
  fs.mkdirSync(REPORTS_DIR, { recursive: true })
  const report = {
    numTotalTests: results.length,
    numPassedTests: passed,
    numFailedTests: failed,
    numPendingTests: 0,
    numTodoTests: 0,
    success: success(passed, failed),
    runner,
    testResults: results
  }
  fs.writeFileSync(path.resolve(REPORTS_DIR, file), JSON.stringify(report, null, 2))
  return { passed, failed }
}
