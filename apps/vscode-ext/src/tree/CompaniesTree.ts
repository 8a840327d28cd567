import type { IntercomClientServices } from "@intercom-explorer/core"
import type * as Effect from "effect/Effect"
import * as vscode from "vscode"
import type { ClientHandle, ClientSession } from "../client/ClientSession"
import { engine } from "../lazy"
import { reportListFailure } from "./ListFailure"
import { COMPANIES_MIME, Views } from "../contributions"
import type { CompaniesTreeApi } from "../FeatureDeps"
import type { Log } from "../logging/Log"
import { COMPANY_PAGE_SIZE, CompaniesModel, type CompaniesEntry } from "./model/CompaniesModel"
import type { CompanyRow } from "./model/CompanyRow"
import { companyNodeId, statusNodeId } from "./model/ids"
import type { PendingWrites } from "./model/PendingWrites"
import { companyChildren, companyRowsItem, type CompanyRowsView, resolveCompanyTooltip } from "./CompanyRowsView"
import { type CompanyNode, isCompanyNode, NodeCache, type StatusNode, type TreeNode } from "./nodes"
import { statusItem } from "./render"
import { type Flight, SingleFlight } from "./SingleFlight"
import { ThrottledRefresh } from "./ThrottledRefresh"
import { ViewStateKeys } from "./ViewStateKeys"

/**
 * The Companies view: renders CompaniesModel and runs its loads (pages, "Load more", "Load all"
 * through the scroll) one at a time as fibers on the session's client. It is the drag source of
 * company rows (dropped on tags in the Tags view).
 */
export class CompaniesTree
  implements vscode.TreeDataProvider<TreeNode>, vscode.TreeDragAndDropController<TreeNode>, CompaniesTreeApi, CompanyRowsView, vscode.Disposable
{
  readonly model = new CompaniesModel()
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
    private readonly log: Log
  ) {
    this.flight = new SingleFlight(session)
    // Each refresh of the root sends every row to the workbench: the bigger, the rarer.
    this.rootRefresh = new ThrottledRefresh(() => this.fireRoot(), () => Math.min(2_000, 250 + this.model.rows.size / 20))
    this.view = vscode.window.createTreeView(Views.companies, {
      treeDataProvider: this,
      showCollapseAll: true,
      canSelectMany: true,
      dragAndDropController: this
    })
    this.subscriptions.push(this.view, this.changed, session.onDidChange(() => this.reset()))
  }

  // --- TreeDataProvider -------------------------------------------------------------------------

  getChildren(node?: TreeNode): Array<TreeNode> {
    if (node === undefined) return this.rootChildren()
    if (node.kind === "company") return companyChildren(node, this, this.nodes)
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
    return node.kind === "companyTag" || node.kind === "companySegment" ? node.parent : undefined
  }

  rowOf(node: CompanyNode): CompanyRow | undefined {
    return this.model.rows.get(node.companyId)
  }

  private rootChildren(): Array<TreeNode> {
    if (!this.session.signedIn) {
      this.keys.publish({ loading: false, empty: false, offline: false })
      return []
    }
    if (this.model.phase === "idle" && this.model.error === undefined && !this.flight.running) this.refresh()
    const children = this.model.entries().map((entry) => this.nodeFor(entry))
    this.keys.publish(this.model.viewState())
    this.view.description = this.model.description() ?? ""
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
    if (this.model.rows.replace(row)) this.fireCompany(row.id)
  }

  /** A company created or revealed: first in the list, kept there across refreshes. */
  companyAdded(row: CompanyRow): void {
    this.model.pin(row)
    this.fireRoot()
  }

  companyRemoved(id: string): void {
    if (this.model.remove(id)) this.fireRoot()
  }

  /** Rewrites every loaded row (a tag renamed or deleted) and re-renders the ones that changed. */
  updateRows(f: (row: CompanyRow) => CompanyRow): void {
    for (const id of this.model.rows.update(f)) this.fireCompany(id)
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

  /** The companies Find Company offers before its lookups answer: the rows, as they are. */
  loadedCompanies(): ReadonlyArray<CompanyRow> {
    return [...this.model.rows.values()]
  }

  handleDrag(source: ReadonlyArray<TreeNode>, dataTransfer: vscode.DataTransfer): void {
    const companies = source.filter(isCompanyNode)
    if (companies.length > 0) dataTransfer.set(COMPANIES_MIME, new vscode.DataTransferItem(companies))
  }

  private reset(): void {
    this.flight.cancel()
    this.model.reset()
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
