// What the Companies view shows once the workspace has a replica: saved queries, then the
// companies matching the filter (grouped or not), each list paged from the database. Only the
// pages shown are read and held, never all companies. No VS Code, no Effect: it reads through a
// ReplicaReader (a worker thread, so every read is asynchronous), and the unit tests give it a real
// SQLite file.
//
// The tree asks synchronously (getChildren): the model answers from what it has read, starts the
// reads it lacks, and calls `onLoaded` when their answers are in, so that the tree asks again. What
// was read before an edit or a sync stays shown until its new answer comes. Every answer is
// checked against the state that asked for it: an answer to an older filter, grouping, sort,
// page size or replica (the user typed on, a sync swapped) is dropped, never shown over a newer one.
import { composeQuery, type GroupChoice, groupTerm } from "./companyQuery"
import { type CompanyRow, formatCount } from "./CompanyRow"
import type { GroupBy, GroupCountRow, ReplicaReader } from "./ReplicaReader"
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

/** A read answer as cached: the epoch it was read in (older ones are shown until read again). */
type Read<A> = { readonly epoch: number; readonly value: A } | { readonly epoch: number; readonly problem: string }

interface PageRead {
  readonly query: string
  readonly limit: number
  readonly rows: ReadonlyArray<CompanyRow>
  readonly total: number
}

/** The groups of a tag or segment view, as the replica counts them. */
export interface ReplicaGroupCount {
  readonly id: string
  readonly name: string
  readonly companies: number
}

export class ReplicaCompaniesModel {
  filter = ""
  groupBy: GroupChoice = "none"
  sort = "name"
  queries: ReadonlyArray<SavedQuery> = []
  /** The rows of every list shown, by company id (rowOf, edits). Cleared with the pages. */
  readonly rows = new Map<string, CompanyRow>()
  private readonly limits = new Map<string, number>()
  private readonly pages = new Map<string, Read<PageRead>>()
  private readonly counts = new Map<string, Read<number>>()
  private groups: Read<{ readonly key: string; readonly rows: ReadonlyArray<GroupCountRow> }> | undefined
  private readonly groupLists = new Map<"tag" | "segment", Read<ReadonlyArray<ReplicaGroupCount>>>()
  /** The query behind each list id handed out. */
  private readonly listQueries = new Map<string, string>()
  private pinned: Array<CompanyRow> = []
  /** Deleted companies, left out of what was read before (a sync or write-through removes them). */
  private readonly hidden = new Set<string>()
  /** Bumped whenever what was read may be out of date (an edit, a sync) or another state asks (filter, group, sort). */
  private epoch = 0
  /** The reads running for this epoch, by what they read. */
  private running = new Map<string, Promise<void>>()
  /** Lists whose answers came in since the tree was last told (undefined: the root). */
  private readonly loaded = new Set<string | undefined>()
  private notifying: ReturnType<typeof setTimeout> | undefined

  constructor(
    private readonly reader: () => ReplicaReader | undefined,
    /** Answers came in: the root (undefined) or one list shows something new. Batched per turn. */
    private readonly onLoaded: (listId: string | undefined) => void = () => {}
  ) {}

  /** Forgets what was read (a sync, an edit, another filter); what was shown stays until read again. */
  invalidate(): void {
    this.epoch += 1
    this.running = new Map()
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
    this.pages.clear()
    this.rows.clear()
    this.groups = undefined
    this.invalidate()
  }

  /** Whether a read of this state is running (what is shown changes when it answers). */
  get busy(): boolean {
    return this.running.size > 0
  }

