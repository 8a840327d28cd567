import type { SimClock } from "../SimClock.js"
import { scrollExists, scrollNotFound } from "./ApiError.js"

// The scroll API's server side: one open scroll per app, a cursor that only moves forward, a TTL
// measured from the last use, and an end marked by an empty page after which the param is gone.
// The cursor advances when a page is *served*, not when it is received: a client that loses a
// response (dropped connection, truncated body) and asks again with the same param gets the page
// after the one it lost. That is the behaviour a scroll client has to be built for.

export interface ScrollStats {
  /** Scrolls opened (first-page requests that were granted). */
  started: number
  /** Non-empty pages served. */
  pagesServed: number
  companiesServed: number
  /** Scrolls read to their empty last page. */
  completed: number
  /** Scrolls that timed out, or were expired by a fault. */
  expired: number
  /** 500 "please restart the scroll" answers (injected). */
  restarts: number
  /** 400 scroll_exists refusals. */
  refusals: number
  /** 404s for unknown or expired params. */
  notFound: number
}

interface Session {
  readonly param: string
  readonly ids: ReadonlyArray<string>
  cursor: number
  lastUsedAt: number
  /** After an injected 500 that keeps the lock: the param is dead but the lock lives to the TTL. */
  dead: boolean
}

interface ScrollPage {
  readonly param: string
  readonly ids: ReadonlyArray<string>
  /** True for the empty page that ends the scroll. */
  readonly last: boolean
}

export class ScrollSessions {
  readonly stats: ScrollStats = {
    started: 0,
    pagesServed: 0,
    companiesServed: 0,
    completed: 0,
    expired: 0,
    restarts: 0,
    refusals: 0,
    notFound: 0
  }
  readonly ttlMs: number
  readonly pageSize: number
  private readonly clock: SimClock
  private readonly newParam: () => string
  private session: Session | undefined

  constructor(ttlMs: number, pageSize: number, clock: SimClock, newParam: () => string) {
    this.ttlMs = ttlMs
    this.pageSize = pageSize
    this.clock = clock
    this.newParam = newParam
  }

  /** Whether a scroll currently holds the app's lock (expiring it first if its TTL ran out). */
  get isOpen(): boolean {
    return this.current() !== undefined
  }

  /** Opens a scroll over `ids` (a snapshot) and serves its first page. */
  open(ids: ReadonlyArray<string>, isLive: (id: string) => boolean): ScrollPage {
    if (this.current() !== undefined) {
      this.stats.refusals++
      throw scrollExists()
    }
    this.session = { param: this.newParam(), ids, cursor: 0, lastUsedAt: this.clock(), dead: false }
    this.stats.started++
    return this.serve(this.session, isLive)
  }

  /** Serves the page after the last one served for `param`. */
  next(param: string, isLive: (id: string) => boolean): ScrollPage {
    const session = this.current()
    if (session === undefined || session.dead || session.param !== param) {
      this.stats.notFound++
      throw scrollNotFound()
    }
    session.lastUsedAt = this.clock()
    return this.serve(session, isLive)
  }

  /** Fault: the open scroll expires now (its param 404s and the lock is released). */
  expireNow(): void {
    if (this.current() !== undefined) {
      this.session = undefined
      this.stats.expired++
    }
  }

  /**
   * Fault: a 500 that cannot be resumed. The param dies; the lock is released unless `holdLock`,
   * in which case a restart meets scroll_exists until the TTL runs out, as Intercom warns.
   */
  abort(holdLock: boolean): void {
    this.stats.restarts++
    const session = this.current()
    if (session === undefined) return
    if (holdLock) session.dead = true
    else this.session = undefined
  }

  private current(): Session | undefined {
    const session = this.session
    if (session !== undefined && this.clock() - session.lastUsedAt > this.ttlMs) {
      this.session = undefined
      this.stats.expired++
      return undefined
    }
    return session
  }

  private serve(session: Session, isLive: (id: string) => boolean): ScrollPage {
    // Companies deleted since the scroll opened are skipped, so that a page only comes back empty
    // at the real end.
    const page: Array<string> = []
    while (page.length < this.pageSize && session.cursor < session.ids.length) {
      const id = session.ids[session.cursor++]
      if (id !== undefined && isLive(id)) page.push(id)
    }
    if (page.length === 0) {
      this.session = undefined
      this.stats.completed++
      return { param: session.param, ids: page, last: true }
    }
    this.stats.pagesServed++
    this.stats.companiesServed += page.length
    return { param: session.param, ids: page, last: false }
  }
}
