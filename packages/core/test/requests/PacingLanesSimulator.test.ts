import { assert, describe, layer } from "@effect/vitest"
import { Array as Arr, Clock, Effect, Stream } from "effect"
import { inBackground } from "../../src/requests/PacingLane.js"
import { Companies } from "../../src/services/Companies.js"
import { clientLayer, Sim } from "../support/Simulator.js"

// Short windows (30 requests per 1 s) on the live clock, so a run of several windows takes seconds.
const LIMIT = 30
const WINDOW_MS = 1_000
const RESERVE = Math.ceil(LIMIT * 0.1) // the client's default reserveFraction
const USABLE = LIMIT - RESERVE

/** Every API answer the simulator logged, with the time it was counted (same clock as its windows). */
const answers: Array<{ readonly at: number; readonly status: number }> = []
const recordAnswer = (line: string) => {
  const [, path, status] = line.split(" ")
  if (path !== undefined && !path.startsWith("/__admin")) answers.push({ at: Date.now(), status: Number(status) })
}

/** Requests the server counted in each window the run covered from start to end (first and last partial). */
const perWindow = (from: number, to: number): Array<number> => {
  const first = Math.floor(from / WINDOW_MS)
  const counts = Array.from({ length: Math.floor(to / WINDOW_MS) - first + 1 }, () => 0)
  for (const { at } of answers) if (at >= from && at <= to) counts[Math.floor(at / WINDOW_MS) - first]! += 1
  return counts
}

/** Interactive lookups, one after another at uneven intervals (so they land at every phase of a window), each timed. */
const sprinkleClicks = (ids: ReadonlyArray<string>, count: number) =>
  Effect.gen(function*() {
    const companies = yield* Companies
    const waits: Array<number> = []
    for (let i = 0; i < count; i++) {
      yield* Effect.sleep(350 + ((i * 137) % 400))
      const started = yield* Clock.currentTimeMillis
      yield* companies.retrieve(ids[i % ids.length]!)
      waits.push((yield* Clock.currentTimeMillis) - started)
    }
    return waits
  })

const assertRunProperties = (run: { from: number; to: number; waits: ReadonlyArray<number> }) => {
  assert.isAbove(answers.length, 0)
  assert.deepStrictEqual(answers.filter((a) => a.status === 429), [], "the server answered a request with 429")
  // One window at most, plus the 150 ms reset margin and the request itself: generous on purpose.
  for (const wait of run.waits) assert.isAtMost(wait, WINDOW_MS + 500, `an interactive request waited ${wait} ms`)
  // Windows the run covered whole use the budget down to the reserve: each carries USABLE, give or
  // take an answer logged across a window edge. A stall of this shared machine can cost a window
  // many (CI once saw 15 of 27 in one window while the rest carried 26-27), so the typical window
  // (the median) must carry USABLE - 1, and no full window may collapse.
  const full = perWindow(run.from, run.to).slice(1, -1)
  const shown = full.join(", ")
  assert.isAtLeast(full.length, 3, `windows: ${shown}`)
  const median = [...full].sort((a, b) => a - b)[Math.floor(full.length / 2)]!
  assert.isAtLeast(median, USABLE - 1, `requests in the full windows: ${shown}`)
  for (const count of full) {
    assert.isAtLeast(count, USABLE / 2, `requests in the full windows: ${shown}`)
    assert.isAtMost(count, LIMIT)
  }
}

describe("pacing lanes against the simulator's rate limit", () => {
  layer(
    clientLayer({ companies: 400, scrollPageSize: 3, rateLimit: LIMIT, rateWindowMs: WINDOW_MS, log: recordAnswer }),
    { excludeTestServices: true }
  )((it) => {
    it.effect("a background run at the limit with interactive requests sprinkled in: zero 429s, each interactive request within a window, the budget used down to the reserve", () =>
      Effect.gen(function*() {
        const companies = yield* Companies
        const sim = yield* Sim
        const ids = sim.state.companies.ids()
        answers.length = 0
        const from = yield* Clock.currentTimeMillis
        const background = inBackground(
          Effect.forEach(Arr.range(1, USABLE * 7), (i) => companies.retrieve(ids[i % ids.length]!), {
            concurrency: 8,
            discard: true
          })
        )
        const [, waits] = yield* Effect.all([background, sprinkleClicks(ids, 10)], { concurrency: 2 })
        const to = yield* Clock.currentTimeMillis
        assert.strictEqual(waits.length, 10)
        assert.strictEqual(sim.state.rateLimit.limited, 0)
        assertRunProperties({ from, to, waits })
      }), { timeout: 60_000 })

    it.effect("a background scroll (a sync) with interactive requests beside it: the same properties, every company once", () =>
      Effect.gen(function*() {
        const companies = yield* Companies
        const sim = yield* Sim
        const ids = sim.state.companies.ids()
        answers.length = 0
        const limitedBefore = sim.state.rateLimit.limited
        const from = yield* Clock.currentTimeMillis
        const sync = inBackground(Stream.runCollect(companies.scroll()))
        const [scrolled, waits] = yield* Effect.all([sync, sprinkleClicks(ids, 6)], { concurrency: 2 })
        const to = yield* Clock.currentTimeMillis
        assert.strictEqual(new Set(scrolled.map((c) => c.id)).size, ids.length)
        assert.strictEqual(sim.state.rateLimit.limited, limitedBefore)
        assertRunProperties({ from, to, waits })
      }), { timeout: 60_000 })
  })
})
