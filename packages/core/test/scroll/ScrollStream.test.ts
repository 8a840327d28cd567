import type { SimulatorOptions } from "@intercom-explorer/simulator"
import { assert, describe, it } from "@effect/vitest"
import { Cause, Effect, Exit, Fiber, Layer, Option, Schedule, Stream } from "effect"
import { IntercomClient } from "../../src/IntercomClient.js"
import { Companies } from "../../src/services/Companies.js"
import type { ScrollOptions } from "../../src/scroll/ScrollStream.js"
import type { ScrollProgress } from "../../src/scroll/ScrollProgress.js"
import { Sim, TOKEN } from "../support/Simulator.js"

// 230 companies in pages of 20: twelve pages a pass, so faults land mid-scroll. The TTL is long
// enough that a loaded CI machine never idles a scroll out by accident; tests about expiry and
// the lock shorten it.
const base: SimulatorOptions = { companies: 230, scrollPageSize: 20, scrollTtlMs: 5_000 }
const shortTtl = 400
// Tests wait out `scroll_exists` every 100 ms instead of every 5 s.
const fastBusyRetry = Schedule.spaced("100 millis").pipe(Schedule.upTo({ duration: "5 seconds" }))

const withSim = (options: SimulatorOptions, token = TOKEN) =>
  Layer.unwrap(Effect.map(Sim, (sim) => IntercomClient.layer({ token, baseUrl: sim.url, timeout: "1 second" }))).pipe(
    Layer.provideMerge(Sim.layer({ ...base, ...options }))
  )

/** Scrolls everything and checks the result is exactly the simulator's set, each company once. */
const scrollAll = (options: ScrollOptions = {}) =>
  Effect.gen(function*() {
    const companies = yield* Companies
    const sim = yield* Sim
    const progress: Array<ScrollProgress> = []
    const ids = yield* companies.scroll({ busyRetry: fastBusyRetry, onProgress: (p) => progress.push(p), ...options })
      .pipe(Stream.map((c) => c.id), Stream.runCollect)
    const delivered = Array.from(ids)
    assert.strictEqual(new Set(delivered).size, delivered.length, "a company was delivered twice")
    assert.deepStrictEqual([...delivered].sort(), [...sim.state.companies.ids()].sort(), "gaps or strangers")
    const last = progress.at(-1)
    assert.strictEqual(last?.phase, "done")
    assert.strictEqual(last?.companies, sim.state.companies.count())
    return { last, sim }
  })

const run = <A, E>(options: SimulatorOptions, effect: Effect.Effect<A, E, Companies | Sim>) =>
  Effect.provide(effect, withSim(options))

