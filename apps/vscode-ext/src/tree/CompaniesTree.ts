import type { IntercomClientServices } from "@intercom-explorer/core"
import type * as Effect from "effect/Effect"
import * as vscode from "vscode"
import type { ClientHandle, ClientSession } from "../client/ClientSession"
import { engine } from "../lazy"
import { reportListFailure } from "./ListFailure"
import { COMPANIES_MIME, ReplicaContextKeys, Views } from "../contributions"
import type { CompaniesTreeApi } from "../FeatureDeps"
import type { Log } from "../logging/Log"
import type { ReplicaSession } from "../replica/ReplicaSession"
import type { Settings } from "../settings/Settings"
import { ALL_LIST, type ReplicaEntry, ReplicaCompaniesModel } from "./model/ReplicaCompaniesModel"
import { listItem, listRowItem } from "./replicaRender"
import { composeQuery, quoteValue } from "./model/companyQuery"
import { COMPANY_PAGE_SIZE, CompaniesModel, type CompaniesEntry } from "./model/CompaniesModel"
import type { CompanyRow } from "./model/CompanyRow"
import { companyNodeId, statusNodeId } from "./model/ids"
import type { PendingWrites } from "./model/PendingWrites"
import { companyChildren, companyRowsItem, type CompanyRowsView, resolveCompanyTooltip } from "./CompanyRowsView"
import { type CompanyNode, isCompanyNode, type ListNode, type ListRowNode, NodeCache, type StatusNode, type TreeNode } from "./nodes"
import { statusItem } from "./render"
import { type Flight, SingleFlight } from "./SingleFlight"
import { ThrottledRefresh } from "./ThrottledRefresh"
import { ViewStateKeys } from "./ViewStateKeys"

/**
 * The Companies view. Once the workspace has a replica (ReplicaSession), it renders
 * ReplicaCompaniesModel: saved queries, the filtered companies (grouped or not), pages read from the
 * database. Before the first sync completes it renders CompaniesModel and runs its loads (pages,
 * "Load more", "Load all" through the scroll) one at a time as fibers on the session's client. It
 * is the drag source of company rows (dropped on tags in the Tags view).
 */
