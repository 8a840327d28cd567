// Two or more builds of the replica's sync, side by side in one run against one simulator (in a
// child process), interleaved with core's scroll export of the same companies: for deciding
// whether a change to the sync is kept. Each variant is a folder holding a built `index.js`
// (`tsc` output of src/). Ratios are reported, never asserted.
//   VARIANTS="before=.variants/committed/dist,after=dist" N=50000 R=3 node bench/sync-variants.mjs
import { spawn } from "node:child_process"
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { pathToFileURL } from "node:url"
import { Companies, formatCompanies, IntercomClient } from "@intercom-explorer/core"
import { Effect, Layer, Stream } from "effect"

const N = Number(process.env.N ?? 100_000)
const R = Number(process.env.R ?? 3)
const TOKEN = "bench-token"
const variants = await Promise.all((process.env.VARIANTS ?? "current=dist").split(",").map(async (entry) => {
  const [name, folder] = entry.split("=")
  const module = await import(pathToFileURL(path.resolve(folder, "index.js")).href)
  return { name, module }
}))

const server = spawn(process.execPath, ["--input-type=module", "-e", `
  const { startSimulator } = await import("@intercom-explorer/simulator")
  const sim = await startSimulator({ companies: ${N}, token: ${JSON.stringify(TOKEN)}, rateLimit: 1000000 })
  console.log(sim.url)`], { stdio: ["ignore", "pipe", "inherit"] })
const url = await new Promise((resolve) => server.stdout.once("data", (d) => resolve(String(d).trim())))
const dir = mkdtempSync(path.join(tmpdir(), "replica-variants-"))
const client = IntercomClient.layer({ token: TOKEN, baseUrl: url })

const sync = ({ module, name }) => () =>
  Effect.runPromise(
    module.syncReplica().pipe(
      Effect.provide(Layer.merge(module.Replica.layer({ file: path.join(dir, `${name}.sqlite`), create: true }), client))
    )
  ).then((summary) => summary.companies)

const exportNdjson = () =>
  Effect.runPromise(Effect.gen(function*() {
    const companies = yield* Companies
    const fd = openSync(path.join(dir, "export.ndjson"), "w")
    let count = 0
    yield* Stream.runForEachArray(companies.scroll(), (page) =>
      Effect.sync(() => {
        count += page.length
        writeSync(fd, formatCompanies("ndjson", page))
      }))
    closeSync(fd)
    return count
  }).pipe(Effect.provide(client)))

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const runs = [["export", exportNdjson], ...variants.map((v) => [v.name, sync(v)])]
const times = Object.fromEntries(runs.map(([name]) => [name, []]))
// CPU time of this process (its threads included): what the client spends, less sensitive than
// wall time to other work on the machine.
const cpu = Object.fromEntries(runs.map(([name]) => [name, []]))
try {
  for (let round = 0; round < R; round++) {
    for (const [name, run] of runs) {
      const t0 = performance.now()
      const c0 = process.cpuUsage()
      const count = await run()
      times[name].push(performance.now() - t0)
      const c = process.cpuUsage(c0)
      cpu[name].push((c.user + c.system) / 1000)
      if (count !== N) throw new Error(`${name} delivered ${count} companies, expected ${N}`)
    }
  }
} finally {
  server.kill()
  rmSync(dir, { recursive: true, force: true })
}
const exportMs = median(times.export)
const exportCpu = median(cpu.export)
// The fastest round: the one other work on the machine disturbed least.
const exportMin = Math.min(...times.export)
console.log(`sync variants, ${N} companies, median of ${R} interleaved rounds`)
for (const [name] of runs) {
  const ms = median(times[name])
  const cpuMs = median(cpu[name])
  const min = Math.min(...times[name])
  const ratio = name === "export" ? "" : `   sync / export ${(ms / exportMs).toFixed(2)}x, fastest ${(min / exportMin).toFixed(2)}x, cpu ${(cpuMs / exportCpu).toFixed(2)}x`
  console.log(`  ${name.padEnd(12)} ${ms.toFixed(0).padStart(6)} ms   cpu ${cpuMs.toFixed(0).padStart(6)} ms   [${times[name].map((v) => v.toFixed(0)).join(", ")}]${ratio}`)
}
