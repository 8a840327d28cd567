import { RateLimitState, type RateLimitSnapshot } from "@intercom-explorer/http"
import { Clock, Context, Effect, Layer, Semaphore } from "effect"

export interface PacingOptions {
  /**
   * Share of each window's budget left for other integrations of the same app (default 0.1).
   * Also absorbs requests in flight whose count the server has not reported yet.
   */
  readonly reserveFraction?: number | undefined
  /** Requests allowed before any rate-limit headers have been seen (default 4). */
  readonly initialBurst?: number | undefined
  /** Spacing when Intercom sends no rate-limit headers at all (default 100 ms). */
  readonly blindSpacingMillis?: number | undefined
}

/** What the governor decided for the next request. */
export type PacingDecision =
  | { readonly _tag: "Go" }
  | { readonly _tag: "Wait"; readonly millis: number; readonly thenGo: boolean }

/**
 * The pure pacing rule. `issued` counts requests started since `snapshot` was observed and
 * `inFlight` those still running: both are subtracted (double counting is the safe side).
 * - budget used up: wait for the window to reset;
 * - under half the budget left: spread the rest evenly over the time left in the window;
 * - otherwise: go.
 */
export const decide = (input: {
  readonly snapshot: RateLimitSnapshot
  readonly issued: number
  readonly inFlight: number
  readonly nowMillis: number
  readonly reserveFraction: number
}): PacingDecision => {
  const { inFlight, issued, nowMillis, reserveFraction, snapshot } = input
  const reserve = Math.max(1, Math.ceil(snapshot.limit * reserveFraction))
  const stale = nowMillis >= snapshot.resetAtMillis
  const base = stale ? snapshot.limit : snapshot.remaining
  const budget = base - reserve - issued - inFlight
  if (budget <= 0) {
    // A stale window with nothing left means our own answers are still due: look again shortly.
    if (stale) return { _tag: "Wait", millis: 25, thenGo: false }
    // Reset is in unix seconds; a little margin keeps us from arriving a hair early.
    return { _tag: "Wait", millis: Math.min(snapshot.resetAtMillis - nowMillis, 10_000) + 150, thenGo: false }
  }
  const usable = Math.max(1, snapshot.limit - reserve)
  if (!stale && budget < usable / 2) {
    return { _tag: "Wait", millis: Math.min((snapshot.resetAtMillis - nowMillis) / budget, 10_000), thenGo: true }
  }
  return { _tag: "Go" }
}

export interface PacingShape {
  /** Runs `effect` once the rate-limit budget allows one more request. */
  readonly paced: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
}

/**
 * A shared governor that reads the `X-RateLimit-*` headers (through `RateLimitState`) and spaces
 * requests so a long job never drives `Remaining` to zero: a healthy run never sees a 429.
 */
export class Pacing extends Context.Service<Pacing, PacingShape>()("@intercom-explorer/core/Pacing") {
  static readonly layer = (options: PacingOptions = {}) =>
    Layer.effect(
      Pacing,
      Effect.gen(function*() {
        const rateLimits = yield* RateLimitState
        const reserveFraction = options.reserveFraction ?? 0.1
        const initialBurst = options.initialBurst ?? 4
        const blindSpacingMillis = options.blindSpacingMillis ?? 100
        // One decision at a time, so waiting requests queue in order instead of stampeding.
        const gate = yield* Semaphore.make(1)
        let inFlight = 0
        let issued = 0
        let blindIssued = 0
        let lastSnapshot: RateLimitSnapshot | undefined

        const admit = (ticket: { admitted: boolean }) => Effect.gen(function*() {
          while (true) {
            const snapshot = rateLimits.current()
            const now = yield* Clock.currentTimeMillis
            if (snapshot === undefined) {
              if (blindIssued < initialBurst) break
              yield* Effect.sleep(blindSpacingMillis)
              break
            }
            if (snapshot !== lastSnapshot) {
              lastSnapshot = snapshot
              issued = 0
            }
            const decision = decide({ snapshot, issued, inFlight, nowMillis: now, reserveFraction })
            if (decision._tag === "Go") break
            yield* Effect.sleep(decision.millis)
            if (decision.thenGo) break
          }
          // No yield after this point: counting and the ticket change together, even under interruption.
          issued += 1
          blindIssued += 1
          inFlight += 1
          ticket.admitted = true
        })

        const paced = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
          Effect.suspend(() => {
            const ticket = { admitted: false }
            return Effect.andThen(gate.withPermits(1)(admit(ticket)), effect).pipe(
              Effect.ensuring(Effect.sync(() => {
                if (ticket.admitted) inFlight -= 1
              }))
            )
          })
        return Pacing.of({ paced })
      })
    )
}