describe("Companies.scroll", () => {
  it.live("delivers every company once and closes the scroll", () =>
    run({}, Effect.gen(function*() {
      const { last, sim } = yield* scrollAll()
      assert.strictEqual(last?.restarts, 0)
      assert.strictEqual(last?.pages, 13) // 12 full pages and the empty end page
      assert.strictEqual(sim.state.scroll.completed, 1)
      assert.strictEqual(sim.state.scroll.open, false)
    })))

  it.live("restarts when the scroll expires and repeats nothing", () =>
    run({ faults: ["scroll-expire@nth=4"] }, Effect.gen(function*() {
      const { last } = yield* scrollAll()
      assert.strictEqual(last?.restarts, 1)
      assert.isAbove(last?.duplicatesSkipped ?? 0, 0)
    })))

  it.live("restarts after Intercom's 500 'restart the scroll'", () =>
    run({ faults: ["scroll-restart-500@nth=5"] }, Effect.gen(function*() {
      const { last } = yield* scrollAll()
      assert.strictEqual(last?.restarts, 1)
    })))

  it.live("waits out scroll_exists when the failed scroll keeps the lock until its TTL", () =>
    run({ scrollTtlMs: shortTtl, faults: ["scroll-restart-500@nth=3&hold"] }, Effect.gen(function*() {
      const { last, sim } = yield* scrollAll()
      assert.strictEqual(last?.restarts, 1)
      assert.isAbove(last?.waits ?? 0, 0)
      assert.isAbove(sim.state.scroll.refusals, 0)
    })))

  it.live("recovers a page lost to a dropped connection (the server cursor had moved)", () =>
    run({ faults: ["drop-connection@nth=6"] }, Effect.gen(function*() {
      const { last } = yield* scrollAll()
      assert.strictEqual(last?.restarts, 1)
    })))

  it.live("recovers a page whose JSON was cut short", () =>
    run({ faults: ["truncate-body@nth=2"] }, Effect.gen(function*() {
      const { last } = yield* scrollAll()
      assert.strictEqual(last?.restarts, 1)
    })))

  it.live("recovers when the very first page is lost and the server holds the lock", () =>
    run({ scrollTtlMs: shortTtl, faults: ["drop-connection@nth=1"] }, Effect.gen(function*() {
      const { last } = yield* scrollAll()
      assert.isAbove(last?.waits ?? 0, 0)
    })))

  it.live("waits for the reset after a 429 burst", () =>
    // The TTL outlasts the wait, as on Intercom (60 s against 10 s windows).
    run({ rateWindowMs: 1_000, faults: ["rate-limit-burst@nth=3&count=2"] }, Effect.gen(function*() {
      const { last, sim } = yield* scrollAll()
      assert.strictEqual(last?.restarts, 0)
      assert.isAbove(sim.state.rateLimit.injected, 0)
    })))

  it.live("treats a page slower than the timeout as lost and still delivers everything", () =>
    run({ faults: ["latency@nth=4&delay=1500"] }, Effect.gen(function*() {
      const { last, sim } = yield* scrollAll()
      assert.strictEqual(sim.faults.history.length, 1, "the latency fault did not fire")
      assert.isAtLeast(last?.restarts ?? 0, 1)
    })))

  it.live("survives every fault at once, drawn at random from a seed", () =>
    run(
      {
        seed: 11,
        faults: [
          "scroll-expire@p=0.05",
          "scroll-restart-500@p=0.04",
          "drop-connection@p=0.05",
          "truncate-body@p=0.05",
          "rate-limit-burst@p=0.03&count=1"
        ],
        scrollTtlMs: shortTtl,
        rateWindowMs: 1_000
      },
      Effect.gen(function*() {
        const { last, sim } = yield* scrollAll({ maxRestarts: 30 })
        assert.isAbove(sim.faults.history.length, 0, "no fault fired: the test would prove nothing")
        assert.isAtLeast(last?.restarts ?? 0, 1)
      })
    ))

  it.live("keeps a slow consumer's scroll correct when it idles past the TTL", () =>
    run({ scrollTtlMs: 150 }, Effect.gen(function*() {
      const companies = yield* Companies
      const sim = yield* Sim
      // A pass may expire while the consumer sleeps and each one delivers more, so a loaded machine
      // (CI runs every package's tests at once) only takes more passes. The bound of restarts is
      // another test's subject.
      const ids = yield* companies.scroll({ busyRetry: fastBusyRetry, prefetchPages: 1, maxRestarts: 50 }).pipe(
        Stream.tap((c) => (c.id.endsWith("0") ? Effect.sleep("40 millis") : Effect.void)),
        Stream.map((c) => c.id),
        Stream.runCollect
      )
      assert.strictEqual(new Set(ids).size, sim.state.companies.count())
      assert.strictEqual(ids.length, sim.state.companies.count())
    })))

  it.live("gives up with ScrollAborted after its bounded restarts", () =>
    run({ faults: ["scroll-expire@p=1"] }, Effect.gen(function*() {
      const companies = yield* Companies
      const exit = yield* companies.scroll({ busyRetry: fastBusyRetry, maxRestarts: 2 }).pipe(Stream.runDrain, Effect.exit)
      assert.isTrue(Exit.isFailure(exit))
      const error = Exit.isFailure(exit) ? Option.getOrUndefined(Cause.findErrorOption(exit.cause)) : undefined
      const reason = error?.reason
      assert.strictEqual(reason?._tag, "ScrollAborted")
      if (reason?._tag === "ScrollAborted") {
        assert.strictEqual(reason.restarts, 2)
        assert.strictEqual(reason.lastError.reason._tag, "ScrollExpired")
      }
    })))

  it.live("fails at once, without restarting, on a bad token", () =>
    Effect.gen(function*() {
      const companies = yield* Companies
      const sim = yield* Sim
      const error = yield* companies.scroll({ busyRetry: fastBusyRetry }).pipe(Stream.runDrain, Effect.flip)
      assert.strictEqual(error._tag, "IntercomError")
      if (error._tag === "IntercomError") assert.strictEqual(error.reason._tag, "Unauthorized")
      assert.strictEqual(sim.state.scroll.started, 0)
      // Not retried, whatever busyRetry says: one request only.
      assert.strictEqual(sim.state.requests.length, 1)
    }).pipe(Effect.provide(withSim({}, "not-the-token"))))
})

describe("the scroll lock", () => {
  it.live("a second scroll fails with ScrollBusy when asked not to wait", () =>
    run({}, Effect.gen(function*() {
      const companies = yield* Companies
      const first = yield* companies.scroll({ busyRetry: fastBusyRetry }).pipe(
        Stream.tap(() => Effect.sleep("5 millis")),
        Stream.runDrain,
        Effect.forkChild
      )
      yield* Effect.sleep("50 millis")
      const error = yield* companies.scroll({ whenBusy: "fail" }).pipe(Stream.runDrain, Effect.flip)
      assert.strictEqual(error.reason._tag, "ScrollBusy")
      yield* Fiber.join(first)
    })))

  it.live("a second scroll that waits runs after the first, and both deliver everything", () =>
    run({}, Effect.gen(function*() {
      const companies = yield* Companies
      const sim = yield* Sim
      const scroll = companies.scroll({ busyRetry: fastBusyRetry }).pipe(Stream.runCount)
      const [a, b] = yield* Effect.all([scroll, scroll], { concurrency: 2 })
      assert.strictEqual(a, sim.state.companies.count())
      assert.strictEqual(b, sim.state.companies.count())
      // One after the other, never two open scrolls: the server never refused either.
      assert.strictEqual(sim.state.scroll.refusals, 0)
      assert.strictEqual(sim.state.scroll.completed, 2)
    })))

  it.live("stopping early or interrupting releases the lock", () =>
    run({ scrollTtlMs: shortTtl }, Effect.gen(function*() {
      const companies = yield* Companies
      const firstTen = yield* companies.scroll().pipe(Stream.take(10), Stream.runCollect)
      assert.strictEqual(firstTen.length, 10)
      const fiber = yield* companies.scroll().pipe(Stream.tap(() => Effect.sleep("10 millis")), Stream.runDrain, Effect.forkChild)
      yield* Effect.sleep("60 millis")
      yield* Fiber.interrupt(fiber)
      // The lock is free at once (the server's abandoned scroll idles out; the new one waits for it).
      const count = yield* companies.scroll({ whenBusy: "fail", busyRetry: fastBusyRetry }).pipe(Stream.runCount)
      const sim = yield* Sim
      assert.strictEqual(count, sim.state.companies.count())
    })))
})
