/**
 * "Load more" under a segment or tag: the group's loader waits here between batches, holding its
 * place in the listing, until the user asks for more. A signal sent while nobody waits is kept.
 */
export class Demand {
  private waiter: (() => void) | undefined
  private pending = false

  wait(): Promise<void> {
    if (this.pending) {
      this.pending = false
      return Promise.resolve()
    }
    return new Promise((resolve) => (this.waiter = resolve))
  }

  signal(): void {
    const waiter = this.waiter
    this.waiter = undefined
    if (waiter !== undefined) waiter()
    else this.pending = true
  }
}
