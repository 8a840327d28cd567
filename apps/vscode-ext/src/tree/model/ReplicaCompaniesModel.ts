// What the Companies view shows once the workspace has a replica: saved queries, then the
// companies matching the filter (grouped or not), each list paged from the database. Only the
// pages shown are read and held, never all companies. No VS Code, no Effect: it reads through a
// ReplicaReader, and the unit tests give it a real SQLite file.
import { composeQuery, type GroupChoice, groupTerm } from "./companyQuery"
import { type CompanyRow, formatCount } from "./CompanyRow"
import type { GroupBy, ReplicaReader } from "./ReplicaReader"
import type { SavedQuery } from "./savedQueries"

/** Companies per page of a list ("Load more" adds as many). */
export const REPLICA_PAGE_SIZE = 100

/** The list of the companies matching the filter, ungrouped. */
export const ALL_LIST = "all"

/** Companies created or revealed (Find Company), shown first until the filter changes. */
export const PINNED_LIST = "pinned"

export type ReplicaEntry =
  | { readonly kind: "company"; readonly listId: string; readonly row: CompanyRow }
  | { readonly kind: "more"; readonly listId: string; readonly shown: number; readonly total: number }
  /** A saved query or a group: expands to its companies. `problem`: why its query cannot run. */
  | {
    readonly kind: "list"
    readonly listId: string
    readonly role: "query" | "group"
    readonly label: string
    readonly count: number | undefined
    readonly problem: string | undefined
    /** The saved query's index in the setting (Edit Query). */
    readonly queryIndex?: number
  }
  | { readonly kind: "problem"; readonly listId: string; readonly message: string }
  | { readonly kind: "empty"; readonly listId: string }

/** `query:0`, `group:plan:Pro`, `group:plan:` (no plan). */
export const queryListId = (index: number): string => `query:${index}`
export const groupListId = (by: GroupBy, key: string | null): string => `group:${by}:${key === null ? "" : `=${key}`}`

export class ReplicaCompaniesModel {
  filter = ""
  groupBy: GroupChoice = "none"
  sort = "name"
  queries: ReadonlyArray<SavedQuery> = []
  /** The rows of every list shown, by company id (rowOf, edits). Cleared with the pages. */
  readonly rows = new Map<string, CompanyRow>()
  private readonly limits = new Map<string, number>()
  private readonly pages = new Map<string, { readonly rows: ReadonlyArray<CompanyRow>; readonly total: number } | { readonly problem: string }>()
  private readonly counts = new Map<string, number | { readonly problem: string }>()
  /** The query behind each list id handed out. */
  private readonly listQueries = new Map<string, string>()
  private pinned: Array<CompanyRow> = []
  /** Deleted companies, left out of what was read before (a sync or write-through removes them). */
  private readonly hidden = new Set<string>()

  constructor(private readonly reader: () => ReplicaReader | undefined) {}

  /** Forgets what was read (a sync, an edit, another filter); the pages shown stay as many. */
  invalidate(): void {
    this.pages.clear()
    this.counts.clear()
    this.rows.clear()
  }

  /** A sync swapped a new replica in: what was read, and the deletions hidden meanwhile, go. */
  replicaChanged(): void {
    this.hidden.clear()
    this.invalidate()
  }

  /** Back to the first page of every list (another filter, grouping or sort). */
  resetPaging(): void {
    this.limits.clear()
    this.listQueries.clear()
    this.pinned = []
    this.invalidate()
  }

  /** A company created or revealed: first in the view, until the filter changes. */
  pin(row: CompanyRow): void {
    this.pinned = [row, ...this.pinned.filter((r) => r.id !== row.id)]
    this.rows.set(row.id, row)
  }

  /** A company deleted: gone from every list shown. */
  hide(companyId: string): boolean {
    this.hidden.add(companyId)
    this.pinned = this.pinned.filter((r) => r.id !== companyId)
    return this.rows.delete(companyId)
  }

  /** Whether the filtered list's pages read so far hold this company (Find Company reveals it there). */
  shownInAll(companyId: string): boolean {
    const page = this.pages.get(ALL_LIST)
    return page !== undefined && "rows" in page && page.rows.some((r) => r.id === companyId)
  }

  /** The filter's own problem, if the parser refuses it. */
  filterProblem(): string | undefined {
    const count = this.countOf(composeQuery(this.filter))
    return typeof count === "number" ? undefined : count.problem
  }

  /** Every company in the replica. */
  total(): number | undefined {
    const count = this.countOf("")
    return typeof count === "number" ? count : undefined
  }

  /** The companies matching the filter (all without one). */
  matched(): number | undefined {
    const count = this.countOf(composeQuery(this.filter))
    return typeof count === "number" ? count : undefined
  }

  /** "312 of 100,000 · plan:Pro spend>1000", or "100,000 companies" without a filter. */
  description(): string {
    const total = this.total()
    if (total === undefined) return ""
    if (this.filter.trim() === "") return `${formatCount(total)} ${total === 1 ? "company" : "companies"}`
    const matched = this.matched()
    return `${matched === undefined ? "?" : formatCount(matched)} of ${formatCount(total)} · ${this.filter.trim()}`
  }

