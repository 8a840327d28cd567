// The replica's figures, measured side by side in one run against one simulator (in a child
// process, so this process's CPU is the client's alone), N companies (default 100,000):
//   first sync  `syncReplica` into an empty replica file: the exactly-once scroll, decoding, SQLite
//               staging, the one-transaction swap and the 18 index builds
//   resync      `syncReplica` over the replica after CHANGED companies (default 1%) changed on the
//               server (a tag added or removed, one request, not timed): the scroll compares each
//               company with the stored one and merges the changes in place
//   export      core's scroll export of the same companies: `Companies.scroll()` with
//               `formatCompanies("ndjson", page)` written to a file (what `companies export` does)
//   paced       export (on the interactive lane, as `companies export`, and on the background lane)
//               and a first sync against a second simulator at its defaults, Intercom's pace (166
//               requests per 10 s window, 100 companies a page), as a user's sync runs
//   queries     representative queries (count + the first page of 100 in the query's order, what the
//               extension's view asks) against a plain Node scan of the export's NDJSON file doing
//               the same filter, sort and count; p50 and p95 of each
//   size        the replica file (with its WAL) after one sync, and after the last one
// Rounds are interleaved, so noise hits all alike; ratios are reported, never asserted. Env: N
// (companies), R (rounds, default 3), CHANGED (share changed before a resync, default 0.01), Q (runs
// per replica query, default 25), S (runs per scan, default 5), PACED_N (companies for the paced
// comparison, default N; 0 skips it), KEEP (keep the temporary folder with the replica and the export).
// Run after a build: `pnpm turbo run build --filter=@intercom-explorer/replica... && pnpm --filter @intercom-explorer/replica bench`.
import { spawn } from "node:child_process"
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { Companies, formatCompanies, inBackground, IntercomClient, Tags } from "@intercom-explorer/core"
import { Replica, syncReplica } from "@intercom-explorer/replica"
import { Effect, Layer, Stream } from "effect"

const N = Number(process.env.N ?? 100_000)
const R = Number(process.env.R ?? 3)
const Q = Number(process.env.Q ?? 25)
const S = Number(process.env.S ?? 5)
const CHANGED = Number(process.env.CHANGED ?? 0.01)
const PACED_N = Number(process.env.PACED_N ?? N)
const TOKEN = "bench-token"
/** The simulator's reference time (2026-01-01 UTC): its seeded dates lead up to it; ages count from it. */
const NOW = Date.UTC(2026, 0, 1) / 1000

/** A simulator in a child process; `options` beyond these are the simulator's defaults. */
const simulator = async (options) => {
  const child = spawn(process.execPath, ["--input-type=module", "-e", `
    const { startSimulator } = await import("@intercom-explorer/simulator")
    const sim = await startSimulator(${JSON.stringify({ token: TOKEN, ...options })})
    console.log(sim.url)`], { stdio: ["ignore", "pipe", "inherit"] })
  const url = await new Promise((resolve) => child.stdout.once("data", (d) => resolve(String(d).trim())))
  return { child, client: IntercomClient.layer({ token: TOKEN, baseUrl: url }) }
}

const server = await simulator({ companies: N, rateLimit: 1_000_000 })
const dir = mkdtempSync(path.join(tmpdir(), "replica-bench-"))
const dbFile = path.join(dir, "replica.sqlite")
const ndjsonFile = path.join(dir, "export.ndjson")
const client = server.client

const removeReplica = (file) => {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true })
}

const syncWith = (layer, file) =>
  Effect.runPromise(syncReplica().pipe(Effect.provide(Layer.merge(Replica.layer({ file, create: true }), layer))))

const exportWith = (layer, file = ndjsonFile, lane = (effect) => effect) =>
  Effect.runPromise(Effect.gen(function*() {
    const companies = yield* Companies
    const fd = openSync(file, "w")
    let count = 0
    yield* Stream.runForEachArray(companies.scroll(), (page) =>
      Effect.sync(() => {
        count += page.length
        writeSync(fd, formatCompanies("ndjson", page))
      }))
    closeSync(fd)
    return count
  }).pipe(lane, Effect.provide(layer)))

