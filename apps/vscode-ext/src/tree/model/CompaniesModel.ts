import type { CompanyPage } from "@intercom-explorer/core"
import { CompanyList } from "./CompanyList"
import { type CompanyRow, formatCount } from "./CompanyRow"
import type { ListFailure, LoadPhase } from "./LoadState"

/**
 * At most this many company rows are materialized in the Companies view. A tree of 100,000 rows is
 * no use to a person (Find Company searches the server instead), and every refresh of the root
 * sends all its rows to the workbench; so "Load all" stops at this many rows, releases the scroll,
 * and the view says so with a row that offers Find Company. Memory stays bounded by this number
 * times a compact row (CompanyRow), whatever the workspace size.
 */
const MAX_COMPANY_ROWS = 25_000

/** Companies per "Load more" (POST /companies/list page size). */
export const COMPANY_PAGE_SIZE = 50

/** What the Companies root shows, in order; the provider turns these into tree nodes. */
export type CompaniesEntry =
  | { readonly kind: "error"; readonly failure: ListFailure }
  | { readonly kind: "company"; readonly row: CompanyRow }
  | { readonly kind: "loadMore" }
  | { readonly kind: "loadAll" }
  | { readonly kind: "loadingAll"; readonly loaded: number; readonly expected: number | undefined; readonly waiting: boolean }
  | { readonly kind: "capped"; readonly shown: number }

/** `pages`: POST /companies/list page by page; `all`: everything through the scroll. */
export type CompaniesMode = "pages" | "all"

/**
 * A page of POST /companies/list as the model takes it: core's CompanyPage with its companies made
 * rows, and the app id they carry (web-app links need it).
 */
export type CompanyRowsPage = Pick<CompanyPage, "page" | "totalCount" | "hasNextPage"> & {
  readonly rows: ReadonlyArray<CompanyRow>
  readonly appId?: string | undefined
}

/**
 * The data and state behind the Companies view, without any VS Code or Effect: the loaders write
 * to it, the provider renders it. Keeping it pure keeps the rules (counts, cap, what rows show when)
 * unit-testable.
 */
export class CompaniesModel {
  readonly rows = new CompanyList()
  phase: LoadPhase = "idle"
  mode: CompaniesMode = "pages"
  pagesLoaded = 0
  /** Companies POST /companies/list reaches (those with users); the scroll may find more. */
  totalCount: number | undefined = undefined
  /**
   * Every company of the workspace, with users or not, when it is known without reading them all:
   * the demo's simulator knows it, and a complete Load all counts it. Intercom's list has no such
   * total (its total_count leaves out companies without users).
   */
  allCount: number | undefined = undefined
  hasNextPage = false
  /** A load is running (refresh, more or all); action rows are hidden meanwhile. */
  busy: "refresh" | "more" | "all" | undefined = undefined
  /** While "Load all" runs: companies received so far, and whether it waits for another scroll. */
  allProgress: { loaded: number; waiting: boolean } | undefined = undefined
  /** Load all stopped at MAX_COMPANY_ROWS. */
  capped = false
  /** Every company was loaded (the scroll reached its end). */
  complete = false
  error: ListFailure | undefined = undefined
  /**
   * Rows put first by Find Company or a create: they stay at the top across page refreshes, which
   * would otherwise drop a company that is not on the pages loaded.
   */
  private readonly pinned = new Set<string>()

  /** The row cap; a field so that tests can lower it. */
  constructor(public maxRows: number = MAX_COMPANY_ROWS) {}

  /** Back to nothing loaded (signed out, another workspace). */
  reset(): void {
    this.rows.retainOnly(new Set())
    this.phase = "idle"
    this.mode = "pages"
    this.pagesLoaded = 0
    this.totalCount = undefined
    this.allCount = undefined
    this.hasNextPage = false
    this.busy = undefined
    this.allProgress = undefined
    this.capped = false
    this.complete = false
    this.error = undefined
    this.pinned.clear()
  }

  /** Shows a row first and keeps it there (a company revealed or created). */
  pin(row: CompanyRow): void {
    this.pinned.add(row.id)
    this.rows.prepend(row)
    if (this.phase !== "loading") this.phase = "ready"
  }

  /** A company deleted. */
  remove(id: string): boolean {
    this.pinned.delete(id)
    return this.rows.remove(id)
  }

  /** A refresh in page mode succeeded: its pages replace the rows (never merged with stale ones). */
  replaceWithPages(pages: ReadonlyArray<CompanyRowsPage>): void {
    const last = pages[pages.length - 1]
    const pinned = [...this.pinned].flatMap((id) => this.rows.get(id) ?? [])
    this.rows.retainOnly(new Set())
    this.rows.append(pinned)
    for (const page of pages) this.rows.append(page.rows, this.maxRows)
    this.pagesLoaded = last?.page ?? 0
    this.totalCount = last?.totalCount
    this.hasNextPage = last?.hasNextPage ?? false
    this.mode = "pages"
    this.capped = false
    // POST /companies/list leaves out companies without users: only a full scroll is complete.
    this.complete = false
    this.loaded()
  }

  /** "Load more" succeeded. */
  appendPage(page: CompanyRowsPage): void {
    this.rows.append(page.rows, this.maxRows)
    this.pagesLoaded = page.page
    this.totalCount = page.totalCount
    this.hasNextPage = page.hasNextPage && this.rows.size < this.maxRows
    this.loaded()
  }