  /** Resolves once no read is running (tests, the bench): what the tree shows next is read. */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()])
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
    return page !== undefined && "value" in page && page.value.rows.some((r) => r.id === companyId)
  }

  /** The filter's own problem, if the parser refuses it (once its count was read). */
  filterProblem(): string | undefined {
    const count = this.countOf(composeQuery(this.filter))
    return count !== undefined && typeof count !== "number" ? count.problem : undefined
  }

  /** Every company in the replica (once read). */
  total(): number | undefined {
    const count = this.countOf("")
    return typeof count === "number" ? count : undefined
  }

  /** The companies matching the filter (all without one), once read. */
  matched(): number | undefined {
    const count = this.countOf(composeQuery(this.filter))
    return typeof count === "number" ? count : undefined
  }

  /** "312 of 100,000 · plan:Pro spend>1000", or "100,000 companies" without a filter; "" until read. */
  description(): string {
    const total = this.total()
    if (total === undefined) return ""
    if (this.filter.trim() === "") return `${formatCount(total)} ${total === 1 ? "company" : "companies"}`
    const matched = this.matched()
    return `${matched === undefined ? "?" : formatCount(matched)} of ${formatCount(total)} · ${this.filter.trim()}`
  }

  /** The saved queries, then the filtered companies: as one list, or as groups (as far as read). */
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
        problem: count !== undefined && typeof count !== "number" ? count.problem : undefined,
        queryIndex: i
      }
    })
    const entries = [...pinned, ...saved]
    const filterCount = this.countOf(composeQuery(this.filter))
    if (filterCount === undefined) return entries
    if (typeof filterCount !== "number") return [...entries, { kind: "problem", listId: ALL_LIST, message: filterCount.problem }]
    if (this.groupBy === "none") {
      this.listQueries.set(ALL_LIST, composeQuery(this.filter, { sort: this.sort }))
      return [...entries, ...this.listEntries(ALL_LIST)]
    }
    const by = this.groupBy
    const groups = this.groupCountsOf(composeQuery(this.filter), by)
    if (groups === undefined) return entries
    if ("problem" in groups) return [...entries, { kind: "problem", listId: ALL_LIST, message: groups.problem }]
    if (groups.rows.length === 0) return [...entries, { kind: "empty", listId: ALL_LIST }]
    for (const group of groups.rows) {
      const listId = groupListId(by, group.key)
      this.listQueries.set(listId, composeQuery(this.filter, { group: groupTerm(by, group.key), sort: this.sort }))
      entries.push({ kind: "list", listId, role: "group", label: group.key ?? `(no ${by})`, count: group.count, problem: undefined })
    }
    return entries
  }

  /** The companies of a saved query or a group (and its "Load more"), as far as read. */
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

  /** One more page of a list (the pages shown stay until it is read). */
  loadMore(listId: string): void {
    this.limits.set(listId, this.limitOf(listId) + REPLICA_PAGE_SIZE)
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

  /** The tags or segments with the replica's count of companies in each, once read. */
  groupList(kind: "tag" | "segment"): ReadonlyArray<ReplicaGroupCount> | undefined {
    const known = this.groupLists.get(kind)
    if (known === undefined || known.epoch !== this.epoch) {
      this.start(`groups:${kind}`, undefined, async (reader) => {
        const rows = kind === "tag" ? await reader.tags() : await reader.segments()
        return rows.map((g) => ({ id: g.id, name: g.name, companies: g.companies }))
      }, (read) => this.groupLists.set(kind, read))
    }
    return known !== undefined && "value" in known ? known.value : undefined
  }

  private limitOf(listId: string): number {
    return this.limits.get(listId) ?? REPLICA_PAGE_SIZE
  }

  /**
   * Starts a read unless the same one runs in this epoch. Its answer (or its failure, as a problem)
   * is stored only if nothing newer asked meanwhile (`current`), then the tree is told.
   */
  private start<A>(
    key: string,
    listId: string | undefined,
    read: (reader: ReplicaReader) => Promise<A>,
    store: (answer: Read<A>) => void,
    current: () => boolean = () => true
  ): void {
    const reader = this.reader()
    if (reader === undefined || this.running.has(key)) return
    const epoch = this.epoch
    const running = this.running
    const done = read(reader).then(
      (value): Read<A> => ({ epoch, value }),
      (error: unknown): Read<A> => ({ epoch, problem: messageOf(error) })
    ).then((answer) => {
      running.delete(key)
      if (epoch !== this.epoch || reader !== this.reader() || !current()) return
      store(answer)
      this.notify(listId)
    })
    running.set(key, done)
  }

  /** Tells the tree once per turn, however many answers came in. */
  private notify(listId: string | undefined): void {
    this.loaded.add(listId)
    this.notifying ??= setTimeout(() => {
      this.notifying = undefined
      const lists = [...this.loaded]
      this.loaded.clear()
      if (lists.includes(undefined)) this.onLoaded(undefined)
      else for (const id of lists) this.onLoaded(id)
    }, 0)
  }

  private listEntries(listId: string): Array<ReplicaEntry> {
    const query = this.listQueries.get(listId)
    if (query === undefined) return []
    const limit = this.limitOf(listId)
    const read = this.pages.get(listId)
    const fresh = read !== undefined && read.epoch === this.epoch && ("problem" in read || (read.value.query === query && read.value.limit === limit))
    if (!fresh) {
      const counted = this.counts.get(query)
      const known = counted !== undefined && counted.epoch === this.epoch && "value" in counted ? counted.value : undefined
      this.start(`page:${listId}:${limit}:${query}`, listId, async (reader) => {
        const total = known ?? await reader.count(query)
        const rows = await reader.page(query, Math.min(limit, total), 0)
        return { query, limit, rows, total }
      }, (answer) => {
        this.pages.set(listId, answer)
        // A new read of these companies: its rows win over an edit's answer shown until now.
        if ("value" in answer) for (const row of answer.value.rows) this.rows.set(row.id, row)
      }, () => this.listQueries.get(listId) === query && this.limitOf(listId) === limit)
    }
    // Shown until the new read comes: the same list read before (an edit, a sync, Load more).
    const page = read !== undefined && ("problem" in read || read.value.query === query) ? read : undefined
    if (page === undefined) return []
    if ("problem" in page) return [{ kind: "problem", listId, message: page.problem }]
    const { rows, total } = page.value
    if (rows.length === 0) return [{ kind: "empty", listId }]
    const entries: Array<ReplicaEntry> = rows.filter((row) => !this.hidden.has(row.id)).map((row) => {
      // An edit's answer, shown until the next read, wins over the page read before it.
      const shown = this.rows.get(row.id) ?? row
      this.rows.set(row.id, shown)
      return { kind: "company", listId, row: shown }
    })
    if (rows.length < total) entries.push({ kind: "more", listId, shown: rows.length, total })
    return entries
  }

  private groupCountsOf(query: string, by: GroupBy): { readonly rows: ReadonlyArray<GroupCountRow> } | { readonly problem: string } | undefined {
    const key = `${by}\u0000${query}`
    const known = this.groups
    if (known === undefined || known.epoch !== this.epoch || ("value" in known && known.value.key !== key)) {
      this.start(`groups:${key}`, undefined, async (reader) => ({ key, rows: await reader.groupCounts(query, by) }), (read) => (this.groups = read), () =>
        this.groupBy === by && composeQuery(this.filter) === query)
    }
    if (known === undefined) return undefined
    if ("problem" in known) return { problem: known.problem }
    return known.value.key === key ? { rows: known.value.rows } : undefined
  }

  /** The count of a query as read (an older read until the new one comes), or undefined before the first. */
  private countOf(query: string): number | { readonly problem: string } | undefined {
    const known = this.counts.get(query)
    if (known === undefined || known.epoch !== this.epoch) {
      this.start(`count:${query}`, undefined, (reader) => reader.count(query), (read) => this.counts.set(query, read))
    }
    if (known === undefined) return undefined
    return "value" in known ? known.value : { problem: known.problem }
  }
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))
