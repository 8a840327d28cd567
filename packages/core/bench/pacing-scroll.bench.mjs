// Pacing lanes on a sequential job: core's `Companies.scroll()` over N companies (each page needs the
// one before's scroll_param, so one request at a time), at the simulator's defaults (166 per 10 s
// window, 100 companies a page), once on each lane, each on a fresh client from a window boundary
// (a full first window: no budget saved up before the start). Printed per lane:
//   elapsed / ideal   ideal = requests / (limit - reserve) windows: the whole budget down to the reserve
//   per window        requests the server counted in each full window (first and last excluded), read
//                     from the X-RateLimit headers after every page: min / median / max, against limit - reserve
//   lowest remaining  the lowest X-RateLimit-Remaining seen: below the reserve means the reserve was spent
//   429s              answered by the simulator during the run
// Env: N (default 30000), LIMIT (166), WINDOW_MS (10000), LANES (default "interactive,background").
// Run after a build: `pnpm --filter @intercom-explorer/core... build && node bench/pacing-scroll.bench.mjs`.
import { spawn } from "node:child_process"
import { Companies, IntercomClient, inBackground, RateLimitState } from "@intercom-explorer/core"
import { Effect, Stream } from "effect"

const N = Number(process.env.N ?? 30000)
const LIMIT = Number(process.env.LIMIT ?? 166)
const WINDOW_MS = Number(process.env.WINDOW_MS ?? 10000)
const LANES = (process.env.LANES ?? "interactive,background").split(",")
const TOKEN = "bench-token"
const RESERVE = Math.max(1, Math.ceil(LIMIT * 0.1)) // the client's default reserveFraction
const USABLE = LIMIT - RESERVE

const server = spawn(process.execPath, ["--input-type=module", "-e", `
  const { startSimulator } = await import("@intercom-explorer/simulator")
  const sim = await startSimulator({ companies: ${N}, token: ${JSON.stringify(TOKEN)}, rateLimit: ${LIMIT}, rateWindowMs: ${WINDOW_MS} })
  console.log(sim.url)`], { stdio: ["ignore", "pipe", "inherit"] })
const url = await new Promise((resolve) => server.stdout.once("data", (d) => resolve(String(d).trim())))

const limited = async () => (await (await fetch(new URL("/__admin/state", url))).json()).rate_limit.limited
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
const nextWindow = () => sleep(WINDOW_MS - (Date.now() % WINDOW_MS) + 5)

const run = (lane) =>
  Effect.runPromise(Effect.gen(function*() {
    const companies = yield* Companies
    const state = yield* RateLimitState
    // The lowest Remaining seen per window (by its Reset): limit minus it is what the server counted.
    const lowest = new Map()
    let scrolled = 0
    const scroll = Stream.runForEachArray(companies.scroll(), (page) =>
      Effect.sync(() => {
        scrolled += page.length
        const seen = state.current()
        if (seen !== undefined) lowest.set(seen.resetAtMillis, Math.min(lowest.get(seen.resetAtMillis) ?? LIMIT, seen.remaining))
      }))
    yield* Effect.promise(nextWindow)
    const before = yield* Effect.promise(limited)
    const t0 = performance.now()
    yield* lane === "background" ? inBackground(scroll) : scroll
    const elapsed = performance.now() - t0
    const perWindow = [...lowest.values()].map((remaining) => LIMIT - remaining)
    return { scrolled, elapsed, perWindow, lowest: Math.min(...lowest.values()), rateLimited: (yield* Effect.promise(limited)) - before }
  }).pipe(Effect.provide(IntercomClient.layer({ token: TOKEN, baseUrl: url }))))

const results = {}
try {
  for (const lane of LANES) results[lane] = await run(lane)
} finally {
  server.kill()
}

console.log(`sequential scroll of ${N} companies at ${LIMIT} per ${WINDOW_MS} ms (reserve ${RESERVE}, ${USABLE} usable), from a window boundary`)
console.log("lane          requests   elapsed ms   ideal ms   elapsed/ideal   per full window min/median/max   lowest remaining   429s")
for (const lane of LANES) {
  const r = results[lane]
  if (r.scrolled !== N) throw new Error(`${lane}: scrolled ${r.scrolled} companies, expected ${N}`)
  const requests = r.perWindow.reduce((a, b) => a + b, 0)
  const ideal = requests / USABLE * WINDOW_MS
  const full = r.perWindow.slice(1, -1).sort((a, b) => a - b)
  const spread = full.length === 0 ? "-" : `${full[0]} / ${full[full.length >> 1]} / ${full.at(-1)}`
  console.log(
    `${lane.padEnd(12)} ${String(requests).padStart(9)}   ${r.elapsed.toFixed(0).padStart(10)}   ${ideal.toFixed(0).padStart(8)}   ${(r.elapsed / ideal).toFixed(3).padStart(13)}   ${spread.padStart(30)}   ${String(r.lowest).padStart(16)}   ${String(r.rateLimited).padStart(4)}`
  )
}
