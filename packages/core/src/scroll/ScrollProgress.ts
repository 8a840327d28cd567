/** Where a scroll stands, for progress bars and logs. */
export interface ScrollProgress {
  /** Pages received in all passes. */
  readonly pages: number
  /** Distinct companies delivered so far. */
  readonly companies: number
  /** Passes started again from the first page (expiry, a mid-scroll 500, a lost page). */
  readonly restarts: number
  /** Waits for another holder's scroll (`scroll_exists`) to be released. */
  readonly waits: number
  /** Companies received again after a restart and skipped. */
  readonly duplicatesSkipped: number
  /** `scrolling`, `waiting` (for `scroll_exists`), `restarting`, or `done`. */
  readonly phase: "scrolling" | "waiting" | "restarting" | "done"
}
