// Adds up every package's vitest JSON report into one closing line that CI reads:
// "tests: N passed, N failed" (and skipped). Exits non-zero when anything failed or nothing ran.
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs"
import path from "node:path"

const root = path.resolve(import.meta.dirname, "..")

// `--clean` (run before the tests): remove every old report, so a package whose tests did not run
// this time cannot be counted with last time's results (turbo restores reports of cached runs).
if (process.argv.includes("--clean")) {
  for (const group of ["packages", "apps"]) {
    const dir = path.join(root, group)
    if (!existsSync(dir)) continue
    for (const pkg of readdirSync(dir)) rmSync(path.join(dir, pkg, ".reports"), { recursive: true, force: true })
  }
  process.exit(0)
}
let passed = 0, failed = 0, skipped = 0, suites = 0
for (const group of ["packages", "apps"]) {
  const dir = path.join(root, group)
  if (!existsSync(dir)) continue
  for (const pkg of readdirSync(dir)) {
    const reportsDir = path.join(dir, pkg, ".reports")
    if (!existsSync(reportsDir)) continue
    for (const file of readdirSync(reportsDir).filter((f) => f.endsWith(".json"))) {
      const report = JSON.parse(readFileSync(path.join(reportsDir, file), "utf8"))
      suites += 1
      passed += report.numPassedTests ?? 0
      failed += report.numFailedTests ?? 0
      skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0)
      if (report.success === false && (report.numFailedTests ?? 0) === 0) failed += 1
      console.log(`${group}/${pkg}/${file}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`)
    }
  }
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`)
if (failed > 0 || passed === 0) process.exit(1)
