// `node bench/replicaEventLoop.mjs [--companies N] [--rounds R] [--reads Q]`: the extension host's
// event-loop delay (perf_hooks.monitorEventLoopDelay, max and p99) during a sync of N companies
// (default 100,000) and during Q group-by-tag reads (default 10), with the replica on the host's
// thread (before) beside the replica on its worker threads (after, what the extension runs now),
// R interleaved rounds (default 2) of a first sync into a new file (rebuilt, indexes built), then
// one sync of the unchanged workspace again (merged in place), in one run. Plain node, no VS Code: it drives the same
// reader and sync code the extension uses (bench/replicaEventLoop.ts, bundled here with the
// extension's esbuild options, and dist/replicaWorker.js built alike). Reported, not asserted.
// Needs the simulator package built (pnpm turbo run build).
import * as esbuild from "esbuild"
import { randomBytes } from "node:crypto"
import { createRequire } from "node:module"
import path from "node:path"
import { EXTENSION_DIR, elapsed, makeScratch } from "../test-harness/lib/env.mjs"
import { startBenchSimulator } from "./benchSimulator.mjs"
import { bundleOptions, shippedEntryPoints } from "../esbuild.options.mjs"

const arg = (name, fallback) => Number(process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback)
const companies = arg("--companies", 100_000)
const rounds = arg("--rounds", 2)
const reads = arg("--reads", 10)
const started = Date.now()
const scratch = makeScratch("intercom-event-loop-bench")
// A throwaway token for this run, never printed.
const token = randomBytes(16).toString("hex")
const { child: simulator, url } = await startBenchSimulator(companies, token)
try {
  const out = scratch.dir("out")
  await esbuild.build({
    ...bundleOptions,
    entryPoints: { replicaEventLoop: "bench/replicaEventLoop.ts", replicaWorker: shippedEntryPoints.replicaWorker },
    outdir: out,
    absWorkingDir: EXTENSION_DIR,
    minify: true
  })
  const bench = createRequire(import.meta.url)(path.join(out, "replicaEventLoop.js"))
  const r = await bench.run({ url, token, workerFile: path.join(out, "replicaWorker.js"), dir: scratch.dir("replicas"), rounds, reads })
  const ms = (n) => `${n.toFixed(1)} ms`.padStart(10)
  const line = (label, d) => `  ${label.padEnd(44)}${ms(d.maxMs)}${ms(d.p99Ms)}${ms(d.meanMs)}${`${Math.round(d.wallMs).toLocaleString("en-US")} ms`.padStart(12)}`
  console.log(`\nextension host event-loop delay, replica on the host's thread (before) vs on worker threads (after); reported, not asserted`)
  console.log(`  ${"".padEnd(44)}${"max".padStart(10)}${"p99".padStart(10)}${"mean".padStart(10)}${"wall".padStart(12)}`)
  r.syncs.forEach((s, i) => {
    const what = s.kind === "first" ? `first sync of ${s.companies.toLocaleString("en-US")}, round ${i + 1}` : `sync again, unchanged (merge)`
    console.log(line(`${what}: before`, s.before))
    console.log(line(`after`.padStart(what.length + 7), s.after))
  })
  console.log(line(`${reads} group-by-tag reads (${r.tags} groups): before`, r.groupBefore))
  console.log(line(`after`.padStart(`${reads} group-by-tag reads (${r.tags} groups)`.length + 7), r.groupAfter))
  console.log(`  (node ${process.version}, simulator in a child process; bench took ${elapsed(started)})`)
} finally {
  simulator.kill()
  scratch.dispose()
}
