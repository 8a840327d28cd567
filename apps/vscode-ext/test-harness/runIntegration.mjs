// Extension integration tests: Mocha inside a real VS Code extension host, launched the standard way
// through @vscode/test-electron's runTests, with the code-server shim as the "VS Code executable".
//
//   node test-harness/runIntegration.mjs        (after `node esbuild.mjs`; `pnpm test:integration` does both)
//
// Env: INTERCOM_TEST_GREP=<regexp> runs only matching tests; see vscode-web-test.mjs for the others.
// Writes .reports/integration.json (vitest JSON-reporter shape) for scripts/test-summary.mjs, with a
// failure recorded even when the run died before Mocha could write it.
import { runTests } from "@vscode/test-electron"
import fs from "node:fs"
import path from "node:path"
import { ARTIFACTS_DIR, elapsed, EXTENSION_DIR, HarnessError, locateChromium, locateCodeServer, makeScratch, REPORTS_DIR } from "./lib/env.mjs"

const started = Date.now()
const report = path.join(REPORTS_DIR, "integration.json")
const artifacts = path.join(ARTIFACTS_DIR, "integration")
const testsPath = path.join(EXTENSION_DIR, "dist/test/suite/index.js")
const shim = path.join(import.meta.dirname, "vscode-web-test.mjs")

fs.rmSync(report, { force: true })
fs.rmSync(artifacts, { recursive: true, force: true })

let exitCode = 0
// A fresh profile per run: settings, global state and secrets of the previous run must not leak in.
const scratch = makeScratch("intercom-it")
try {
  // Checked here too, so a missing prerequisite is one clear line instead of a failed child process.
  locateCodeServer()
  locateChromium()
  if (!fs.existsSync(testsPath)) throw new HarnessError(`${testsPath} is missing`, "run: node esbuild.mjs")

  // runTests spawns the shim directly, so it must be executable even if a checkout lost the mode bit.
  fs.chmodSync(shim, 0o755)
  const workspace = scratch.dir("workspace")
  fs.writeFileSync(path.join(workspace, "README.md"), "Workspace opened by the Intercom Explorer integration tests.\n")
  await runTests({
    vscodeExecutablePath: shim,
    extensionDevelopmentPath: EXTENSION_DIR,
    extensionTestsPath: testsPath,
    launchArgs: [workspace, `--user-data-dir=${scratch.dir("user-data")}`, `--extensions-dir=${scratch.dir("extensions")}`],
    extensionTestsEnv: { INTERCOM_TEST_REPORT: report, VSCODE_TEST_ARTIFACTS: artifacts }
  })
} catch (error) {
  exitCode = 1
  console.error(`runIntegration: ${error.message}`)
} finally {
  scratch.dispose()
}

// The runner inside the extension host writes the real counts; if it never got that far (harness
// failure, crash, timeout), record one failure so the summary cannot read the run as green or absent.
let written
try {
  written = JSON.parse(fs.readFileSync(report, "utf8"))
} catch {}
if (!written) {
  fs.mkdirSync(REPORTS_DIR, { recursive: true })
  fs.writeFileSync(report, JSON.stringify({ numTotalTests: 1, numPassedTests: 0, numFailedTests: 1, numPendingTests: 0, numTodoTests: 0, success: false, error: "the integration run produced no Mocha report" }, null, 2))
  exitCode = 1
} else if (!written.success) {
  exitCode = 1
}
console.log(`runIntegration: ${exitCode === 0 ? "passed" : "FAILED"} in ${elapsed(started)} (${written ? `${written.numPassedTests} passed, ${written.numFailedTests} failed` : "no report"})`)
process.exit(exitCode)
