// `pnpm test` for the extension: everything from provisioning to the UI checks, in order.
//
//   1. provision   code-server into .tools/ (idempotent: milliseconds when done, ~2-4 min the first time)
//   2. build       esbuild, development bundles (extension + Mocha suite)
//   3. unit        vitest, pure modules                                 -> .reports/vitest.json
//   4. integration Mocha in the VS Code extension host (runTests + shim) -> .reports/integration.json
//   5. package     production bundle + vsce package -> intercom-explorer.vsix
//   6. ui          Playwright checks on the installed .vsix             -> .reports/ui.json
//   7. demo-signals the demo command stopped by SIGINT in each phase     -> .reports/demo-signals.json
//
// Every test stage runs even when an earlier test stage failed, so one run shows everything; a stage
// whose prerequisite failed (no build, no package) is recorded as failed, never skipped silently.
// Exit code 0 only when all stages passed.
import { spawnSync } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import { EXTENSION_DIR, REPORTS_DIR } from "./lib/env.mjs"

const bin = (name) => path.join(EXTENSION_DIR, "node_modules", ".bin", name)
const stages = [
  { name: "provision", cmd: ["bash", "test-harness/provision-code-server.sh"] },
  { name: "build", cmd: [process.execPath, "esbuild.mjs"] },
  { name: "unit", cmd: [bin("vitest"), "run"], needs: [] },
  { name: "integration", cmd: [process.execPath, "test-harness/runIntegration.mjs"], needs: ["provision", "build"], report: "integration.json" },
  { name: "package", cmd: ["bash", "-c", `"${process.execPath}" esbuild.mjs --production && "${bin("vsce")}" package --no-dependencies --out intercom-explorer.vsix`] },
  { name: "ui", cmd: [process.execPath, "test-harness/ui/run.mjs"], needs: ["provision", "package"], report: "ui.json" },
  // Last: the demo rebuilds dist/. Ctrl+C in every phase of `pnpm demo`/the script: exit 0, nothing left.
  { name: "demo-signals", cmd: [process.execPath, "test-harness/demo-signals.mjs"], needs: ["provision", "build"], report: "demo-signals.json" }
]

const results = new Map()
for (const stage of stages) {
  const blocked = (stage.needs ?? []).filter((n) => results.get(n)?.ok === false)
  if (blocked.length > 0) {
    results.set(stage.name, { ok: false, seconds: 0, note: `not run: ${blocked.join(", ")} failed` })
    if (stage.report) {
      fs.mkdirSync(REPORTS_DIR, { recursive: true })
      fs.writeFileSync(path.join(REPORTS_DIR, stage.report), JSON.stringify({ numTotalTests: 1, numPassedTests: 0, numFailedTests: 1, numPendingTests: 0, numTodoTests: 0, success: false, error: `not run: ${blocked.join(", ")} failed` }, null, 2))
    }
    console.log(`\n=== ${stage.name}: NOT RUN (${blocked.join(", ")} failed)`)
    continue
  }
  console.log(`\n=== ${stage.name}`)
  const started = Date.now()
  const run = spawnSync(stage.cmd[0], stage.cmd.slice(1), { cwd: EXTENSION_DIR, stdio: "inherit" })
  const ok = run.status === 0
  results.set(stage.name, { ok, seconds: (Date.now() - started) / 1000, note: ok ? "" : `exit ${run.status ?? run.signal}` })
}

console.log("\n=== intercom-explorer test summary")
for (const [name, r] of results) {
  console.log(`  ${r.ok ? "ok  " : "FAIL"}  ${name.padEnd(12)} ${r.seconds.toFixed(1).padStart(6)} s  ${r.note}`)
}
process.exit([...results.values()].every((r) => r.ok) ? 0 : 1)
