import { RateLimitState } from "@intercom-explorer/http"
import { assert, describe, it } from "@effect/vitest"
import { Clock, Effect, Fiber, Layer, Stream } from "effect"
import { TestClock } from "effect/testing"
import { Pacing } from "../../src/requests/Pacing.js"
import { inBackground, PacingLane } from "../../src/requests/PacingLane.js"
import { decide, type PacingDecision } from "../../src/requests/PacingRule.js"

const NOW = 1_000_000

const snapshot = (remaining: number, resetInMillis: number, limit = 100) => ({
  limit,
  remaining,
  resetAtMillis: NOW + resetInMillis,
  observedAtMillis: NOW
})

const waitOf = (decision: PacingDecision): number => (decision._tag === "Wait" ? decision.millis : 0)

describe("Pacing.decide with lanes", () => {
  const base = { issued: 0, inFlight: 0, nowMillis: NOW, reserveFraction: 0.1, windowMillis: 10_000 }
  // limit 100, reserve 10: background's pace is 90 per 10 s window, one every 10,000 / 90 ms.
  const gap = 10_000 / 90

  it("background keeps an even pace of limit - reserve per window, measured against the reset", () => {
    // 50 left, 40 above the reserve, 5 s to go: at the pace, 40 need 4,444 ms, so wait 556 ms.
    const decision = decide({ ...base, lane: "background", snapshot: snapshot(50, 5_000) })
    assert.strictEqual(decision._tag, "Wait")
    assert.closeTo(waitOf(decision), 5_000 - 40 * gap, 1e-6)
    if (decision._tag === "Wait") assert.isTrue(decision.thenGo)
  })

  it("background behind its pace (a late wake-up, a stall) goes at once to make it up", () => {
    assert.deepStrictEqual(decide({ ...base, lane: "background", snapshot: snapshot(60, 2_000) }), { _tag: "Go" })
  })

  it("the last request above the reserve goes one gap before the reset, not at it", () => {
    assert.closeTo(waitOf(decide({ ...base, lane: "background", snapshot: snapshot(11, 200) })), 200 - gap, 1e-6)
    assert.deepStrictEqual(decide({ ...base, lane: "background", snapshot: snapshot(11, 100) }), { _tag: "Go" })
  })

  it("background is paced even with more than half the budget left, where interactive goes at once", () => {
    const input = { ...base, snapshot: snapshot(95, 9_900), lastAdmittedAtMillis: { interactive: NOW, background: NOW } }
    assert.strictEqual(decide({ ...input, lane: "background" })._tag, "Wait")
    assert.deepStrictEqual(decide({ ...input, lane: "interactive" }), { _tag: "Go" })
  })

  it("each request taken from the budget (an interactive one too) holds background back one gap: it yields", () => {
    const before = waitOf(decide({ ...base, lane: "background", snapshot: snapshot(50, 5_000) }))
    const after = waitOf(decide({ ...base, lane: "background", issued: 1, snapshot: snapshot(50, 5_000) }))
    assert.closeTo(after - before, gap, 1e-6)
  })

  it("a background admission never spaces an interactive request", () => {
    // Under half the budget left: interactive spreads, but from its own last admission (1 s ago).
    const afterBackground = { interactive: NOW - 1_000, background: NOW }
    assert.deepStrictEqual(decide({ ...base, lane: "interactive", snapshot: snapshot(30, 5_000), lastAdmittedAtMillis: afterBackground }), { _tag: "Go" })
  })

  it("both lanes stop at the reserve and wait for the reset", () => {
    for (const lane of ["interactive", "background"] as const) {
      assert.deepStrictEqual(decide({ ...base, lane, snapshot: snapshot(10, 4_000) }), { _tag: "Wait", millis: 4_150, thenGo: false })
      assert.deepStrictEqual(decide({ ...base, lane, issued: 3, inFlight: 2, snapshot: snapshot(15, 4_000) }), { _tag: "Wait", millis: 4_150, thenGo: false })
    }
  })

  it("a window past its reset lets background go at once", () => {
    assert.deepStrictEqual(decide({ ...base, lane: "background", nowMillis: NOW + 6_000, snapshot: snapshot(0, 5_000) }), { _tag: "Go" })
  })

  it("paces within one window when the server clock is far ahead", () => {
    const far = snapshot(50, 3_600_000)
    assert.closeTo(waitOf(decide({ ...base, lane: "background", snapshot: far })), 10_000 - 40 * gap, 1e-6)
  })

  it("without headers: the initial burst, then one request per blind spacing from the last admission", () => {
    const blind = { ...base, snapshot: undefined, initialBurst: 4, blindSpacingMillis: 100 }
    assert.deepStrictEqual(decide({ ...blind, issued: 3, lane: "background" }), { _tag: "Go" })
    assert.deepStrictEqual(decide({ ...blind, issued: 4, lastAdmittedAtMillis: { background: NOW - 40 } }), { _tag: "Wait", millis: 60, thenGo: true })
    assert.deepStrictEqual(decide({ ...blind, issued: 4, lastAdmittedAtMillis: { interactive: NOW - 100 } }), { _tag: "Go" })
  })

  // The rule alone, played over windows against an ideal server (instant answers, limit 100 per
  // 10 s window): background alone sends exactly the budget down to the reserve in every window,
  // evenly, so that budget is left for an interactive request at any moment but the very end.
  it("played over windows, background sends limit - reserve per window with even gaps", () => {
    const limit = 100
    const windowMillis = 10_000
    const start = 1_700_000_000_000
    let now = start + 3_000 // mid-window: the first window is partial
    const sent: Array<number> = []
    let observed: ReturnType<typeof snapshot> | undefined
    while (now < start + 5 * windowMillis) {
      const decision = decide({
        lane: "background",
        snapshot: observed,
        issued: 0,
        inFlight: 0,
        nowMillis: now,
        reserveFraction: 0.1,
        windowMillis
      })
      if (decision._tag === "Wait") {
        now += Math.ceil(decision.millis)
        continue
      }
      sent.push(now)
      const windowStart = Math.floor(now / windowMillis) * windowMillis
      const used = sent.filter((t) => t >= windowStart).length
      observed = { limit, remaining: limit - used, resetAtMillis: windowStart + windowMillis, observedAtMillis: now }
    }
    const perWindow = new Map<number, Array<number>>()
    for (const t of sent) {
      const w = Math.floor(t / windowMillis)
      perWindow.set(w, [...(perWindow.get(w) ?? []), t])
    }
    const windows = [...perWindow.values()]
    assert.isAtLeast(windows.length, 5)
    for (const times of windows) assert.strictEqual(times.length, 90, "limit - reserve in every window")
    // Full windows: no gap between two requests wider than two even gaps (the start waits 150 ms).
    for (const times of windows.slice(1)) {
      const gaps = times.slice(1).map((t, i) => t - times[i]!)
      assert.isAtMost(Math.max(...gaps), 2 * windowMillis / 90)
      assert.isAtMost(times[times.length - 1]! % windowMillis, windowMillis - 50, "the last one goes before the reset")
    }
  })
})

