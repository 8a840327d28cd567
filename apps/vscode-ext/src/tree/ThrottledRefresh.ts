/**
 * Coalesces refreshes of a whole view: while "Load all" appends batches many times a second, the
 * root is re-rendered at most once per interval. Every refresh of the root sends all its rows to
 * the workbench, so the interval grows with the number of rows.
 */
export class ThrottledRefresh {
  private timer: ReturnType<typeof setTimeout> | undefined
  private last = 0

  constructor(
    private readonly fire: () => void,
    private readonly interval: () => number
  ) {}

  schedule(): void {
    if (this.timer !== undefined) return
    const wait = Math.max(0, this.last + this.interval() - Date.now())
    this.timer = setTimeout(() => this.now(), wait)
  }

  /** Refreshes at once (and drops a scheduled refresh). */
  now(): void {
    if (this.timer !== undefined) clearTimeout(this.timer)
    this.timer = undefined
    this.last = Date.now()
    this.fire()
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer)
    this.timer = undefined
  }
}
