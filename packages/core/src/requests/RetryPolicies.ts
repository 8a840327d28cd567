import type { IntercomError } from "@intercom-explorer/http"
import { Duration, Effect, Random, Schedule } from "effect"

/*
 * Named retry policies. Each is a `Schedule` fed with the failed attempt's `IntercomError`, so
 * it can both decide (`while`) and time (`modifyDelay`) from what Intercom said.
 */

/** Failures a repeat of the same request can cure: timeouts, transport errors, 5xx, cut bodies. */
export const isTransient = (error: IntercomError): boolean =>
  error.reason._tag === "Timeout" ||
  error.reason._tag === "Transport" ||
  error.reason._tag === "ServerError" ||
  (error.reason._tag === "InvalidResponse" && error.reason.malformed) ||
  (error.reason._tag === "BadRequest" && error.status === 408)

/**
 * Transient failures of idempotent calls: exponential backoff from 250 ms, each delay capped at 5 s
 * before a ±20% jitter, at most 4 retries and 20 s of retrying in all.
 */
export const transientRetry = Schedule.min([
  Schedule.exponential("250 millis"),
  Schedule.spaced("5 seconds")
]).pipe(
  Schedule.jittered,
  Schedule.upTo({ times: 4, duration: "20 seconds" }),
  Schedule.setInputType<IntercomError>(),
  Schedule.while(({ input }) => isTransient(input))
)

/** How long to wait after a 429: until the window resets, plus up to 1 s of jitter so clients spread out. */
export const rateLimitDelay = (error: IntercomError, nowMillis: number, random: number): Duration.Duration => {
  const resetAt = error.reason._tag === "RateLimited" ? error.reason.resetAtMillis : undefined
  // No reset header: one Intercom window. A reset far away is clock skew: never wait past a window.
  const untilReset = resetAt === undefined ? 10_000 : Math.min(Math.max(resetAt - nowMillis, 0), 10_000)
  return Duration.millis(untilReset + 100 + Math.floor(random * 900))
}

/** A 429 is retried after the reset announced by `X-RateLimit-Reset`, up to 5 times. */
export const rateLimitRetry = Schedule.forever.pipe(
  Schedule.setInputType<IntercomError>(),
  Schedule.while(({ input }) => input.reason._tag === "RateLimited"),
  Schedule.upTo({ times: 5 }),
  Schedule.modifyDelay(({ input, now }) =>
    Effect.map(Random.next, (random) => rateLimitDelay(input, now, random))
  )
)