describe("Pacing lanes in the governor", () => {
  const layer = Pacing.layer({ reserveFraction: 0.1 }).pipe(Layer.provideMerge(RateLimitState.layer))

  it.effect("admits a later interactive request ahead of every queued background one", () =>
    Effect.gen(function*() {
      const pacing = yield* Pacing
      const state = yield* RateLimitState
      // Nothing left above the reserve until the reset at 5 s.
      yield* state.record({ limit: 10, remaining: 1, resetAtMillis: 5_000, observedAtMillis: 0 })
      const order: Array<string> = []
      const send = (name: string) => pacing.paced(Effect.sync(() => order.push(name)))
      const background = yield* Effect.forkChild(inBackground(Effect.forEach(["b1", "b2", "b3"], send, { concurrency: 3 })))
      yield* TestClock.adjust("1 second")
      const interactive = yield* Effect.forkChild(send("i1"))
      yield* TestClock.adjust("4200 millis")
      yield* Fiber.join(interactive)
      yield* Fiber.join(background)
      assert.deepStrictEqual(order, ["i1", "b1", "b2", "b3"])
    }).pipe(Effect.provide(layer)))

  it.effect("an interactive request does not wait out a background request's spacing", () =>
    Effect.gen(function*() {
      const pacing = yield* Pacing
      const state = yield* RateLimitState
      yield* state.record({ limit: 100, remaining: 100, resetAtMillis: 10_000, observedAtMillis: 0 })
      const order: Array<string> = []
      const send = (name: string) => pacing.paced(Effect.sync(() => order.push(name)))
      // The first background request goes, the second waits one gap of the pace (10 s / 90 = 111 ms).
      const background = yield* Effect.forkChild(inBackground(Effect.forEach(["b1", "b2"], send)))
      yield* TestClock.adjust("10 millis")
      assert.deepStrictEqual(order, ["b1"], "b1 goes at once, b2 waits its gap")
      // With the old single gate, this one queued behind b2's sleep.
      yield* send("i1")
      assert.deepStrictEqual(order, ["b1", "i1"])
      // i1 took a request from the budget: b2 yields one more gap (10,000 - 88 * 111 = 222 ms).
      yield* TestClock.adjust("190 millis")
      assert.deepStrictEqual(order, ["b1", "i1"])
      yield* TestClock.adjust("30 millis")
      yield* Fiber.join(background)
      assert.deepStrictEqual(order, ["b1", "i1", "b2"])
    }).pipe(Effect.provide(layer)))

  it.effect("learns a window shorter than Intercom's 10 s from the step between two resets", () =>
    Effect.gen(function*() {
      const pacing = yield* Pacing
      const state = yield* RateLimitState
      const sentAt: Array<number> = []
      const send = inBackground(pacing.paced(Effect.flatMap(Clock.currentTimeMillis, (now) => Effect.sync(() => sentAt.push(now)))))
      yield* state.record({ limit: 10, remaining: 10, resetAtMillis: 1_000, observedAtMillis: 0 })
      yield* send
      yield* TestClock.adjust("1 second")
      yield* state.record({ limit: 10, remaining: 10, resetAtMillis: 2_000, observedAtMillis: 1_000 })
      // A 1 s window paces 9 per second: b1 goes, b2 one gap (111 ms) later. Assuming 10 s, 8 left
      // with 1 s to go would be far behind that pace, and b2 would go at once.
      yield* send
      const second = yield* Effect.forkChild(send)
      yield* TestClock.adjust("500 millis")
      yield* Fiber.join(second)
      assert.deepStrictEqual(sentAt.slice(0, 2), [0, 1_000])
      assert.isAtLeast(sentAt[2]!, 1_111)
    }).pipe(Effect.provide(layer)))

  it.effect("a stream run inside inBackground is background, its forked producer included", () =>
    Effect.gen(function*() {
      const pacing = yield* Pacing
      const state = yield* RateLimitState
      yield* state.record({ limit: 10, remaining: 1, resetAtMillis: 5_000, observedAtMillis: 0 })
      const order: Array<string> = []
      const pages = Stream.fromEffect(pacing.paced(Effect.sync(() => order.push("page")))).pipe(
        Stream.buffer({ capacity: 2 }) // runs the producer in a fiber of its own
      )
      const sync = yield* Effect.forkChild(inBackground(Stream.runCollect(pages)))
      yield* TestClock.adjust("1 second")
      const click = yield* Effect.forkChild(pacing.paced(Effect.sync(() => order.push("click"))))
      yield* TestClock.adjust("4200 millis")
      yield* Fiber.join(click)
      yield* Fiber.join(sync)
      assert.deepStrictEqual(order, ["click", "page"])
    }).pipe(Effect.provide(layer)))

  it.effect("the lane is interactive unless set", () =>
    Effect.gen(function*() {
      assert.strictEqual(yield* PacingLane, "interactive")
      assert.strictEqual(yield* inBackground(Effect.service(PacingLane)), "background")
    }))

  it.effect("a background request given up while it waits leaves the queue and frees its place", () =>
    Effect.gen(function*() {
      const pacing = yield* Pacing
      const state = yield* RateLimitState
      yield* state.record({ limit: 10, remaining: 1, resetAtMillis: 5_000, observedAtMillis: 0 })
      const order: Array<string> = []
      const send = (name: string) => pacing.paced(Effect.sync(() => order.push(name)))
      const abandoned = yield* Effect.forkChild(inBackground(send("gone")))
      const kept = yield* Effect.forkChild(inBackground(send("kept")))
      yield* TestClock.adjust("1 second")
      yield* Fiber.interrupt(abandoned)
      yield* TestClock.adjust("4200 millis")
      yield* Fiber.join(kept)
      assert.deepStrictEqual(order, ["kept"])
    }).pipe(Effect.provide(layer)))
})
