import type { IntercomClientServices } from "@intercom-explorer/core"
import type * as Effect from "effect/Effect"
import type { ClientHandle, ClientSession, Running } from "../client/ClientSession"

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
 * One load at a time: `run` interrupts the load still running and starts the new one, so two
 * refreshes never race to write the same list (a double click, a refresh during "Load all").
 * Outcomes of a superseded run are dropped. Loads run through the session's runner, which signs
 * the session out on a 401.
 */
export class SingleFlight {
  private current: Running | undefined
  private generation = 0

  constructor(private readonly session: Pick<ClientSession, "fork">) {}

  get running(): boolean {
    return this.current !== undefined
  }

  run<A, E>(
    client: ClientHandle,
    make: (flight: Flight) => Effect.Effect<A, E, IntercomClientServices>,
    outcome: FlightOutcome<A>
  ): void {
    this.cancel()
    const generation = ++this.generation
    const isCurrent = () => generation === this.generation
    let ended = false
    const running = this.session.fork(make({ isCurrent }), (result) => {
      ended = true
      outcome.settled?.()
      if (!isCurrent()) return
      this.current = undefined
      if (result._tag === "ok") outcome.ok(result.value)
      else if (result._tag === "interrupted") outcome.interrupted?.()
      else outcome.failed(result.error)
    }, client)
    // An outcome may come at once (a client replaced meanwhile): then nothing is running.
    if (!ended) this.current = running
  }

  /** Interrupts the running load, if any; its outcome is dropped. */
  cancel(): void {
    this.generation += 1
    const running = this.current
    this.current = undefined
    running?.interrupt()
  }
}
