import type { IntercomClientServices } from "@intercom-explorer/core"
import type * as Effect from "effect/Effect"
import type * as Fiber from "effect/Fiber"
import type { ClientHandle } from "../client/ClientSession"

/** Lets a running load check that it is still the current one before it touches the model. */
export interface Flight {
  readonly isCurrent: () => boolean
}

export interface FlightOutcome<A> {
  readonly ok: (value: A) => void
  readonly failed: (error: unknown) => void
  /** Interrupted by `cancel()`'s caller or the client going away (not called when superseded). */
  readonly interrupted?: () => void
  /** Always called last, superseded or not (e.g. to end a progress bar). */
  readonly settled?: () => void
}

/**
 * One load at a time: `run` interrupts the fiber still running and starts the new one, so two
 * refreshes never race to write the same list (a double click, a refresh during "Load all").
 * Outcomes of a superseded run are dropped.
 */
export class SingleFlight {
  private fiber: Fiber.Fiber<unknown, unknown> | undefined
  private generation = 0

  get running(): boolean {
    return this.fiber !== undefined
  }

  run<A, E>(
    client: ClientHandle,
    make: (flight: Flight) => Effect.Effect<A, E, IntercomClientServices>,
    outcome: FlightOutcome<A>
  ): void {
    this.cancel()
    const generation = ++this.generation
    const isCurrent = () => generation === this.generation
    const fiber = client.runtime.runFork(make({ isCurrent }))
    this.fiber = fiber
    fiber.addObserver((exit) => {
      outcome.settled?.()
      if (!isCurrent()) return
      this.fiber = undefined
      const ended = client.outcome(exit)
      if (ended._tag === "ok") outcome.ok(ended.value)
      else if (ended._tag === "interrupted") outcome.interrupted?.()
      else outcome.failed(ended.error)
    })
  }

  /** Interrupts the running load, if any; its outcome is dropped. */
  cancel(): void {
    this.generation += 1
    const fiber = this.fiber
    this.fiber = undefined
    fiber?.interruptUnsafe()
  }
}
