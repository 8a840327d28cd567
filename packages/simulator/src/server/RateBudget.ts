import type { SimClock } from "../SimClock.js"

// Intercom's per-app limit: a quota per fixed window (1000/min spread as 166 per 10 s by default),
// reported on every authenticated response through X-RateLimit-Limit/Remaining/Reset, where Reset
// is the unix second at which the current window ends. Windows are aligned to the epoch so that
// Reset advances in whole windows, as the docs' example shows (…510 → …520).

export interface RateDecision {
  readonly allowed: boolean
  readonly limit: number
  readonly remaining: number
  /** Unix seconds when the window resets. */
  readonly reset: number
}

export interface RateLimitStats {
  allowed: number
  limited: number
  /** Requests answered 429 because of an injected burst rather than real usage. */
  injected: number
}

export class RateBudget {
  readonly limit: number
  readonly windowMs: number
  readonly stats: RateLimitStats = { allowed: 0, limited: 0, injected: 0 }
  private readonly clock: SimClock
  private windowStart = -1
  private used = 0
  /** Forced 429s left from a `rate-limit-burst` fault with a count. */
  private burstLeft = 0
  /** A burst without a count exhausts the window in which it fired. */
  private exhaustedWindow = -1

  constructor(limit: number, windowMs: number, clock: SimClock) {
    this.limit = limit
    this.windowMs = windowMs
    this.clock = clock
  }

  get windowSeconds(): number {
    return Math.max(1, Math.round(this.windowMs / 1000))
  }

  /** Counts one request against the current window. */
  take(): RateDecision {
    const start = this.roll()
    const reset = Math.ceil((start + this.windowMs) / 1000)
    if (this.burstLeft > 0 || this.exhaustedWindow === start) {
      if (this.burstLeft > 0) this.burstLeft--
      this.stats.limited++
      this.stats.injected++
      return { allowed: false, limit: this.limit, remaining: 0, reset }
    }
    if (this.used >= this.limit) {
      this.stats.limited++
      return { allowed: false, limit: this.limit, remaining: 0, reset }
    }
    this.used++
    this.stats.allowed++
    return { allowed: true, limit: this.limit, remaining: this.limit - this.used, reset }
  }

  /**
   * Simulates another integration on the same app spending the quota: either the next `count`
   * requests are refused, or (no count) everything until the current window resets.
   */
  burst(count?: number): void {
    if (count !== undefined) this.burstLeft += count
    else this.exhaustedWindow = this.roll()
  }

  private roll(): number {
    const now = this.clock()
    const start = Math.floor(now / this.windowMs) * this.windowMs
    if (start !== this.windowStart) {
      this.windowStart = start
      this.used = 0
    }
    return start
  }
}
