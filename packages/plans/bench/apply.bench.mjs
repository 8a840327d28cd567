// Bulk apply at the rate limit: a plan of N company updates (one changed field each, from a replica
// query) applied by `applyPlan` against the simulator at its rate limit, side by side with the same N
// updates through the official `intercom-client` SDK with its default retries (a script's loop,
// `await client.companies.update(...)` one after another), interleaved over R rounds. Printed:
//   ratio   elapsed / (requests / limit windows): requests = every request the simulator admitted
//           during the run (the apply's current-state reads included); the 10% reserve alone makes
//           it 1.11; the target is at most 1.12
//   429s    answered by the simulator during the run
//   ours / sdk  wall time of the apply over the SDK's loop (target: no worse, <= 1.00)
//   "ours, no reserve": the same apply with `pacing.reserveFraction: 0` (what a user may choose when
//           nothing else uses the app): how much of the gap to the SDK is the reserve's
// The SDK has no reserve: it takes the whole budget, so it meets 429s (which, on a real app, other
// integrations and the user's own clicks would meet too).
// Ratios are reported, never asserted. Env: N (1000), LIMIT (166, Intercom's per 10 s), WINDOW_MS
// (1000), R (3). Run after a build: `pnpm --filter @intercom-explorer/plans... build && node bench/apply.bench.mjs`.
import { spawn } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { IntercomClient } from "@intercom-explorer/core"
import { applyPlan, Journal, journalFileFor, planFromQuery, rowResults } from "@intercom-explorer/plans"
import { Replica, syncReplica } from "@intercom-explorer/replica"
import { Effect, Layer, Stream } from "effect"
import { IntercomClient as Sdk } from "intercom-client"

const N = Number(process.env.N ?? 1000)
const LIMIT = Number(process.env.LIMIT ?? 166)
const WINDOW_MS = Number(process.env.WINDOW_MS ?? 1000)
const R = Number(process.env.R ?? 3)
const TOKEN = "bench-token"

const server = spawn(process.execPath, ["--input-type=module", "-e", `
  const { startSimulator } = await import("@intercom-explorer/simulator")
  const sim = await startSimulator({ companies: ${N}, token: ${JSON.stringify(TOKEN)}, rateLimit: ${LIMIT}, rateWindowMs: ${WINDOW_MS} })
  console.log(sim.url)`], { stdio: ["ignore", "pipe", "inherit"] })
const url = await new Promise((resolve) => server.stdout.once("data", (d) => resolve(String(d).trim())))
const dir = mkdtempSync(path.join(tmpdir(), "apply-bench-"))
const replicaFile = path.join(dir, "replica.sqlite")

const rate = async () => (await (await fetch(new URL("/__admin/state", url))).json()).rate_limit
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
const nextWindow = () => sleep(WINDOW_MS - (Date.now() % WINDOW_MS) + 5)

// A fresh client per run, told the window (a client learns it only at its first reset).
const client = (reserveFraction) =>
  IntercomClient.layer({ token: TOKEN, baseUrl: url, pacing: { windowMillis: WINDOW_MS, ...(reserveFraction === undefined ? {} : { reserveFraction }) } })
const withReplica = (effect) => Effect.runPromise(Effect.provide(effect, Layer.merge(client(), Replica.layer({ file: replicaFile, create: true }))))

const measure = async (run) => {
  await nextWindow()
  const before = await rate()
  const t0 = performance.now()
  const outcome = await run()
  const elapsed = performance.now() - t0
  const after = await rate()
  const requests = after.allowed - before.allowed
  return { elapsed, requests, limited: after.limited - before.limited, ratio: elapsed / ((requests / LIMIT) * WINDOW_MS), outcome }
}

const ours = (round, reserveFraction) =>
  measure(async () => {
    const plan = await withReplica(planFromQuery({ query: "", set: [`monthly_spend=${10_000 + round}`] }))
    if (plan.operations.length !== N) throw new Error(`plan has ${plan.operations.length} operations, expected ${N}`)
    const summary = await Effect.runPromise(
      Effect.provide(applyPlan(plan), Layer.merge(client(reserveFraction), Journal.layer({ file: journalFileFor(replicaFile) })))
    )
    if (summary.applied !== N) {
      const rows = await Effect.runPromise(Effect.provide(Stream.runCollect(rowResults(plan)), Journal.layer({ file: journalFileFor(replicaFile) })))
      throw new Error(`applied ${summary.applied} of ${N}: ${JSON.stringify(summary)}; first: ${JSON.stringify(rows.find((r) => r.outcome !== "applied"))}`)
    }
    return `${summary.applied} applied`
  })

const sdk = (round, ids) =>
  measure(async () => {
    const sdkClient = new Sdk({ token: TOKEN, baseUrl: url })
    let failed = 0
    for (const id of ids) {
      try {
        await sdkClient.companies.update({ company_id: id, body: { monthly_spend: 20_000 + round } })
      } catch {
        failed++
      }
    }
    return `${ids.length - failed} updated, ${failed} failed after retries`
  })

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
try {
  const synced = await withReplica(syncReplica())
  const ids = await withReplica(Effect.flatMap(Effect.service(Replica), (r) => r.pageRaw("", { limit: N }))).then((rows) => rows.map((row) => row.id))
  console.log(`apply bench: ${N} updates, limit ${LIMIT} per ${WINDOW_MS} ms, ${R} rounds (replica of ${synced.companies})`)
  const rows = { ours: [], "ours, no reserve": [], sdk: [] }
  for (let round = 0; round < R; round++) {
    // The SDK's writes of the round before made the replica stale: each plan is made after a sync (untimed).
    if (round > 0) await withReplica(syncReplica())
    rows.ours.push(await ours(round))
    await withReplica(syncReplica())
    rows["ours, no reserve"].push(await ours(100 + round, 0))
    rows.sdk.push(await sdk(round, ids))
  }
  for (const [name, runs] of Object.entries(rows)) {
    for (const [i, r] of runs.entries()) {
      console.log(`  ${name.padEnd(16)} round ${i + 1}: ${(r.elapsed / 1000).toFixed(2)} s, ${r.requests} requests, ratio ${r.ratio.toFixed(3)}, ${r.limited} 429s (${r.outcome})`)
    }
  }
  const oursWall = median(rows.ours.map((r) => r.elapsed))
  const sdkWall = median(rows.sdk.map((r) => r.elapsed))
  console.log(`ours: median ratio ${median(rows.ours.map((r) => r.ratio)).toFixed(3)} (target <= 1.12), 429s ${rows.ours.map((r) => r.limited).join("/")}`)
  console.log(`sdk:  median ratio ${median(rows.sdk.map((r) => r.ratio)).toFixed(3)}, 429s ${rows.sdk.map((r) => r.limited).join("/")}`)
  const bareWall = median(rows["ours, no reserve"].map((r) => r.elapsed))
  console.log(`ours, no reserve: median ratio ${median(rows["ours, no reserve"].map((r) => r.ratio)).toFixed(3)}, 429s ${rows["ours, no reserve"].map((r) => r.limited).join("/")}`)
  console.log(`ours / sdk wall: ${(oursWall / sdkWall).toFixed(2)}x (target <= 1.00); ours with no reserve / sdk: ${(bareWall / sdkWall).toFixed(2)}x`)
} finally {
  server.kill()
  rmSync(dir, { recursive: true, force: true })
}
