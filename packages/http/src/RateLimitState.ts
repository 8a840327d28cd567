import { Context, Effect, Layer, Option, Stream, SubscriptionRef } from "effect"

/** The budget Intercom announced on its latest authenticated response. */
export interface RateLimitSnapshot {
  /** `X-RateLimit-Limit`: requests allowed per window (10 s windows on Intercom). */
  readonly limit: number
  /** `X-RateLimit-Remaining`: requests left in the current window. */
  readonly remaining: number
  /** `X-RateLimit-Reset` as unix milliseconds: when `remaining` goes back to `limit`. */
  readonly resetAtMillis: number
  /** Local clock time the headers were read, unix milliseconds. */
  readonly observedAtMillis: number
}

/** Reads the three `X-RateLimit-*` headers; Intercom can omit them (e.g. unauthenticated answers). */
export const parseRateLimitHeaders = (
  headers: Readonly<Record<string, string | undefined>>,
  observedAtMillis: number
): RateLimitSnapshot | undefined => {
  const limit = Number(headers["x-ratelimit-limit"])
  const remaining = Number(headers["x-ratelimit-remaining"])
  const reset = Number(headers["x-ratelimit-reset"])
  if (headers["x-ratelimit-limit"] === undefined || !Number.isFinite(limit)) return undefined
  if (headers["x-ratelimit-remaining"] === undefined || !Number.isFinite(remaining)) return undefined
  if (headers["x-ratelimit-reset"] === undefined || !Number.isFinite(reset)) return undefined
  // The reset is documented in unix seconds; tolerate a server that sends milliseconds.
  const resetAtMillis = reset > 1e12 ? reset : reset * 1000
  return { limit, remaining, resetAtMillis, observedAtMillis }
}

export interface RateLimitStateShape {
  /** The latest snapshot, for pacing decisions. */
  readonly get: Effect.Effect<Option.Option<RateLimitSnapshot>>
  /** Synchronous read for UI code (the extension's status bar) outside Effect. */
  readonly current: () => RateLimitSnapshot | undefined
  /** Every new snapshot, for displays that follow the budget. */
  readonly changes: Stream.Stream<RateLimitSnapshot>
  readonly record: (snapshot: RateLimitSnapshot) => Effect.Effect<void>
}

/** The latest `X-RateLimit-*` headers seen by the HTTP layer, shared with core's pacing and the UI. */
export class RateLimitState extends Context.Service<RateLimitState, RateLimitStateShape>()(
  "@intercom-explorer/http/RateLimitState"
) {
  static readonly layer = Layer.effect(
    RateLimitState,
    Effect.gen(function*() {
      const ref = yield* SubscriptionRef.make<RateLimitSnapshot | undefined>(undefined)
      let latest: RateLimitSnapshot | undefined
      return RateLimitState.of({
        get: Effect.sync(() => Option.fromUndefinedOr(latest)),
        current: () => latest,
        changes: SubscriptionRef.changes(ref).pipe(Stream.filter((s): s is RateLimitSnapshot => s !== undefined)),
        record: (snapshot) =>
          Effect.suspend(() => {
            // Out-of-order answers: keep the newest window, and within one window the lowest remaining.
            if (
              latest !== undefined && snapshot.resetAtMillis === latest.resetAtMillis &&
              snapshot.remaining > latest.remaining
            ) return Effect.void
            if (latest !== undefined && snapshot.resetAtMillis < latest.resetAtMillis) return Effect.void
            latest = snapshot
            return SubscriptionRef.set(ref, snapshot)
          })
      })
    })
  )
}