/** Changes `CHANGED` of the companies on the server: one tag request, alternately tagging and untagging them. */
let changeRound = 0
const changeOnServer = () =>
  Effect.runPromise(Effect.gen(function*() {
    const tags = yield* Tags
    const companies = yield* Companies
    const ids = []
    yield* Stream.runForEachArray(companies.scroll(), (page) => Effect.sync(() => {
      for (const c of page) if (ids.length < Math.round(N * CHANGED)) ids.push(c.id)
    }))
    changeRound += 1
    if (changeRound % 2 === 1) yield* tags.tagCompanies("Bench changed", ids)
    else yield* tags.untagCompanies("Bench changed", ids)
    return ids.length
  }).pipe(Effect.provide(client)))

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}
const size = (file) => {
  let total = 0
  for (const f of [file, `${file}-wal`]) {
    try {
      total += statSync(f).size
    } catch {
      // no WAL
    }
  }
  return total
}
const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`

// The same queries as plain predicates over the companies as exported, with their order.
const fold = (s) => (typeof s === "string" ? s.toLowerCase() : "")
const has = (c, name) => (c.tags?.tags ?? []).some((t) => fold(t.name) === name)
const inSegment = (c, name) => (c.segments?.segments ?? []).some((s) => fold(s.name) === name)
const byName = (a, b) => (a.name == null) - (b.name == null) || (fold(a.name) < fold(b.name) ? -1 : fold(a.name) > fold(b.name) ? 1 : 0)
const desc = (key) => (a, b) => (a[key] == null) - (b[key] == null) || (b[key] ?? 0) - (a[key] ?? 0)
const queries = [
  ["plan:Pro spend>2000", (c) => fold(c.plan?.name) === "pro" && c.monthly_spend > 2000, byName],
  ["acme", (c) => fold(c.name).includes("acme") || fold(c.company_id).includes("acme"), byName],
  ["tag:VIP -tag:\"Churn risk\" sort:-spend", (c) => has(c, "vip") && !has(c, "churn risk"), desc("monthly_spend")],
  ["seen>90d sort:-seen", (c) => c.last_request_at != null && NOW - c.last_request_at > 90 * 86_400, desc("last_request_at")],
  ["custom.seats>400 custom.is_partner:true", (c) => c.custom_attributes?.seats > 400 && c.custom_attributes?.is_partner === true, byName],
  ["industry:\"Financial Services\" size:10..50 sort:-size", (c) => fold(c.industry) === "financial services" && c.size >= 10 && c.size <= 50, desc("size")],
  ["no:website", (c) => c.website == null || c.website === "", byName],
  ["segment:\"High spenders\"", (c) => inSegment(c, "high spenders"), byName],
  ["name:sum*", (c) => fold(c.name).startsWith("sum"), byName],
  ["", () => true, byName]
]

const scan = (predicate, order) => {
  const matches = []
  for (const line of readFileSync(ndjsonFile, "utf8").split("\n")) {
    if (line === "") continue
    const company = JSON.parse(line)
    if (predicate(company)) matches.push(company)
  }
  matches.sort(order)
  return { count: matches.length, page: matches.slice(0, 100) }
}

const report = []
try {
  const rounds = { export: [], first: [], resync: [] }
  const sizes = []
  let staged = []
  for (let round = 0; round < R; round++) {
    const runs = [
      ["export", () => exportWith(client)],
      ["first", async () => {
        removeReplica(dbFile)
        const summary = await syncWith(client, dbFile)
        sizes.push(size(dbFile))
        return summary.companies
      }],
      ["resync", async () => {
        const summary = await syncWith(client, dbFile)
        staged.push(`${summary.staged} staged, ${summary.mode}`)
        sizes.push(size(dbFile))
        return summary.companies
      }]
    ]
    for (const [name, run] of runs) {
      if (name === "resync") await changeOnServer()
      const t0 = performance.now()
      const count = await run()
      rounds[name].push(performance.now() - t0)
      if (count !== N) throw new Error(`${name} delivered ${count} companies, expected ${N}`)
    }
  }
  const exportMs = median(rounds.export)
  const line = (label, values) =>
    `  ${label.padEnd(10)} ${median(values).toFixed(0).padStart(6)} ms   [${values.map((v) => v.toFixed(0)).join(", ")}]${label === "export" ? "" : `   / export ${(median(values) / exportMs).toFixed(2)}x`}`
  report.push(`sync of ${N} companies vs core's scroll export (NDJSON), unthrottled simulator, median of ${R} interleaved rounds`)
  report.push(line("export", rounds.export))
  report.push(line("first", rounds.first))
  report.push(line("resync", rounds.resync) + `   (${(CHANGED * 100).toFixed(1)}% changed: ${staged.join("; ")})`)
  report.push(`database size: ${mb(sizes[0])} after a first sync (${mb((sizes[0] * 100_000) / N)} per 100,000 companies), ${mb(sizes.at(-1))} after the last resync; the NDJSON export is ${mb(statSync(ndjsonFile).size)}`)

  if (PACED_N > 0) {
    // Intercom's pace: the simulator's default rate limit; the sync takes the background lane's share.
    const paced = await simulator({ companies: PACED_N })
    try {
      const pacedFile = path.join(dir, "paced.sqlite")
      const pacedExport = path.join(dir, "paced.ndjson")
      const t0 = performance.now()
      const exported = await exportWith(paced.client, pacedExport)
      const t1 = performance.now()
      // The same export on the sync's lane: what the lane itself costs, apart from the replica's work.
      const exportedBehind = await exportWith(paced.client, pacedExport, inBackground)
      const t2 = performance.now()
      const synced = await syncWith(paced.client, pacedFile)
      const t3 = performance.now()
      if (exported !== PACED_N || exportedBehind !== PACED_N || synced.companies !== PACED_N) {
        throw new Error(`paced: export ${exported}/${exportedBehind}, sync ${synced.companies}, expected ${PACED_N}`)
      }
      report.push(`at Intercom's pace (the simulator's defaults: 166 requests per 10 s, 100 a page), ${PACED_N} companies, one round`)
      report.push(`  export ${(t1 - t0).toFixed(0)} ms (interactive lane), ${(t2 - t1).toFixed(0)} ms (background lane); first sync ${(t3 - t2).toFixed(0)} ms (background lane)`)
      report.push(`  sync / export: ${((t3 - t2) / (t1 - t0)).toFixed(2)}x (target <= 1.15x); on the same lane ${((t3 - t2) / (t2 - t1)).toFixed(2)}x`)
      removeReplica(pacedFile)
    } finally {
      paced.child.kill()
    }
  }

  report.push(`queries over ${N} companies: count + first page of 100, replica p50/p95 of ${Q} runs vs an NDJSON scan p50/p95 of ${S} runs`)
  report.push("  query                                                     replica p50   p95      scan p50     p95    p50 ratio")
  const ratios = []
  await Effect.runPromise(Effect.gen(function*() {
    const replica = yield* Replica
    for (const [query, predicate, order] of queries) {
      const reference = scan(predicate, order)
      const count = yield* replica.count(query, { now: NOW })
      if (count !== reference.count) throw new Error(`${query}: replica ${count}, scan ${reference.count}`)
      const times = []
      for (let i = 0; i < Q; i++) {
        const t0 = performance.now()
        yield* replica.count(query, { now: NOW })
        yield* replica.pageRaw(query, { limit: 100, now: NOW })
        times.push(performance.now() - t0)
      }
      const scans = []
      for (let i = 0; i < S; i++) {
        const t0 = performance.now()
        scan(predicate, order)
        scans.push(performance.now() - t0)
      }
      const ratio = percentile(scans, 50) / percentile(times, 50)
      ratios.push(ratio)
      report.push(
        `  ${(query === "" ? "(everything)" : query).padEnd(56)} ${percentile(times, 50).toFixed(1).padStart(8)} ms ${percentile(times, 95).toFixed(1).padStart(6)} ms ${percentile(scans, 50).toFixed(0).padStart(8)} ms ${percentile(scans, 95).toFixed(0).padStart(6)} ms ${ratio.toFixed(0).padStart(8)}x`
      )
    }
  }).pipe(Effect.provide(Replica.layer({ file: dbFile }))))
  report.push(`  slowest ratio ${Math.min(...ratios).toFixed(0)}x, median ratio ${median(ratios).toFixed(0)}x (target >= 20x)`)
} finally {
  server.child.kill()
  if (process.env.KEEP === undefined) rmSync(dir, { recursive: true, force: true })
  else console.log(`kept ${dir}`)
}
console.log(report.join("\n"))
