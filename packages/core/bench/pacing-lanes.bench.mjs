// Pacing lanes: N company updates (PUT /companies/{id}, 4 at a time) at the simulator's rate limit,
// with an interactive lookup every ~0.37 window beside them, run on each lane of core's Pacing:
//   background  the bulk inside `inBackground`: the whole budget down to the reserve, spread evenly
//   interactive the same bulk on the default lane (the rule before lanes: burst half, spread the rest)
// Each run starts on a fresh client at a window boundary (the worst phase: a full first window
// takes no shortcut). Printed per lane, medians of R rounds, interleaved:
//   ratio   elapsed / (requests / limit windows), requests = the updates and the lookups beside
//           them: what the budget costs; the reserve alone makes it 1 / (1 - reserve share), "ideal"
//   429s    answered by the simulator during the run (the client would retry them unseen)
//   wait    interactive lookups' time from call to answer (pacing and the request itself): median,
//           95th percentile and worst, and worst / window
// Ratios are reported, never asserted. Env: N (default 1000), LIMIT (166, Intercom's per 10 s),
// WINDOW_MS (1000: whole seconds, since X-RateLimit-Reset is in unix seconds), R (rounds, 3),
// LANES (default "background,interactive").
// Run after a build: `pnpm --filter @intercom-explorer/core... build && node bench/pacing-lanes.bench.mjs`.
import { spawn } from "node:child_process"
import { Companies, inBackground, IntercomClient, UpdateCompanyRequest, validateRequest } from "@intercom-explorer/core"
import { Effect, Fiber, Result, Stream } from "effect"

const N = Number(process.env.N ?? 1000)
const LIMIT = Number(process.env.LIMIT ?? 166)
const WINDOW_MS = Number(process.env.WINDOW_MS ?? 1000)
const R = Number(process.env.R ?? 3)
const TOKEN = "bench-token"
const RESERVE = Math.max(1, Math.ceil(LIMIT * 0.1)) // the client's default reserveFraction

const server = spawn(process.execPath, ["--input-type=module", "-e", `
  const { startSimulator } = await import("@intercom-explorer/simulator")
  const sim = await startSimulator({ companies: ${N}, token: ${JSON.stringify(TOKEN)}, rateLimit: ${LIMIT}, rateWindowMs: ${WINDOW_MS} })
  console.log(sim.url)`], { stdio: ["ignore", "pipe", "inherit"] })
const url = await new Promise((resolve) => server.stdout.once("data", (d) => resolve(String(d).trim())))

const limited = async () => (await (await fetch(new URL("/__admin/state", url))).json()).rate_limit.limited
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
const nextWindow = () => sleep(WINDOW_MS - (Date.now() % WINDOW_MS) + 5)

const body = (i) => {
  const result = validateRequest(UpdateCompanyRequest)({ monthly_spend: i })
  if (Result.isFailure(result)) throw new Error(result.failure.message)
  return result.success
}

// The window is given: a client learns it only at its first reset (it assumes Intercom's 10 s until
// then, and a 1 s window's first budget goes out in a burst), and each run starts a fresh client.
const withClient = (effect) =>
  Effect.runPromise(Effect.provide(effect, IntercomClient.layer({ token: TOKEN, baseUrl: url, pacing: { windowMillis: WINDOW_MS } })))

let ids = []

const run = (lane) =>
  withClient(Effect.gen(function*() {
    const companies = yield* Companies
    const waits = []
    const bulk = Effect.forEach(ids, (id, i) => companies.update(id, body(i)), { concurrency: 4, discard: true })
    const clicks = Effect.gen(function*() {
      for (let i = 0;; i++) {
        yield* Effect.sleep(Math.round(WINDOW_MS * 0.37))
        const t0 = performance.now()
        yield* companies.retrieve(ids[(i * 7) % ids.length])
        waits.push(performance.now() - t0)
      }
    })
    yield* Effect.promise(nextWindow)
    const before = yield* Effect.promise(limited)
    const t0 = performance.now()
    const clicking = yield* Effect.forkChild(clicks)
    yield* lane === "background" ? inBackground(bulk) : bulk
    // The run ends with its last update; lookups stop there.
    const elapsed = performance.now() - t0
    yield* Fiber.interrupt(clicking)
    return { elapsed, requests: N + waits.length, waits, rateLimited: (yield* Effect.promise(limited)) - before }
  }))

const quantile = (values, q) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * q))]
const median = (values) => quantile(values, 0.5)
const lanes = (process.env.LANES ?? "background,interactive").split(",")
const results = Object.fromEntries(lanes.map((lane) => [lane, []]))
try {
  const scrolled = await withClient(Effect.flatMap(Effect.service(Companies), (c) => Stream.runCollect(c.scroll())))
  ids = scrolled.map((c) => c.id)
  if (ids.length !== N) throw new Error(`scrolled ${ids.length} companies, expected ${N}`)
  for (let round = 0; round < R; round++) for (const lane of lanes) results[lane].push(await run(lane))
} finally {
  server.kill()
}

console.log(`${N} updates at ${LIMIT} per ${WINDOW_MS} ms (reserve ${RESERVE}), 4 at a time, median of ${R} rounds`)
console.log(`ideal ratio (the reserve alone): ${(LIMIT / (LIMIT - RESERVE)).toFixed(3)}`)
console.log("lane          elapsed ms   ratio   429s   wait p50 ms   p95 ms   max ms   max / window")
for (const lane of lanes) {
  const rounds = results[lane]
  const elapsed = median(rounds.map((r) => r.elapsed))
  const ratio = median(rounds.map((r) => r.elapsed / (r.requests / LIMIT * WINDOW_MS)))
  const waits = rounds.flatMap((r) => r.waits)
  const max = Math.max(...waits)
  console.log(
    `${lane.padEnd(12)} ${elapsed.toFixed(0).padStart(11)}   ${ratio.toFixed(3)}   ${String(rounds.reduce((a, r) => a + r.rateLimited, 0)).padStart(4)}   ${median(waits).toFixed(0).padStart(11)}   ${quantile(waits, 0.95).toFixed(0).padStart(6)}   ${max.toFixed(0).padStart(6)}   ${(max / WINDOW_MS).toFixed(2).padStart(12)}`
  )
}
