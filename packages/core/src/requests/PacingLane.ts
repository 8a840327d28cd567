import { Context, Effect } from "effect"

/**
 * Which lane of the pacing governor a request waits in:
 * - `interactive` (the default): someone is waiting for the answer (a click in the extension, a CLI
 *   lookup). Admitted ahead of every queued background request.
 * - `background`: long work nobody watches request by request (a sync, a bulk apply). It uses the
 *   whole budget down to the reserve, spread evenly over each window, and yields to interactive
 *   requests.
 */
export type PacingLane = "interactive" | "background"

/**
 * The lane of the requests made by the current fiber and the fibers it forks. `Pacing` reads it for
 * every request, so a whole region of work changes lane without a parameter through every call.
 */
export const PacingLane = Context.Reference<PacingLane>("@intercom-explorer/core/PacingLane", {
  defaultValue: () => "interactive"
})

/**
 * Runs `effect` with every request it makes (and the fibers it forks, streams it runs included) on
 * the background lane of `Pacing`.
 */
export const inBackground = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.provideService(effect, PacingLane, "background")