  /** "Load all" starts: rows already shown stay, new ones are appended as they come. */
  beginAll(): void {
    this.allProgress = { loaded: 0, waiting: false }
  }

  /**
   * A batch from the scroll. Returns false once the cap is reached: the loader then stops the
   * scroll (which releases Intercom's one-scroll-per-app lock).
   */
  appendScrolled(rows: ReadonlyArray<CompanyRow>, seen: Set<string>): boolean {
    for (const row of rows) seen.add(row.id)
    this.rows.append(rows, this.maxRows)
    if (this.allProgress !== undefined) this.allProgress = { loaded: seen.size, waiting: false }
    if (rows.length > 0) this.phase = "ready"
    // A company that did not fit: the workspace has more than the view materializes.
    if (rows.some((row) => !this.rows.has(row.id))) {
      this.capped = true
      return false
    }
    return true
  }

  /** The scroll is waiting for another scroll of this app to end (scroll_exists). */
  scrollWaiting(): void {
    if (this.allProgress !== undefined) this.allProgress = { ...this.allProgress, waiting: true }
  }

  /**
   * The scroll ended. Complete: rows the scroll did not deliver are gone from the workspace (a
   * refresh in `all` mode); capped: the rows beyond the cap were never materialized.
   */
  finishAll(seen: ReadonlySet<string>, reachedEnd: boolean): void {
    this.allProgress = undefined
    this.mode = "all"
    if (reachedEnd && !this.capped) {
      this.rows.retainOnly(seen)
      this.complete = true
      this.allCount = seen.size
    }
    this.hasNextPage = false
    this.loaded()
  }

  /** Load all stopped by the user: what arrived stays, paging resumes where the rows are. */
  stopAll(): void {
    this.allProgress = undefined
  }

  failed(failure: ListFailure): void {
    this.error = failure
    this.allProgress = undefined
    if (this.phase === "loading") this.phase = this.rows.size > 0 ? "ready" : "idle"
    if (this.phase === "idle") this.phase = "ready"
  }

  private loaded(): void {
    this.phase = "ready"
    this.error = undefined
  }

  /**
   * The view's description. Pages of Intercom's list count the companies with users, and say so:
   * "50 of 3,412 with users", or with the workspace's total when it is known, "50 of 260 with
   * users · 300 in all" ("50 of 300" when every company has users). Load all: "loading 120 of
   * 300…", then "300" (everything), or "25,000 of ~100,000" (stopped, or at the row cap).
   */
  description(): string | undefined {
    if (this.phase !== "ready" && this.allProgress === undefined) return undefined
    const shown = this.rows.size
    if (this.allProgress !== undefined) {
      const expected = this.allCount !== undefined
        ? ` of ${formatCount(this.allCount)}`
        : this.totalCount === undefined ? "" : ` of ~${formatCount(this.totalCount)}`
      return `loading ${formatCount(this.allProgress.loaded)}${expected}…`
    }
    if (this.complete && !this.capped) return formatCount(shown)
    if (this.capped || this.mode === "all") {
      // The scroll may have found companies the list does not count (no users).
      if (this.allCount !== undefined) return `${formatCount(shown)} of ${formatCount(Math.max(this.allCount, shown))}`
      if (this.totalCount === undefined) return `${formatCount(shown)}+`
      return `${formatCount(shown)} of ~${formatCount(Math.max(this.totalCount, shown))}`
    }
    if (this.totalCount === undefined) return `${formatCount(shown)}+`
    const withUsers = Math.max(this.totalCount, shown)
    if (this.allCount !== undefined && this.allCount <= withUsers) return `${formatCount(shown)} of ${formatCount(withUsers)}`
    const listed = `${formatCount(shown)} of ${formatCount(withUsers)} with users`
    return this.allCount === undefined ? listed : `${listed} · ${formatCount(this.allCount)} in all`
  }

  /** Companies the list leaves out (no users), when the workspace's total is known; for Load all's row. */
  withoutUsers(): number | undefined {
    if (this.allCount === undefined || this.totalCount === undefined) return undefined
    return Math.max(0, this.allCount - this.totalCount)
  }

  /** The root rows, in order. Empty while loading the first time or while empty (welcome shows). */
  entries(): Array<CompaniesEntry> {
    const out: Array<CompaniesEntry> = []
    if (this.error !== undefined && !(this.error.offline && this.rows.size === 0)) out.push({ kind: "error", failure: this.error })
    for (const row of this.rows.values()) out.push({ kind: "company", row })
    if (this.allProgress !== undefined) {
      out.push({ kind: "loadingAll", loaded: this.allProgress.loaded, expected: this.allCount ?? this.totalCount, waiting: this.allProgress.waiting })
    } else if (this.capped) {
      out.push({ kind: "capped", shown: this.rows.size })
    } else if (this.phase === "ready" && this.busy === undefined && !this.complete && this.rows.size > 0) {
      if (this.hasNextPage) out.push({ kind: "loadMore" })
      out.push({ kind: "loadAll" })
    }
    return out
  }

  /** The welcome states of the view (context keys): signed-in but nothing to show. */
  viewState(): { loading: boolean; empty: boolean; offline: boolean } {
    const noRows = this.rows.size === 0
    return {
      loading: noRows && (this.phase === "loading" || (this.busy !== undefined && this.error === undefined)),
      empty: noRows && this.phase === "ready" && this.error === undefined && this.busy === undefined && this.allProgress === undefined,
      offline: noRows && this.error?.offline === true
    }
  }
}
