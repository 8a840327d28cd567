import { RateLimitState, type RateLimitSnapshot } from "@intercom-explorer/http"
import { assert, describe, it } from "@effect/vitest"
import { Clock, Effect, Fiber, Layer } from "effect"
import { TestClock } from "effect/testing"
import { Pacing } from "../../src/requests/Pacing.js"
import { inBackground } from "../../src/requests/PacingLane.js"
import { decide, type PacingDecision } from "../../src/requests/PacingRule.js"
import type { PacingLane } from "../../src/requests/PacingLane.js"

// What happens at a window's reset, on each lane: played against a model of the server's fixed
// windows (aligned to the epoch, Reset in unix seconds, as the simulator and Intercom's docs show),
// a lane alone must send `limit - reserve` in every full window, and never more.

/** The server's count: fixed windows, a quota per window, Reset rounded up to the second. */
const serverWindows = (limit: number, windowMillis: number) => {
  const counted = new Map<number, number>()
  return {
    counted,
    take: (nowMillis: number): RateLimitSnapshot => {
      const start = Math.floor(nowMillis / windowMillis) * windowMillis
      const used = (counted.get(start) ?? 0) + 1
      counted.set(start, used)
      const resetAtMillis = Math.ceil((start + windowMillis) / 1_000) * 1_000
      return { limit, remaining: limit - used, resetAtMillis, observedAtMillis: nowMillis }
    }
  }
}

const waitOf = (decision: PacingDecision): number => (decision._tag === "Wait" ? decision.millis : 0)

describe("Pacing.decide at a window's end", () => {
  const NOW = 1_000_000
  const base = { issued: 0, inFlight: 0, nowMillis: NOW, reserveFraction: 0.1, windowMillis: 10_000 }
  const snapshot = (remaining: number, resetInMillis: number) => ({
    limit: 100,
    remaining,
    resetAtMillis: NOW + resetInMillis,
    observedAtMillis: NOW
  })

  it("interactive sends its last request above the reserve before the reset, not at it", () => {
    // 1 left above the reserve, 200 ms to go: at the reset it would count in the next window, and the
    // window would end one short of its budget.
    const wait = waitOf(decide({ ...base, snapshot: snapshot(11, 200), lastAdmittedAtMillis: { interactive: NOW } }))
    assert.isBelow(wait, 200)
    assert.isAbove(wait, 0)
  })

  it("interactive spreads what is left evenly, the last one a gap before the reset", () => {
    // 20 above the reserve over 5,000 ms: 21 gaps of 238 ms, the 20th request 238 ms before the reset.
    const decision = decide({ ...base, snapshot: snapshot(30, 5_000), lastAdmittedAtMillis: { interactive: NOW } })
    assert.closeTo(waitOf(decision), 5_000 / 21, 1e-6)
  })

  // The rule alone against instant answers, as in PacingLanes.test.ts for background.
  const play = (lane: PacingLane) => {
    const windowMillis = 10_000
    const server = serverWindows(100, windowMillis)
    const start = 1_700_000_000_000
    let now = start + 3_000 // mid-window: the first window is partial
    let observed: RateLimitSnapshot | undefined
    let lastInteractive: number | undefined
    while (now < start + 5 * windowMillis) {
      const decision = decide({
        lane,
        snapshot: observed,
        issued: 0,
        inFlight: 0,
        nowMillis: now,
        reserveFraction: 0.1,
        windowMillis,
        lastAdmittedAtMillis: { interactive: lastInteractive }
      })
      if (decision._tag === "Wait") {
        now += Math.ceil(decision.millis)
        continue
      }
      if (lane === "interactive") lastInteractive = now
      observed = server.take(now)
    }
    return [...server.counted.values()]
  }

  for (const lane of ["interactive", "background"] as const) {
    it(`${lane}, played over windows, sends limit - reserve in every window`, () => {
      const counts = play(lane)
      assert.isAtLeast(counts.length, 5)
      assert.deepStrictEqual(counts, counts.map(() => 90))
    })
  }
})

describe("Pacing at a window's end, sequential requests on the TestClock", () => {
  // One request after another, each answered `latencyMillis` after it is counted: a scroll.
  const run = (options: {
    readonly lane: PacingLane
    readonly limit: number
    readonly windowMillis: number
    readonly latencyMillis: number
    readonly windows: number
  }) =>
    Effect.gen(function*() {
      const pacing = yield* Pacing
      const state = yield* RateLimitState
      const server = serverWindows(options.limit, options.windowMillis)
      // A third into a window, so the first window is partial.
      yield* TestClock.setTime(1_700_000_000_000 + Math.round(options.windowMillis / 3))
      const request = pacing.paced(Effect.gen(function*() {
        const snapshot = server.take(yield* Clock.currentTimeMillis)
        yield* Effect.sleep(options.latencyMillis)
        yield* state.record({ ...snapshot, observedAtMillis: yield* Clock.currentTimeMillis })
        return snapshot.remaining
      }))
      const lowest: Array<number> = []
      const loop = Effect.gen(function*() {
        for (;;) lowest.push(yield* request)
      })
      const fiber = yield* Effect.forkChild(options.lane === "background" ? inBackground(loop) : loop)
      yield* TestClock.adjust(options.windowMillis * options.windows)
      yield* Fiber.interrupt(fiber)
      // The first and the last window are partial.
      return { full: [...server.counted.values()].slice(1, -1), lowest: Math.min(...lowest) }
    }).pipe(Effect.provide(
      Pacing.layer({ reserveFraction: 0.1, windowMillis: options.windowMillis }).pipe(Layer.provideMerge(RateLimitState.layer))
    ))

  const cases = [
    { name: "Intercom's 166 per 10 s window, 30 ms a page", limit: 166, windowMillis: 10_000, latencyMillis: 30 },
    { name: "40 per 1 s window, 5 ms a request", limit: 40, windowMillis: 1_000, latencyMillis: 5 }
  ]
  for (const lane of ["interactive", "background"] as const) {
    for (const c of cases) {
      it.effect(`${lane}: ${c.name}: limit - reserve in every full window, the reserve never spent`, () =>
        Effect.gen(function*() {
          const reserve = Math.ceil(c.limit * 0.1)
          const { full, lowest } = yield* run({ ...c, lane, windows: 5 })
          assert.strictEqual(full.length, 4)
          assert.deepStrictEqual(full, full.map(() => c.limit - reserve))
          assert.strictEqual(lowest, reserve)
        }))
    }
  }
})
