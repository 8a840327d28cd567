import { assert, describe, it } from "@effect/vitest"
import { Effect, Fiber, Option, Stream } from "effect"
import { parseRateLimitHeaders, RateLimitState } from "../src/index.js"

describe("parseRateLimitHeaders", () => {
  it("reads the three headers, reset in unix seconds", () => {
    const snapshot = parseRateLimitHeaders(
      { "x-ratelimit-limit": "166", "x-ratelimit-remaining": "3", "x-ratelimit-reset": "1700000000" },
      42
    )
    assert.deepStrictEqual(snapshot, { limit: 166, remaining: 3, resetAtMillis: 1_700_000_000_000, observedAtMillis: 42 })
  })

  it("ignores answers without complete, numeric headers", () => {
    assert.isUndefined(parseRateLimitHeaders({}, 0))
    assert.isUndefined(parseRateLimitHeaders({ "x-ratelimit-limit": "166", "x-ratelimit-remaining": "3" }, 0))
    assert.isUndefined(
      parseRateLimitHeaders({ "x-ratelimit-limit": "lots", "x-ratelimit-remaining": "3", "x-ratelimit-reset": "1" }, 0)
    )
  })
})

describe("RateLimitState", () => {
  const snap = (remaining: number, resetAtMillis: number) => ({ limit: 10, remaining, resetAtMillis, observedAtMillis: 0 })

  it.effect("keeps the newest window and, within it, the lowest remaining", () =>
    Effect.gen(function*() {
      const state = yield* RateLimitState
      assert.isTrue(Option.isNone(yield* state.get))
      yield* state.record(snap(5, 1000))
      yield* state.record(snap(7, 1000)) // a late answer from earlier in the same window
      assert.strictEqual(state.current()?.remaining, 5)
      yield* state.record(snap(9, 500)) // an answer from an older window
      assert.strictEqual(state.current()?.remaining, 5)
      yield* state.record(snap(9, 2000)) // the next window
      assert.strictEqual(Option.getOrThrow(yield* state.get).remaining, 9)
    }).pipe(Effect.provide(RateLimitState.layer)))

  it.effect("publishes each accepted snapshot to followers", () =>
    Effect.gen(function*() {
      const state = yield* RateLimitState
      const fiber = yield* state.changes.pipe(Stream.take(2), Stream.runCollect, Effect.forkChild)
      yield* Effect.yieldNow
      yield* state.record(snap(4, 1000))
      yield* state.record(snap(8, 1000)) // dropped
      yield* state.record(snap(3, 1000))
      const seen = yield* Fiber.join(fiber)
      assert.deepStrictEqual(Array.from(seen).map((s) => s.remaining), [4, 3])
    }).pipe(Effect.provide(RateLimitState.layer)))
})
