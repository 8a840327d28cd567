import { Effect, Layer, ManagedRuntime } from "effect"
import { describe, expect, it } from "vitest"
import { outcomeOf } from "../../src/client/clientRuntime.ts"
import type { ClientHandle, ClientSession } from "../../src/client/ClientSession.ts"
import { Demand } from "../../src/tree/Demand.ts"
import { SingleFlight } from "../../src/tree/SingleFlight.ts"

const handle = { baseUrl: "http://x", kind: "user", region: "us", companyCount: undefined } satisfies ClientHandle

/** The session's runner as SingleFlight sees it, on a runtime of nothing (the effects need no service). */
const session = () => {
  const runtime = ManagedRuntime.make(Layer.empty)
  const fork: ClientSession["fork"] = (effect, onOutcome) => {
    const fiber = runtime.runFork(effect as Effect.Effect<unknown, unknown>)
    fiber.addObserver((exit) => onOutcome(outcomeOf(exit) as never))
    return { interrupt: () => fiber.interruptUnsafe() }
  }
  return { fork, dispose: () => runtime.dispose() }
}

describe("SingleFlight", () => {
  it("a new run interrupts the running one, whose outcome is dropped", async () => {
    const runner = session()
    const flight = new SingleFlight(runner)
    const outcomes: Array<string> = []
    let firstInterrupted = false
    flight.run(handle, () => Effect.sleep("1 second").pipe(Effect.onInterrupt(() => Effect.sync(() => (firstInterrupted = true))), Effect.as("first")), {
      ok: (v) => outcomes.push(v),
      failed: () => outcomes.push("failed")
    })
    expect(flight.running).toBe(true)
    const done = new Promise<void>((resolve) =>
      flight.run(handle, (f) => Effect.sync(() => (f.isCurrent() ? "second" : "stale")), {
        ok: (v) => (outcomes.push(v), resolve()),
        failed: () => outcomes.push("failed")
      }))
    await done
    await new Promise((r) => setTimeout(r, 10))
    expect(outcomes).toEqual(["second"])
    expect(firstInterrupted).toBe(true)
    expect(flight.running).toBe(false)
    await runner.dispose()
  })

  it("reports a failure with the typed error, and settles even when cancelled", async () => {
    const runner = session()
    const flight = new SingleFlight(runner)
    const failed = await new Promise<unknown>((resolve) =>
      flight.run(handle, () => Effect.fail("boom"), { ok: () => resolve("ok"), failed: resolve }))
    expect(failed).toBe("boom")
    const settled = new Promise<void>((resolve) =>
      flight.run(handle, () => Effect.never, { ok: () => {}, failed: () => {}, settled: resolve }))
    flight.cancel()
    await settled
    expect(flight.running).toBe(false)
    await runner.dispose()
  })
})

describe("Demand", () => {
  it("keeps a signal sent before anyone waits, and wakes a waiter", async () => {
    const demand = new Demand()
    demand.signal()
    await demand.wait()
    let woke = false
    const waiting = demand.wait().then(() => (woke = true))
    expect(woke).toBe(false)
    demand.signal()
    await waiting
    expect(woke).toBe(true)
  })
})