export class CompaniesTree
  implements vscode.TreeDataProvider<TreeNode>, vscode.TreeDragAndDropController<TreeNode>, CompaniesTreeApi, CompanyRowsView, vscode.Disposable
{
  readonly model = new CompaniesModel()
  /** What the view shows on the replica. */
  readonly lists: ReplicaCompaniesModel
  /** The replica entries behind the nodes last handed out (their TreeItems are made from them). */
  private readonly entries = new Map<string, ReplicaEntry>()
  private replicaGeneration = -1
  /** Whether the view shows the syncing row (a sync ran when it last rendered the root). */
  private shownSyncing = false
  readonly view: vscode.TreeView<TreeNode>
  readonly dragMimeTypes = [COMPANIES_MIME]
  readonly dropMimeTypes: ReadonlyArray<string> = []
  private readonly nodes = new NodeCache()
  private readonly changed = new vscode.EventEmitter<TreeNode | Array<TreeNode> | undefined>()
  readonly onDidChangeTreeData = this.changed.event
  private readonly flight: SingleFlight
  private readonly keys = new ViewStateKeys("companies")
  private readonly rootRefresh: ThrottledRefresh
  private readonly subscriptions: Array<vscode.Disposable> = []

  constructor(
    private readonly session: ClientSession,
    private readonly pending: PendingWrites,
    private readonly log: Log,
    readonly replica: ReplicaSession,
    private readonly settings: Settings
  ) {
    this.lists = new ReplicaCompaniesModel(() => replica.model.reader, (listId) => this.listLoaded(listId))
    this.applySettings()
    this.restoreFilter()
    this.flight = new SingleFlight(session)
    // Each refresh of the root sends every row to the workbench: the bigger, the rarer.
    this.rootRefresh = new ThrottledRefresh(() => this.fireRoot(), () => Math.min(2_000, 250 + this.model.rows.size / 20))
    this.view = vscode.window.createTreeView(Views.companies, {
      treeDataProvider: this,
      showCollapseAll: true,
      canSelectMany: true,
      dragAndDropController: this
    })
    const offReplica = replica.model.onDidChange(() => this.replicaChanged())
    this.subscriptions.push(
      this.view,
      this.changed,
      session.onDidChange(() => this.reset()),
      { dispose: offReplica },
      replica.onDidTick(() => this.describe()),
      settings.onDidChange(() => {
        if (this.applySettings()) this.fireRoot()
      })
    )
  }

  // --- On the replica -----------------------------------------------------------------------------

  /** Whether the view reads from the replica (a completed sync of the session's workspace is open). */
  get onReplica(): boolean {
    return this.session.signedIn && this.replica.model.reader !== undefined
  }

  /** Group, sort and saved queries from the settings; true when they changed what is shown. */
  private applySettings(): boolean {
    const { companiesGroupBy, companiesSort, savedQueries } = this.settings.current
    const changed = companiesGroupBy !== this.lists.groupBy || companiesSort !== this.lists.sort ||
      JSON.stringify(savedQueries) !== JSON.stringify(this.lists.queries)
    if (!changed) return false
    this.lists.groupBy = companiesGroupBy
    this.lists.sort = companiesSort
    this.lists.queries = savedQueries
    this.lists.resetPaging()
    return true
  }

  /** The filter of the view ("" clears it), remembered for the connection; the lists start again from their first page. */
  setFilter(filter: string): void {
    this.showFilter(filter.trim())
    this.replica.saveFilter(this.lists.filter)
    this.describe()
    this.fireRoot()
  }

  /** The connection's filter as it was last set (a reload, another sign-in). */
  private restoreFilter(): void {
    const saved = this.replica.savedFilter()
    if (saved !== this.lists.filter) this.showFilter(saved)
  }

  private showFilter(filter: string): void {
    this.lists.filter = filter
    this.lists.resetPaging()
    void vscode.commands.executeCommand("setContext", ReplicaContextKeys.filtered, filter !== "")
  }

  /** A read of the replica answered: the list (or the root, with the description) shows it. */
  private listLoaded(listId: string | undefined): void {
    if (!this.onReplica) return
    const parent = listId === undefined ? undefined : this.nodes.lookup(`list/${listId}`)
    if (parent !== undefined) return this.changed.fire(parent)
    this.describe()
    this.fireRoot()
  }

  /** "Load more" of a replica list. */
  loadMoreInList(node: ListRowNode | undefined): void {
    if (node === undefined) return
    this.lists.loadMore(node.listId)
    const parent = this.nodes.lookup(`list/${node.listId}`)
    this.changed.fire(parent === undefined || node.listId === ALL_LIST ? undefined : parent)
  }

  private replicaChanged(): void {
    const generation = this.replica.model.generation
    if (generation !== this.replicaGeneration) {
      this.replicaGeneration = generation
      this.shownSyncing = this.replica.model.syncing
      this.lists.replicaChanged()
      this.describe()
      this.fireRoot()
    } else if (this.replica.model.syncing === this.shownSyncing) {
      // Sync progress: the description and the syncing row only, not the whole view per page.
      this.describe()
      const syncing = this.nodes.lookup("companies/~syncing")
      if (syncing !== undefined && this.shownSyncing) this.changed.fire(syncing)
    } else {
      // A sync started or ended: the syncing row comes or goes.
      this.shownSyncing = this.replica.model.syncing
      this.describe()
      this.fireRoot()
    }
  }

  /** The replica took an edit (write-through): lists and counts are read again. */
  replicaEdited(): void {
    if (!this.onReplica) return
    this.lists.invalidate()
    this.fireRoot()
  }

  /** The view's description: the count (and filter), and how fresh the replica is. */
  private describe(): void {
    if (!this.session.signedIn) {
      this.view.description = ""
      return
    }
    const replica = this.replica.model
    const sync = replica.syncDescription(Date.now())
    if (this.onReplica) {
      const counts = this.lists.description()
      this.view.description = this.lists.filter === "" || replica.syncing ? `${counts} · ${sync}` : counts
    } else {
      const listed = this.model.description() ?? ""
      this.view.description = replica.syncing || (replica.file !== undefined && replica.lastFailure !== undefined)
        ? [listed, sync].filter((p) => p !== "").join(" · ")
        : listed
    }
  }

  private replicaRoot(): Array<TreeNode> {
    this.entries.clear()
    const nodes: Array<TreeNode> = []
    if (this.replica.model.syncing) nodes.push(this.nodes.get<ListRowNode>({ kind: "syncing", id: "companies/~syncing", listId: ALL_LIST }))
    for (const entry of this.lists.rootEntries()) nodes.push(this.replicaNode(entry))
    this.keys.publish({ loading: false, empty: false, offline: false })
    this.describe()
    return nodes
  }

  private replicaNode(entry: ReplicaEntry): TreeNode {
    const node = ((): TreeNode => {
      switch (entry.kind) {
        case "company":
          return this.nodes.get<CompanyNode>({
            kind: "company",
            id: entry.listId === ALL_LIST ? companyNodeId(undefined, entry.row.id) : `${entry.listId}/${companyNodeId(undefined, entry.row.id)}`,
            companyId: entry.row.id,
            group: undefined,
            listId: entry.listId
          })
        case "list":
          return this.nodes.get<ListNode>({ kind: "list", id: `list/${entry.listId}`, listId: entry.listId })
        case "more":
          return this.nodes.get<ListRowNode>({ kind: "listMore", id: `${entry.listId}/~more`, listId: entry.listId })
        case "problem":
          return this.nodes.get<ListRowNode>({ kind: "listProblem", id: `${entry.listId}/~problem`, listId: entry.listId })
        case "empty":
          return this.nodes.get<ListRowNode>({ kind: "listEmpty", id: `${entry.listId}/~empty`, listId: entry.listId })
      }
    })()
    this.entries.set(node.id, entry)
    return node
  }

  // --- TreeDataProvider -------------------------------------------------------------------------

  getChildren(node?: TreeNode): Array<TreeNode> {
    if (node === undefined) return this.rootChildren()
    if (node.kind === "company") return companyChildren(node, this, this.nodes)
    if (node.kind === "list" && this.onReplica) return this.lists.children(node.listId).map((entry) => this.replicaNode(entry))
    return []
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.kind) {
      case "company":
      case "companyTag":
      case "companySegment":
        return companyRowsItem(node, this, this.pending)
      case "segment":
      case "tag":
        return new vscode.TreeItem(node.groupId)
      case "list": {
        const entry = this.entries.get(node.id)
        if (entry?.kind !== "list") return new vscode.TreeItem(node.listId)
        return listItem(node, entry, this.lists.groupBy === "none" ? undefined : this.lists.groupBy)
      }
      case "listMore":
      case "listProblem":
      case "listEmpty":
      case "syncing":
        return listRowItem(node, this.entries.get(node.id), this.replica.model.progress)
      default:
        return statusItem(node, {
          failure: this.model.error,
          hasData: this.model.rows.size > 0,
          shown: this.model.rows.size,
          total: this.model.totalCount,
          all: this.model.allCount,
          withoutUsers: this.model.withoutUsers(),
          loaded: this.model.allProgress?.loaded ?? 0,
          waiting: this.model.allProgress?.waiting ?? false
        })
    }
  }

  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    return resolveCompanyTooltip(item, node, this)
  }

  getParent(node: TreeNode): TreeNode | undefined {
    if (node.kind === "companyTag" || node.kind === "companySegment") return node.parent
    if (node.kind === "company" && node.listId !== undefined && node.listId.includes(":")) return this.nodes.lookup(`list/${node.listId}`)
    return undefined
  }

  rowOf(node: CompanyNode): CompanyRow | undefined {
    return this.onReplica ? (this.lists.row(node.companyId) ?? this.model.rows.get(node.companyId)) : this.model.rows.get(node.companyId)
  }

  private rootChildren(): Array<TreeNode> {
    if (!this.session.signedIn) {
      this.keys.publish({ loading: false, empty: false, offline: false })
      return []
    }
    this.replica.ensureAttached()
    if (this.onReplica) return this.replicaRoot()
    if (this.model.phase === "idle" && this.model.error === undefined && !this.flight.running) this.refresh()
    const children = this.model.entries().map((entry) => this.nodeFor(entry))
    if (this.replica.model.syncing) children.unshift(this.nodes.get<ListRowNode>({ kind: "syncing", id: "companies/~syncing", listId: ALL_LIST }))
    this.keys.publish(this.replica.model.syncing ? { loading: false, empty: false, offline: false } : this.model.viewState())
    this.describe()
    return children
  }

  private nodeFor(entry: CompaniesEntry): TreeNode {
    if (entry.kind === "company") {
      return this.nodes.get<CompanyNode>({ kind: "company", id: companyNodeId(undefined, entry.row.id), companyId: entry.row.id, group: undefined })
    }
    return this.nodes.get<StatusNode>({ kind: entry.kind, id: statusNodeId("companies", entry.kind), view: "companies", group: undefined })
  }

  // --- Loads ------------------------------------------------------------------------------------

  /** Reloads what is shown: the pages loaded so far, or everything after "Load all". */
  refresh(): void {
    const client = this.session.current()
    if (client === undefined) return
    // On the replica, a refresh is a sync (the database is read again when it completes).
    if (this.onReplica) {
      void this.replica.sync("command")
      return
    }
    if (this.model.mode === "all") return this.loadAll()
    const pages = Math.max(1, this.model.pagesLoaded)
    if (this.model.phase === "idle") this.model.phase = "loading"
    this.model.busy = "refresh"
    this.start(client, () => engine().loads.companyPages(pages, COMPANY_PAGE_SIZE), (pages) => {
        this.session.noteAppId(pages[0]?.appId)
        this.model.replaceWithPages(pages)
        this.noteCompanyCount(client)
      })
  }

  /** "Load more": the next page of POST /companies/list. */
  loadMore(): void {
    const client = this.session.current()
    if (client === undefined || this.model.busy !== undefined) return
    const next = this.model.pagesLoaded + 1
    this.model.busy = "more"
    this.start(client, () => engine().loads.companyPage(next, COMPANY_PAGE_SIZE), (page) => {
      this.model.appendPage(page)
      this.noteCompanyCount(client)
    })
  }

  /** The workspace's total of companies, users or not, where the client knows it for free (demo). */
  private noteCompanyCount(client: ClientHandle): void {
    const count = client.companyCount?.()
    if (count !== undefined) this.model.allCount = count
  }

  /**
   * "Load all": every company through the scroll, in the background, appended in batches with a
   * throttled refresh, until the end or the row cap (then the scroll stops and releases the app's
   * scroll lock). Rows already shown stay while it runs; a failure keeps them.
   */
  loadAll(): void {
    const client = this.session.current()
    // A second Load all would only queue behind the first one's scroll (one per app).
    if (client === undefined || this.model.busy === "all") return
    this.model.busy = "all"
    this.start(client, (flight) =>
      engine().loads.scrollAll(flight, {
        waiting: () => {
          this.model.scrollWaiting()
          this.rootRefresh.schedule()
        },
        batch: (rows, seen, appId) => {
          this.session.noteAppId(appId)
          const more = this.model.appendScrolled(rows, seen)
          this.rootRefresh.schedule()
          return more
        }
      }), ({ seen, reachedEnd }) => {
        this.model.finishAll(seen, reachedEnd)
        this.log.info(`Load all: ${seen.size} companies${reachedEnd ? "" : ` (stopped at ${this.model.maxRows} rows)`}.`)
      }, () => this.model.beginAll())
  }

  /** Stops "Load all"; the rows received so far stay. */
  stopLoading(): void {
    if (this.model.busy === undefined) return
    this.flight.cancel()
    this.model.busy = undefined
    this.model.stopAll()
    this.rootRefresh.now()
  }

  private start<A, E>(
    client: ClientHandle,
    make: (flight: Flight) => Effect.Effect<A, E, IntercomClientServices>,
    ok: (value: A) => void,
    begin?: () => void
  ): void {
    // The load this one replaces is interrupted without an outcome: its progress row goes here.
    if (this.flight.running) this.model.stopAll()
    begin?.()
    let settle: () => void = () => {}
    void vscode.window.withProgress({ location: { viewId: Views.companies } }, () => new Promise<void>((resolve) => (settle = resolve)))
    this.flight.run(client, make, {
      ok: (value) => {
        this.model.busy = undefined
        ok(value)
        this.rootRefresh.now()
      },
      failed: (error) => {
        const failure = reportListFailure(this.log, "Companies", error)
        this.model.busy = undefined
        this.model.failed(failure)
        this.rootRefresh.now()
      },
      interrupted: () => {
        this.model.busy = undefined
        this.model.stopAll()
        this.rootRefresh.now()
      },
      settled: () => settle()
    })
    this.rootRefresh.now()
  }

  // --- Updates from edits -----------------------------------------------------------------------

  /** The server's answer to an edit: only that company's rows are refreshed. */
  companyChanged(row: CompanyRow): void {
    const inList = this.model.rows.replace(row)
    if (this.lists.replaceRow(row) || inList) this.fireCompany(row.id)
  }

  /** A company created or revealed: first in the list, kept there across refreshes. */
  companyAdded(row: CompanyRow): void {
    this.model.pin(row)
    this.lists.pin(row)
    this.fireRoot()
  }

  companyRemoved(id: string): void {
    const inList = this.model.remove(id)
    if (this.lists.hide(id) || inList) this.fireRoot()
  }

  /** Rewrites every loaded row (a tag renamed or deleted) and re-renders the ones that changed. */
  updateRows(f: (row: CompanyRow) => CompanyRow): void {
    for (const id of this.model.rows.update(f)) this.fireCompany(id)
    for (const row of [...this.lists.rows.values()]) {
      const next = f(row)
      if (next !== row && this.lists.replaceRow(next)) this.fireCompany(row.id)
    }
  }

  /** Re-renders every row of this company (a write started or ended). */
  fireCompany(companyId: string): void {
    const nodes = this.nodes.companyNodes(companyId)
    if (nodes.length > 0) this.changed.fire(nodes)
  }

  private fireRoot(): void {
    this.changed.fire(undefined)
  }

  // --- Reveal (Find Company) and drag --------------------------------------------------------------

  async revealCompany(companyId: string): Promise<boolean> {
    if (this.session.current() === undefined) return false
    if (this.onReplica) {
      if (!this.lists.shownInAll(companyId)) {
        const row = this.lists.row(companyId) ?? this.found.get(companyId) ?? this.model.rows.get(companyId) ?? await this.retrieveRow(companyId)
        if (row === undefined) return false
        this.lists.pin(row)
        this.fireRoot()
      }
      const id = this.lists.shownInAll(companyId) ? companyNodeId(undefined, companyId) : `pinned/${companyNodeId(undefined, companyId)}`
      this.rootChildren()
      const node = this.nodes.lookup(id)
      if (node === undefined) return false
      await this.view.reveal(node, { select: true, focus: true, expand: false })
      return true
    }
    if (!this.model.rows.has(companyId)) {
      try {
        this.companyAdded(await this.session.run(engine().loads.retrieveCompanyRow(companyId)))
      } catch (error) {
        this.log.warn(`Reveal company ${companyId}:`, error)
        return false
      }
    }
    const node = this.nodes.get<CompanyNode>({ kind: "company", id: companyNodeId(undefined, companyId), companyId, group: undefined })
    await this.view.reveal(node, { select: true, focus: true, expand: false })
    return true
  }

  searchCompanies(text: string): Promise<ReadonlyArray<CompanyRow>> | undefined {
    const reader = this.onReplica ? this.replica.model.reader : undefined
    if (reader === undefined) return undefined
    const query = text.trim()
    if (query === "") return Promise.resolve([])
    const sort = this.lists.sort
    return reader.page(composeQuery(query, { sort }), 50, 0).catch(() =>
      // Not a query (an odd character, a colon in a name): the text as one quoted word.
      reader.page(composeQuery(quoteValue(query), { sort }), 50, 0)
    ).then((found) => {
      // The pick is revealed from these rows, with no request.
      this.found = new Map(found.map((row) => [row.id, row]))
      return found
    })
  }

  /** The last search's rows (Find Company reveals one of them). */
  private found = new Map<string, CompanyRow>()

  private async retrieveRow(companyId: string): Promise<CompanyRow | undefined> {
    try {
      return await this.session.run(engine().loads.retrieveCompanyRow(companyId))
    } catch (error) {
      this.log.warn(`Reveal company ${companyId}:`, error)
      return undefined
    }
  }

  /** The companies Find Company offers before its lookups answer: the rows, as they are. */
  loadedCompanies(): ReadonlyArray<CompanyRow> {
    return this.onReplica ? [...this.lists.rows.values()] : [...this.model.rows.values()]
  }

  handleDrag(source: ReadonlyArray<TreeNode>, dataTransfer: vscode.DataTransfer): void {
    const companies = source.filter(isCompanyNode)
    if (companies.length > 0) dataTransfer.set(COMPANIES_MIME, new vscode.DataTransferItem(companies))
  }

  private reset(): void {
    this.flight.cancel()
    this.model.reset()
    this.restoreFilter()
    this.lists.resetPaging()
    this.nodes.clear()
    this.view.description = ""
    this.rootRefresh.now()
  }

  dispose(): void {
    this.flight.cancel()
    this.rootRefresh.dispose()
    for (const s of this.subscriptions) s.dispose()
  }
}
