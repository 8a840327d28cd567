/** The budget as the HTTP layer last saw it (the fields of RateLimitState's snapshot used here). */
export interface RateLimitBudget {
  readonly limit: number
  readonly remaining: number
  /** Unix milliseconds when `remaining` goes back to `limit`. */
  readonly resetAtMillis: number
}

export type RateLimitDisplay =
  | { readonly visible: false }
  | {
    readonly visible: true
    readonly text: string
    readonly tooltip: string
    /** Nothing left: requests wait for the reset, so the item is shown as a warning. */
    readonly exhausted: boolean
  }

/** Shown below this share of the window's budget; above it the budget is nobody's concern. */
const LOW_BUDGET_SHARE = 0.3

/**
 * Whether and how the status bar shows the rate-limit budget. Hidden while there is plenty left and
 * once the window has reset (the snapshot is then stale: the budget is full again even if no
 * request has said so yet).
 */
export const rateLimitDisplay = (
  budget: RateLimitBudget | undefined,
  nowMillis: number,
  formatTime: (millis: number) => string = (millis) => new Date(millis).toLocaleTimeString()
): RateLimitDisplay => {
  if (budget === undefined || budget.limit <= 0) return { visible: false }
  if (nowMillis >= budget.resetAtMillis) return { visible: false }
  if (budget.remaining >= budget.limit * LOW_BUDGET_SHARE) return { visible: false }
  const seconds = Math.max(1, Math.ceil((budget.resetAtMillis - nowMillis) / 1000))
  const exhausted = budget.remaining <= 0
  return {
    visible: true,
    text: `$(watch) Intercom ${Math.max(0, budget.remaining)}/${budget.limit}`,
    tooltip: [
      `Intercom rate limit: ${Math.max(0, budget.remaining)} of ${budget.limit} requests left in this window.`,
      `Resets at ${formatTime(budget.resetAtMillis)} (in ${seconds} s).`,
      exhausted ? "Requests wait for the reset." : "Requests are paced to stay within it."
    ].join("\n"),
    exhausted
  }
}
