import type { RateLimitSnapshot } from "@intercom-explorer/http"
import type { PacingLane } from "./PacingLane.js"

/** The governor's defaults, shared by `decide` and `Pacing.layer`. */
export const pacingDefaults = {
  reserveFraction: 0.1,
  /** Intercom's window; the governor narrows it to what the resets show (a simulator's can be shorter). */
  windowMillis: 10_000,
  initialBurst: 4,
  blindSpacingMillis: 100
} as const

/** What the governor decided for the next request. */
export type PacingDecision =
  | { readonly _tag: "Go" }
  /** `thenGo`: a spacing wait (the request goes when it ends, unless something changed); else a budget wait. */
  | { readonly _tag: "Wait"; readonly millis: number; readonly thenGo: boolean }

export interface PacingInput {
  /** The latest `X-RateLimit-*` headers; undefined until a response carried them. */
  readonly snapshot: RateLimitSnapshot | undefined
  /** Requests admitted since `snapshot` was observed (since the start while there is none). */
  readonly issued: number
  /** Requests admitted and not finished. */
  readonly inFlight: number
  readonly nowMillis: number
  readonly reserveFraction: number
  /** The lane of the request to decide for (default interactive). */
  readonly lane?: PacingLane | undefined
  /**
   * When each lane last had a request admitted: interactive spreads from its own (counted from now
   * when unknown: today's rule); without headers, requests are spaced from the latest of the two.
   */
  readonly lastAdmittedAtMillis?: {
    readonly interactive?: number | undefined
    readonly background?: number | undefined
  } | undefined
  /** How long a rate-limit window lasts (the headers only say when the current one ends). */
  readonly windowMillis?: number | undefined
  readonly initialBurst?: number | undefined
  readonly blindSpacingMillis?: number | undefined
}

const go: PacingDecision = { _tag: "Go" }

/** A window at most: a reset far away is clock skew, never a reason to wait longer. */
const maxWaitMillis = 10_000

/** Go at `atMillis`, or wait for it. */
const spacedUntil = (atMillis: number, nowMillis: number): PacingDecision =>
  atMillis <= nowMillis ? go : { _tag: "Wait", millis: Math.min(atMillis - nowMillis, maxWaitMillis), thenGo: true }

/**
 * The pure pacing rule. `issued` and `inFlight` are both subtracted from the budget (double counting
 * is the safe side); the reserve (`reserveFraction` of the limit, at least 1) is never spent.
 * - no headers yet: `initialBurst` requests, then one per `blindSpacingMillis`;
 * - budget used up (either lane): wait for the window to reset;
 * - a window past its reset: go (the budget is the full limit again);
 * - interactive: go while half the budget is left, then spread the rest evenly over the time left
 *   (from the last interactive admission, so background traffic never spaces an interactive request),
 *   the last one a gap before the reset;
 * - background: the whole budget at an even pace of `limit - reserve` per window, so an
 *   interactive request arriving at any time finds budget left, and each one it takes holds the
 *   background back by one gap (background yields).
 *
 * Which request is decided for is the governor's part: interactive requests first, in order.
 */
export const decide = (input: PacingInput): PacingDecision => {
  const { inFlight, issued, nowMillis, reserveFraction, snapshot } = input
  const last = input.lastAdmittedAtMillis
  if (snapshot === undefined) {
    if (issued < (input.initialBurst ?? pacingDefaults.initialBurst)) return go
    const from = Math.max(last?.interactive ?? -Infinity, last?.background ?? -Infinity)
    const spacing = input.blindSpacingMillis ?? pacingDefaults.blindSpacingMillis
    return spacedUntil((from === -Infinity ? nowMillis : from) + spacing, nowMillis)
  }
  const reserve = Math.max(1, Math.ceil(snapshot.limit * reserveFraction))
  const stale = nowMillis >= snapshot.resetAtMillis
  const base = stale ? snapshot.limit : snapshot.remaining
  const budget = base - reserve - issued - inFlight
  if (budget <= 0) {
    // A stale window with nothing left means our own answers are still due: look again shortly.
    if (stale) return { _tag: "Wait", millis: 25, thenGo: false }
    // Reset is in unix seconds; a little margin keeps us from arriving a hair early.
    return { _tag: "Wait", millis: Math.min(snapshot.resetAtMillis - nowMillis, maxWaitMillis) + 150, thenGo: false }
  }
  if (stale) return go
  const usable = Math.max(1, snapshot.limit - reserve)
  if ((input.lane ?? "interactive") === "background") {
    // An even pace, usable per window: go while the budget left is more than the time left needs at
    // that pace, so the last request goes one gap before the reset. Measured against the reset,
    // not the last admission, so a late wake-up is made up at once instead of carried forward.
    const windowMillis = input.windowMillis ?? pacingDefaults.windowMillis
    const resetAt = Math.min(snapshot.resetAtMillis, nowMillis + windowMillis)
    return spacedUntil(resetAt - budget * windowMillis / usable, nowMillis)
  }
  if (budget >= usable / 2) return go
  // `budget` requests over the time left in `budget + 1` even gaps: the last one goes a gap before
  // the reset. Over `budget` gaps it would go at the reset, count in the next window, and every
  // window would end one request short of its budget.
  const start = last?.interactive ?? nowMillis
  return spacedUntil(start + (snapshot.resetAtMillis - start) / (budget + 1), nowMillis)
}
