import { RateLimitState } from "@intercom-explorer/http"
import { assert, describe, layer } from "@effect/vitest"
import { Effect } from "effect"
import { inBackground, type PacingLane } from "../../src/requests/PacingLane.js"
import { Companies } from "../../src/services/Companies.js"
import { clientLayer, Sim } from "../support/Simulator.js"

// Sequential requests (each waits for the one before, as a scroll's pages do) on the live clock,
// 40 per 1 s window: each lane alone must carry `limit - reserve` in every full window and never
// touch the reserve. Counted from the headers, which say what the server counted in each window.
const LIMIT = 40
const WINDOW_MS = 1_000
const RESERVE = Math.ceil(LIMIT * 0.1) // the client's default reserveFraction
const USABLE = LIMIT - RESERVE

/** Requests the server counted per window (by its Reset), in order, from the lowest Remaining seen. */
const sequentialRun = (lane: PacingLane, windows: number) =>
  Effect.gen(function*() {
    const companies = yield* Companies
    const state = yield* RateLimitState
    const ids = (yield* Sim).state.companies.ids()
    const lowest = new Map<number, number>()
    const loop = Effect.gen(function*() {
      for (let i = 0; lowest.size <= windows; i++) {
        yield* companies.retrieve(ids[i % ids.length]!)
        const seen = state.current()
        if (seen !== undefined) lowest.set(seen.resetAtMillis, Math.min(lowest.get(seen.resetAtMillis) ?? LIMIT, seen.remaining))
      }
    })
    yield* lane === "background" ? inBackground(loop) : loop
    return [...lowest.values()].map((remaining) => LIMIT - remaining)
  })

describe("each lane alone, sequential requests, against the simulator's windows", () => {
  layer(
    clientLayer({ companies: 20, rateLimit: LIMIT, rateWindowMs: WINDOW_MS }),
    { excludeTestServices: true }
  )((it) => {
    for (const lane of ["interactive", "background"] as const) {
      it.effect(`${lane}: limit - reserve in every full window, the reserve never spent, no 429`, () =>
        Effect.gen(function*() {
          const sim = yield* Sim
          const limitedBefore = sim.state.rateLimit.limited
          const counts = yield* sequentialRun(lane, 7)
          // The client learns the window's length at its first reset (it assumes 10 s before), the
          // run may start in a window an earlier test used, and it stops in the middle of the last.
          const full = counts.slice(2, -1)
          const shown = counts.join(", ")
          assert.strictEqual(full.length, 5, `windows: ${shown}`)
          for (const count of counts) assert.isAtMost(count, USABLE, `the reserve was spent: ${shown}`)
          // A stall of this shared machine at a window's end can cost that window a few requests (seen:
          // 29 once): the median window must carry the whole budget, which one request short in every
          // window (the rule before, 35 each) fails, and no full window may collapse.
          const median = [...full].sort((a, b) => a - b)[full.length >> 1]
          assert.strictEqual(median, USABLE, `requests per full window: ${shown}`)
          for (const count of full) assert.isAtLeast(count, USABLE / 2, `requests per full window: ${shown}`)
          assert.strictEqual(sim.state.rateLimit.limited, limitedBefore, "the server answered a request with 429")
        }), { timeout: 30_000 })
    }
  })
})