  /** The saved queries, then the filtered companies: as one list, or as groups. */
  rootEntries(): Array<ReplicaEntry> {
    const pinned: Array<ReplicaEntry> = this.pinned.map((row) => {
      const shown = this.rows.get(row.id) ?? row
      this.rows.set(row.id, shown)
      return { kind: "company", listId: PINNED_LIST, row: shown }
    })
    const saved: Array<ReplicaEntry> = this.queries.map((saved, i) => {
      const listId = queryListId(i)
      const query = composeQuery(saved.query, { sort: this.sort })
      this.listQueries.set(listId, query)
      const count = this.countOf(query)
      return {
        kind: "list",
        listId,
        role: "query",
        label: saved.label,
        count: typeof count === "number" ? count : undefined,
        problem: typeof count === "number" ? undefined : count.problem,
        queryIndex: i
      }
    })
    const entries = [...pinned, ...saved]
    const problem = this.filterProblem()
    if (problem !== undefined) return [...entries, { kind: "problem", listId: ALL_LIST, message: problem }]
    if (this.groupBy === "none") {
      this.listQueries.set(ALL_LIST, composeQuery(this.filter, { sort: this.sort }))
      return [...entries, ...this.listEntries(ALL_LIST)]
    }
    const by = this.groupBy
    let groups: ReadonlyArray<{ key: string | null; count: number }>
    try {
      groups = this.reader()?.groupCounts(composeQuery(this.filter), by) ?? []
    } catch (error) {
      return [...entries, { kind: "problem", listId: ALL_LIST, message: messageOf(error) }]
    }
    if (groups.length === 0) return [...entries, { kind: "empty", listId: ALL_LIST }]
    for (const group of groups) {
      const listId = groupListId(by, group.key)
      this.listQueries.set(listId, composeQuery(this.filter, { group: groupTerm(by, group.key), sort: this.sort }))
      entries.push({ kind: "list", listId, role: "group", label: group.key ?? `(no ${by})`, count: group.count, problem: undefined })
    }
    return entries
  }

  /** The companies of a saved query or a group (and its "Load more"). */
  children(listId: string): Array<ReplicaEntry> {
    return this.listEntries(listId)
  }

  /** A list of its own (a tag's or a segment's companies in their views). */
  defineList(listId: string, query: string): void {
    if (this.listQueries.get(listId) === query) return
    this.listQueries.set(listId, query)
    this.pages.delete(listId)
  }

  /** The query a list runs, once the list was handed out. */
  queryOf(listId: string): string | undefined {
    return this.listQueries.get(listId)
  }

  /** One more page of a list. */
  loadMore(listId: string): void {
    this.limits.set(listId, this.limitOf(listId) + REPLICA_PAGE_SIZE)
    this.pages.delete(listId)
  }

  /** A company's row as last read, if it is shown. */
  row(companyId: string): CompanyRow | undefined {
    return this.rows.get(companyId)
  }

  /** An edit's answer: the row shows it until the next read. */
  replaceRow(row: CompanyRow): boolean {
    if (!this.rows.has(row.id)) return false
    this.rows.set(row.id, row)
    return true
  }

  private limitOf(listId: string): number {
    return this.limits.get(listId) ?? REPLICA_PAGE_SIZE
  }

  private listEntries(listId: string): Array<ReplicaEntry> {
    const query = this.listQueries.get(listId)
    if (query === undefined) return []
    let page = this.pages.get(listId)
    if (page === undefined) {
      const reader = this.reader()
      if (reader === undefined) return []
      try {
        const total = this.countOrThrow(query)
        page = { rows: reader.page(query, Math.min(this.limitOf(listId), total), 0), total }
      } catch (error) {
        page = { problem: messageOf(error) }
      }
      this.pages.set(listId, page)
    }
    if ("problem" in page) return [{ kind: "problem", listId, message: page.problem }]
    if (page.rows.length === 0) return [{ kind: "empty", listId }]
    const entries: Array<ReplicaEntry> = page.rows.filter((row) => !this.hidden.has(row.id)).map((row) => {
      // An edit's answer, shown until the next read, wins over the page read before it.
      const shown = this.rows.get(row.id) ?? row
      this.rows.set(row.id, shown)
      return { kind: "company", listId, row: shown }
    })
    if (page.rows.length < page.total) entries.push({ kind: "more", listId, shown: page.rows.length, total: page.total })
    return entries
  }

  private countOrThrow(query: string): number {
    const count = this.countOf(query)
    if (typeof count === "number") return count
    throw new Error(count.problem)
  }

  private countOf(query: string): number | { readonly problem: string } {
    const known = this.counts.get(query)
    if (known !== undefined) return known
    const reader = this.reader()
    if (reader === undefined) return { problem: "no replica yet" }
    let count: number | { readonly problem: string }
    try {
      count = reader.count(query)
    } catch (error) {
      count = { problem: messageOf(error) }
    }
    this.counts.set(query, count)
    return count
  }
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))
