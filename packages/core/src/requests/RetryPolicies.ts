import type { IntercomError } from "@intercom-explorer/http"
import { Duration, Effect, Random, Schedule } from "effect"

/*
 * Named retry policies. Each is a `Schedule` fed with the failed attempt's `IntercomError`, so
 * it can both decide (`while`) and time (`modifyDelay`) from what Intercom said.
 */

/**
 * Retryable failures that another policy owns rather than a plain repeat of the request: a 429 waits
 * for its reset (`rateLimitRetry`); the scroll reasons are the scroll stream's to wait out or restart
 * (`ScrollExists`, `ScrollExpired`), or come after its own retries (`ScrollBusy`, `ScrollAborted`).
 */
export const retriedElsewhere: ReadonlyArray<IntercomError["reason"]["_tag"]> = [
  "RateLimited",
  "ScrollExists",
  "ScrollExpired",
  "ScrollBusy",
  "ScrollAborted"
]

/**
 * Failures a repeat of the same request can cure: timeouts, transport errors, 5xx, cut bodies, a 408.
 * Read from the error's own `isRetryable`, so the two cannot disagree.
 */
export const isTransient = (error: IntercomError): boolean =>
  error.isRetryable && !retriedElsewhere.includes(error.reason._tag)

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
