// Building a plan from a big CSV: `planFromFile` over an N-row CSV (default 100,000) against an
// N-company replica, side by side with the floor, parsing the same CSV with csv-parse and nothing
// else. A third of the rows change the plan, every 7th a custom attribute, every 11th adds tags, every
// 1000th has an invalid size; the rest repeat what the company has. Printed: the time of each
// (median of R interleaved rounds), plan / parse, and the peak RSS and heap while each ran (sampled
// every 10 ms). Ratios and peaks are reported, never asserted. Env: N (100000), R (3), KEEP (keep
// the temporary folder). Run after a build: `npx tsc -b && node bench/plan.bench.mjs` (node
// --expose-gc gives each run a collected heap to start from).
import { spawn } from "node:child_process"
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { IntercomClient } from "@intercom-explorer/core"
import { planFromFile } from "@intercom-explorer/plans"
import { Replica, syncReplica, toCompany } from "@intercom-explorer/replica"
import { parse } from "csv-parse"
import { Effect, Layer, Stream } from "effect"

const N = Number(process.env.N ?? 100_000)
const R = Number(process.env.R ?? 3)
const TOKEN = "bench-token"

const dir = mkdtempSync(path.join(tmpdir(), "plan-bench-"))
const dbFile = path.join(dir, "replica.sqlite")
const csvFile = path.join(dir, "changes.csv")

// The replica: a sync from the simulator (in a child process) with no rate limit to speak of.
const server = spawn(process.execPath, ["--input-type=module", "-e", `
  const { startSimulator } = await import("@intercom-explorer/simulator")
  const sim = await startSimulator({ companies: ${N}, token: ${JSON.stringify(TOKEN)}, rateLimit: 1000000 })
  console.log(sim.url)`], { stdio: ["ignore", "pipe", "inherit"] })
const url = await new Promise((resolve) => server.stdout.once("data", (d) => resolve(String(d).trim())))
let started = performance.now()
await Effect.runPromise(syncReplica().pipe(Effect.provide(Layer.merge(
  Replica.layer({ file: dbFile, create: true }),
  IntercomClient.layer({ token: TOKEN, baseUrl: url })
))))
server.kill()
console.log(`replica of ${N} companies synced in ${((performance.now() - started) / 1000).toFixed(1)} s`)

// The CSV, from the replica's companies.
const cell = (v) => (v === undefined || v === null ? "" : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v))
const lines = ["company_id,name,plan,size,seats,tags"]
await Effect.runPromise(Effect.gen(function*() {
  const replica = yield* Replica
  let i = 0
  yield* Stream.runForEach(replica.streamRaw(""), (raw) =>
    Effect.sync(() => {
      const c = toCompany(raw.json)
      lines.push([
        cell(c.company_id),
        cell(c.name),
        cell(i % 3 === 0 ? `Bench ${c.plan?.name ?? "plan"}` : c.plan?.name),
        i % 1000 === 0 ? "lots" : cell(c.size),
        i % 7 === 0 ? String(1000 + (i % 500)) : "",
        i % 11 === 0 ? "Bench;VIP" : ""
      ].join(","))
      i++
    }))
}).pipe(Effect.provide(Replica.layer({ file: dbFile }))))
writeFileSync(csvFile, lines.join("\n") + "\n")
lines.length = 0
const csvBytes = statSync(csvFile).size

// Peak RSS and heap while `f` runs, sampled every 10 ms (and at the end).
const measured = async (f) => {
  globalThis.gc?.()
  let rss = 0
  let heap = 0
  const sample = () => {
    const m = process.memoryUsage()
    rss = Math.max(rss, m.rss)
    heap = Math.max(heap, m.heapUsed)
  }
  const timer = setInterval(sample, 10)
  sample()
  const t0 = performance.now()
  const result = await f()
  const ms = performance.now() - t0
  sample()
  clearInterval(timer)
  return { ms, rss, heap, result }
}

const parseOnly = async () => {
  let records = 0
  for await (const _ of createReadStream(csvFile).pipe(parse({ bom: true }))) records++
  return records
}
const plan = () => Effect.runPromise(planFromFile({ file: csvFile }).pipe(Effect.provide(Replica.layer({ file: dbFile }))))

const runs = { parse: [], plan: [] }
let last
for (let r = 0; r < R; r++) {
  runs.parse.push(await measured(parseOnly))
  const run = await measured(plan)
  last = run.result
  runs.plan.push(run)
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const mb = (bytes) => `${(bytes / 1e6).toFixed(0)} MB`
const row = (name, list) =>
  `  ${name.padEnd(26)}${`${median(list.map((x) => x.ms)).toFixed(0)} ms`.padStart(10)}   ${list.map((x) => x.ms.toFixed(0)).join(", ").padEnd(22)}` +
  `${mb(Math.max(...list.map((x) => x.rss))).padStart(10)}${mb(Math.max(...list.map((x) => x.heap))).padStart(12)}`
console.log(`\nplan of a ${N}-row CSV (${(csvBytes / 1e6).toFixed(1)} MB) against a ${N}-company replica, median of ${R} interleaved rounds${globalThis.gc ? " (gc before each)" : ""}`)
console.log(`  ${"".padEnd(26)}${"median".padStart(10)}   ${"rounds (ms)".padEnd(22)}${"peak rss".padStart(10)}${"peak heap".padStart(12)}`)
console.log(row("csv-parse alone", runs.parse))
console.log(row("planFromFile", runs.plan))
console.log(`  plan / parse: ${(median(runs.plan.map((x) => x.ms)) / median(runs.parse.map((x) => x.ms))).toFixed(2)}x`)
console.log(`  the plan: ${JSON.stringify(last.summary)}, ${(JSON.stringify(last, null, 2).length / 1e6).toFixed(1)} MB as a file`)

if (process.env.KEEP) console.log(`kept ${dir}`)
else rmSync(dir, { recursive: true, force: true })
