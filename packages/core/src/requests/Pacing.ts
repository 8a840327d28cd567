import { RateLimitState, type RateLimitSnapshot } from "@intercom-explorer/http"
import { Clock, Context, Effect, Latch, Layer } from "effect"
import { PacingLane } from "./PacingLane.js"
import { decide, pacingDefaults } from "./PacingRule.js"

export interface PacingOptions {
  /**
   * Share of each window's budget left for other integrations of the same app (default 0.1).
   * Also absorbs requests in flight whose count the server has not reported yet.
   */
  readonly reserveFraction?: number | undefined
  /**
   * The rate-limit window's length (default Intercom's 10 s), which the headers do not say; narrowed
   * to the step between two resets seen. Background requests are paced at `limit - reserve` per window.
   */
  readonly windowMillis?: number | undefined
  /** Requests allowed before any rate-limit headers have been seen (default 4). */
  readonly initialBurst?: number | undefined
  /** Spacing when Intercom sends no rate-limit headers at all (default 100 ms). */
  readonly blindSpacingMillis?: number | undefined
}

export interface PacingShape {
  /**
   * Runs `effect` once the rate-limit budget allows one more request, in the lane `PacingLane`
   * names for the calling fiber (interactive unless inside `inBackground`).
   */
  readonly paced: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
}

interface Waiter {
  readonly lane: PacingLane
  /** Set, together with the counters, in the one step that admits it. */
  admitted: boolean
  readonly admission: Latch.Latch
}

/**
 * A shared governor that reads the `X-RateLimit-*` headers (through `RateLimitState`) and spaces
 * requests so a long job never drives `Remaining` to zero: a healthy run never sees a 429.
 * Requests wait in two lanes (`PacingLane`); one dispatcher admits them one at a time by `decide`,
 * always the first interactive request before any background one, so an interactive request never
 * queues behind background work: at worst it waits for the window to reset.
 */
export class Pacing extends Context.Service<Pacing, PacingShape>()("@intercom-explorer/core/Pacing") {
  static readonly layer = (options: PacingOptions = {}) =>
    Layer.effect(
      Pacing,
      Effect.gen(function*() {
        const rateLimits = yield* RateLimitState
        const reserveFraction = options.reserveFraction ?? pacingDefaults.reserveFraction
        const initialBurst = options.initialBurst ?? pacingDefaults.initialBurst
        const blindSpacingMillis = options.blindSpacingMillis ?? pacingDefaults.blindSpacingMillis
        let windowMillis = options.windowMillis ?? pacingDefaults.windowMillis

        // Plain state: every change below happens without a yield in between, so it stays consistent.
        const waiting: Record<PacingLane, Array<Waiter>> = { interactive: [], background: [] }
        const lastAdmittedAtMillis: Record<PacingLane, number | undefined> = {
          interactive: undefined,
          background: undefined
        }
        let inFlight = 0
        let issued = 0
        let lastSnapshot: RateLimitSnapshot | undefined
        // Opened by anything that can change a decision: a request queued, finished or given up.
        const wake = Latch.makeUnsafe(false)

        const admitNext = Effect.gen(function*() {
          // Closed before reading the state: whatever happens after the read opens it again.
          wake.closeUnsafe()
          const head = waiting.interactive[0] ?? waiting.background[0]
          if (head === undefined) return yield* wake.await
          const nowMillis = yield* Clock.currentTimeMillis
          const snapshot = rateLimits.current()
          if (snapshot !== lastSnapshot) {
            // Windows are fixed: a reset moving on by less than the window we assumed is the window.
            const step = snapshot !== undefined && lastSnapshot !== undefined
              ? snapshot.resetAtMillis - lastSnapshot.resetAtMillis
              : 0
            if (step >= 1_000) windowMillis = Math.min(windowMillis, step)
            lastSnapshot = snapshot
            issued = 0
          }
          const decision = decide({
            snapshot,
            issued,
            inFlight,
            nowMillis,
            reserveFraction,
            lane: head.lane,
            lastAdmittedAtMillis,
            windowMillis,
            initialBurst,
            blindSpacingMillis
          })
          if (decision._tag === "Wait") {
            return yield* Effect.raceFirst(wake.await, Effect.sleep(Math.ceil(decision.millis)))
          }
          waiting[head.lane].shift()
          issued += 1
          inFlight += 1
          lastAdmittedAtMillis[head.lane] = nowMillis
          head.admitted = true
          head.admission.openUnsafe()
        })
        yield* Effect.forkScoped(Effect.forever(admitNext))

        const paced = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
          Effect.flatMap(Effect.service(PacingLane), (lane) => {
            const waiter: Waiter = { lane, admitted: false, admission: Latch.makeUnsafe(false) }
            return Effect.suspend(() => {
              waiting[lane].push(waiter)
              wake.openUnsafe()
              return waiter.admission.await
            }).pipe(
              Effect.andThen(effect),
              Effect.ensuring(Effect.sync(() => {
                if (waiter.admitted) {
                  inFlight -= 1
                } else {
                  const queue = waiting[lane]
                  const index = queue.indexOf(waiter)
                  if (index >= 0) queue.splice(index, 1)
                }
                wake.openUnsafe()
              }))
            )
          })
        return Pacing.of({ paced })
      })
    )
}
