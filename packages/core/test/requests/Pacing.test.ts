import { RateLimitState } from "@intercom-explorer/http"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Fiber, Layer } from "effect"
import { TestClock } from "effect/testing"
import { Pacing } from "../../src/requests/Pacing.js"
import { decide } from "../../src/requests/PacingRule.js"

const snapshot = (remaining: number, resetInMillis: number, limit = 100) => ({
  limit,
  remaining,
  resetAtMillis: 1_000_000 + resetInMillis,
  observedAtMillis: 1_000_000
})

describe("Pacing.decide", () => {
  const base = { issued: 0, inFlight: 0, nowMillis: 1_000_000, reserveFraction: 0.1 }

  it("goes while more than half the budget is left", () => {
    assert.deepStrictEqual(decide({ ...base, snapshot: snapshot(80, 5_000) }), { _tag: "Go" })
  })

  it("spreads the rest of the budget over the window when under half is left", () => {
    // 30 left, reserve 10 -> 20 usable over 5 s: 21 gaps of 238 ms, so the 20th goes before the reset
    // (every 250 ms put it at the reset, in the next window: each window one short of its budget).
    const decision = decide({ ...base, snapshot: snapshot(30, 5_000) })
    assert.strictEqual(decision._tag, "Wait")
    if (decision._tag === "Wait") {
      assert.closeTo(decision.millis, 5_000 / 21, 1e-6)
      assert.isTrue(decision.thenGo)
    }
  })

  it("waits for the reset (plus a margin) once only the reserve is left", () => {
    assert.deepStrictEqual(decide({ ...base, snapshot: snapshot(10, 4_000) }), { _tag: "Wait", millis: 4_150, thenGo: false })
  })

  it("counts requests issued and in flight since the snapshot", () => {
    const decision = decide({ ...base, issued: 15, inFlight: 5, snapshot: snapshot(30, 4_000) })
    assert.strictEqual(decision._tag, "Wait")
    if (decision._tag === "Wait") assert.isFalse(decision.thenGo)
  })

  it("treats a past reset as a fresh window of the full limit", () => {
    assert.deepStrictEqual(decide({ ...base, nowMillis: 1_006_000, snapshot: snapshot(0, 5_000) }), { _tag: "Go" })
  })

  it("never waits longer than one window when the server clock is far ahead", () => {
    const decision = decide({ ...base, snapshot: snapshot(0, 3_600_000) })
    assert.strictEqual(decision._tag === "Wait" ? decision.millis : 0, 10_150)
  })
})

describe("Pacing.paced", () => {
  const layer = Pacing.layer({ reserveFraction: 0.1 }).pipe(Layer.provideMerge(RateLimitState.layer))

  it.effect("holds requests back until the window resets once the budget is spent", () =>
    Effect.gen(function*() {
      const pacing = yield* Pacing
      const state = yield* RateLimitState
      yield* state.record({ limit: 10, remaining: 1, resetAtMillis: 5_000, observedAtMillis: 0 })
      const fiber = yield* pacing.paced(Effect.succeed("sent")).pipe(Effect.forkChild)
      yield* TestClock.adjust("5 seconds")
      assert.isUndefined(fiber.pollUnsafe())
      yield* TestClock.adjust("200 millis")
      assert.strictEqual(yield* Fiber.join(fiber), "sent")
    }).pipe(Effect.provide(layer)))

  it.effect("lets requests through at once while the budget is healthy", () =>
    Effect.gen(function*() {
      const pacing = yield* Pacing
      const state = yield* RateLimitState
      yield* state.record({ limit: 100, remaining: 90, resetAtMillis: 10_000, observedAtMillis: 0 })
      const results = yield* Effect.forEach([1, 2, 3], (n) => pacing.paced(Effect.succeed(n)))
      assert.deepStrictEqual(results, [1, 2, 3])
    }).pipe(Effect.provide(layer)))
})
