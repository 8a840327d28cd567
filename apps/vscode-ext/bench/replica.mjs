// `node bench/replica.mjs [--companies N]`: the extension on a replica of N companies (default
// 100,000) in the real extension host (code-server, as the integration tests run it): sync time,
// extension host memory before and after, time from connecting to the first rows of an existing
// replica, the view's reads. Reported, not asserted. Runs bench/replicaHostBench.ts as the
// extension host's test runner.
import { runTests } from "@vscode/test-electron"
import * as esbuild from "esbuild"
import { randomBytes } from "node:crypto"
import fs from "node:fs"
import path from "node:path"
import { EXTENSION_DIR, elapsed, locateChromium, locateCodeServer, makeScratch } from "../test-harness/lib/env.mjs"
import { startBenchSimulator } from "./benchSimulator.mjs"
import { bundleOptions } from "../esbuild.options.mjs"

const companies = Number(process.argv.includes("--companies") ? process.argv[process.argv.indexOf("--companies") + 1] : 100_000)
const started = Date.now()
locateCodeServer()
locateChromium()
const scratch = makeScratch("intercom-replica-bench")
// The simulator in a child process (packages/simulator, built), so that the extension host's memory
// is the extension's own. A throwaway token for this run, never printed.
const token = randomBytes(16).toString("hex")
const { child: simulator, url } = await startBenchSimulator(companies, token)
try {
  // The development bundle the integration tests load (dist/), plus this runner.
  const runner = path.join(scratch.dir("runner"), "replicaHostBench.js")
  await esbuild.build({ ...bundleOptions, entryPoints: { replicaHostBench: "bench/replicaHostBench.ts" }, outdir: path.dirname(runner), absWorkingDir: EXTENSION_DIR })
  const out = path.join(scratch.dir("out"), "replica.json")
  const workspace = scratch.dir("workspace")
  const shim = path.join(EXTENSION_DIR, "test-harness/vscode-web-test.mjs")
  await runTests({
    vscodeExecutablePath: shim,
    extensionDevelopmentPath: EXTENSION_DIR,
    extensionTestsPath: runner,
    launchArgs: [workspace, `--user-data-dir=${scratch.dir("user-data")}`, `--extensions-dir=${scratch.dir("extensions")}`],
    extensionTestsEnv: { INTERCOM_BENCH_OUT: out, INTERCOM_BENCH_COMPANIES: String(companies), INTERCOM_BENCH_URL: url, INTERCOM_BENCH_TOKEN: token }
  })
  const r = JSON.parse(fs.readFileSync(out, "utf8"))
  const fmt = (n) => Math.round(n).toLocaleString("en-US")
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
  const { baseline, afterSync, afterBrowsing, reopened } = r.memory
  const rows = [
    [`sync of ${fmt(r.companies)} companies (simulator in a child process)`, `${fmt(r.syncMs)} ms (${fmt(r.syncedCompanies)} companies)`],
    ["replica file", `${fmt(r.fileMB)} MB`],
    ["extension host heap / RSS: activated, before the sync", `${fmt(baseline.heapMB)} MB / ${fmt(baseline.rssMB)} MB`],
    ["after the sync and the first page", `${fmt(afterSync.heapMB)} MB / ${fmt(afterSync.rssMB)} MB`],
    [`after 10 Load more (${fmt(r.shownRows)} rows shown), a filter, group by tag`, `${fmt(afterBrowsing.heapMB)} MB / ${fmt(afterBrowsing.rssMB)} MB`],
    ["signed in again, the replica reopened and its first rows shown", `${fmt(reopened.heapMB)} MB / ${fmt(reopened.rssMB)} MB`],
    ["connect -> first rows from the existing replica (open, count, page)", `${fmt(r.connectToFirstRowsMs)} ms`],
    ["connect -> first rows of Intercom's list, no replica yet (POST /companies/list)", `${fmt(r.connectToFirstListedRowsMs)} ms`],
    ["  ratio replica / list", `${(r.connectToFirstRowsMs / r.connectToFirstListedRowsMs).toFixed(2)}x`],
    [`first page (${r.firstRows} rows + count)`, `${r.firstPageMs.toFixed(1)} ms`],
    ["Load more (median of 10)", `${median(r.loadMoreMs).toFixed(1)} ms`],
    [`filter plan:Pro spend>1000 (${r.filterDescription})`, `${r.filterMs.toFixed(1)} ms`],
    ["group by tag (counts per tag)", `${r.groupByTagMs.toFixed(1)} ms`]
  ]
  const width = Math.max(...rows.map(([k]) => k.length))
  console.log(`\nintercom-explorer replica bench (code-server extension host; reported, not asserted)`)
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`)
  console.log(`  (bench took ${elapsed(started)})`)
} finally {
  simulator.kill()
  scratch.dispose()
}
