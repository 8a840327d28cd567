import * as vscode from "vscode"
import type { ClientSession } from "../client/ClientSession"
import { reportListFailure } from "./ListFailure"
import { COMPANIES_MIME, Views } from "../contributions"
import type { Log } from "../logging/Log"
import { companyChildren, companyRowsItem, type CompanyRowsView, resolveCompanyTooltip } from "./CompanyRowsView"
import { Demand } from "./Demand"
import { engine } from "../lazy"
import type { CompanyRow, Named } from "./model/CompanyRow"
import { GROUP_PAGE_SIZE, type GroupEntry } from "./model/GroupModel"
import type { GroupsModel, GroupsEntry } from "./model/GroupsModel"
import { companyNodeId, segmentNodeId, statusNodeId, tagNodeId } from "./model/ids"
import { PendingWrites } from "./model/PendingWrites"
import { type CompanyNode, type GroupNode, type GroupRef, isCompanyNode, NodeCache, type StatusNode, type TreeNode } from "./nodes"
import { groupItem, statusItem } from "./render"
import { SingleFlight } from "./SingleFlight"
import type { ReplicaSession } from "../replica/ReplicaSession"
import { groupTerm } from "./model/companyQuery"
import { formatCount } from "./model/CompanyRow"
import { type ReplicaEntry, ReplicaCompaniesModel } from "./model/ReplicaCompaniesModel"
import type { ListRowNode } from "./nodes"
import { listRowItem } from "./replicaRender"
import { ViewStateKeys } from "./ViewStateKeys"

export type GroupKind = "segment" | "tag"

/** Companies dropped on a tag (from any of the three views). */
export type DropCompanies = (tag: Named, companyIds: ReadonlyArray<string>) => Promise<void>

interface GroupLoad {
  readonly flight: SingleFlight
  /** Replaced by every new load: a loader interrupted while waiting must not swallow a later click. */
  demand: Demand
}

/**
 * The Segments view or the Tags view: the groups (one request), each expanding to its companies
 * (GET /companies?segment_id= or ?tag_id=), `GROUP_PAGE_SIZE` at a time with "Load more". The
 * Tags view accepts company rows dropped on a tag.
 */
export class GroupsTree
  implements vscode.TreeDataProvider<TreeNode>, vscode.TreeDragAndDropController<TreeNode>, CompanyRowsView, vscode.Disposable
{
  readonly view: vscode.TreeView<TreeNode>
  readonly dragMimeTypes = [COMPANIES_MIME]
  readonly dropMimeTypes: ReadonlyArray<string>
  private readonly viewName: "segments" | "tags"
  private readonly nodes = new NodeCache()
  private readonly changed = new vscode.EventEmitter<TreeNode | Array<TreeNode> | undefined>()
  readonly onDidChangeTreeData = this.changed.event
  private readonly flight: SingleFlight
  private readonly loads = new Map<string, GroupLoad>()
  private readonly keys: ViewStateKeys
  private readonly subscriptions: Array<vscode.Disposable> = []
  /** A group's companies read from the replica, once the workspace has one. */
  readonly lists: ReplicaCompaniesModel
  private readonly entries = new Map<string, ReplicaEntry>()
  /** Companies per tag in the replica, by tag id, for the list last read. */
  private replicaCounts: { readonly of: ReadonlyArray<{ readonly id: string; readonly companies: number }>; readonly byId: Map<string, number> } | undefined
  private replicaGeneration = -1

  constructor(
    readonly kind: GroupKind,
    readonly model: GroupsModel,
    private readonly session: ClientSession,
    private readonly pending: PendingWrites,
    private readonly log: Log,
    private readonly replica: ReplicaSession,
    private readonly dropCompanies?: DropCompanies
  ) {
    this.lists = new ReplicaCompaniesModel(() => replica.model.reader, (listId) => {
      if (!this.onReplica) return
      if (listId === undefined) return this.fireRoot()
      this.fireGroup(listId.slice(`in-${this.kind}:`.length))
    })
    this.flight = new SingleFlight(session)
    this.viewName = kind === "segment" ? "segments" : "tags"
    this.keys = new ViewStateKeys(this.viewName)
    this.dropMimeTypes = dropCompanies === undefined ? [] : [COMPANIES_MIME]
    this.view = vscode.window.createTreeView(kind === "segment" ? Views.segments : Views.tags, {
      treeDataProvider: this,
      showCollapseAll: true,
      canSelectMany: true,
      dragAndDropController: this
    })
    const offReplica = replica.model.onDidChange(() => {
      if (replica.model.generation === this.replicaGeneration) return
      this.replicaGeneration = replica.model.generation
      this.lists.replicaChanged()
      this.fireRoot()
    })
    this.subscriptions.push(this.view, this.changed, session.onDidChange(() => this.reset()), { dispose: offReplica })
  }

  /** Whether a group's companies come from the replica (a completed sync is open). */
  get onReplica(): boolean {
    return this.session.signedIn && this.replica.model.reader !== undefined
  }

  private listIdOf(groupId: string): string {
    return `in-${this.kind}:${groupId}`
  }

  /** Companies per tag from the replica (segments keep Intercom's count), once read. */
  private replicaCount(groupId: string): number | undefined {
    if (this.kind !== "tag" || !this.onReplica) return undefined
    const tags = this.lists.groupList("tag")
    if (tags === undefined) return undefined
    if (this.replicaCounts?.of !== tags) this.replicaCounts = { of: tags, byId: new Map(tags.map((t) => [t.id, t.companies])) }
    return this.replicaCounts.byId.get(groupId)
  }

  private replicaGroupName(groupId: string): string | undefined {
    return this.lists.groupList(this.kind)?.find((g) => g.id === groupId)?.name
  }

  /** "Load more" under a group on the replica. */
  loadMoreInList(node: ListRowNode): void {
    this.lists.loadMore(node.listId)
    const groupId = node.listId.slice(`in-${this.kind}:`.length)
    this.fireGroup(groupId)
  }

  private replicaGroupChildren(node: GroupNode): Array<TreeNode> {
    // The view's list of groups may still be loading (a tag just created): the replica knows its name.
    const name = this.model.get(node.groupId)?.name ?? this.replicaGroupName(node.groupId)
    if (name === undefined) return []
    const listId = this.listIdOf(node.groupId)
    this.lists.defineList(listId, groupTerm(this.kind, name))
    const ref: GroupRef = { kind: this.kind, groupId: node.groupId, nodeId: node.id }
    return this.lists.children(listId).map((entry) => {
      const child = entry.kind === "company"
        ? this.nodes.get<CompanyNode>({ kind: "company", id: companyNodeId(node.id, entry.row.id), companyId: entry.row.id, group: ref })
        : this.nodes.get<ListRowNode>({
          kind: entry.kind === "more" ? "listMore" : entry.kind === "problem" ? "listProblem" : "listEmpty",
          id: `${node.id}/~${entry.kind}`,
          listId
        })
      this.entries.set(child.id, entry)
      return child
    })
  }

  // --- TreeDataProvider -------------------------------------------------------------------------

  getChildren(node?: TreeNode): Array<TreeNode> {
    if (node === undefined) return this.rootChildren()
    if (node.kind === this.kind) return this.onReplica ? this.replicaGroupChildren(node as GroupNode) : this.groupChildren(node as GroupNode)
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
      case "tag": {
        const group = this.model.get(node.groupId)
        const pending = node.kind === "tag" ? this.pending.get(PendingWrites.tagKey(node.groupId)) : undefined
        const count = this.replicaCount(node.groupId)
        const described = count !== undefined ? `${formatCount(count)} ${count === 1 ? "company" : "companies"}` : group === undefined ? undefined : this.model.groupDescription(group)
        return groupItem(node, group?.name ?? node.groupId, described, pending)
      }
      case "list":
        return new vscode.TreeItem(node.listId)
      case "listMore":
      case "listProblem":
      case "listEmpty":
      case "syncing":
        return listRowItem(node, this.entries.get(node.id), undefined)
      default: {
        if (node.group === undefined) return statusItem(node, { failure: this.model.error, hasData: this.model.groups().length > 0 })
        const group = this.model.companiesOf(node.group.groupId)
        return statusItem(node, {
          failure: group.error,
          hasData: group.rows.size > 0,
          shown: group.rows.size,
          total: this.model.get(node.group.groupId)?.count
        })
      }
    }
  }

  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    return resolveCompanyTooltip(item, node, this)
  }

  getParent(node: TreeNode): TreeNode | undefined {
    switch (node.kind) {
      case "companyTag":
      case "companySegment":
        return node.parent
      case "company":
      default:
        if ("group" in node && node.group !== undefined) return this.groupNode(node.group.groupId)
        return undefined
    }
  }

  rowOf(node: CompanyNode): CompanyRow | undefined {
    if (node.group === undefined) return undefined
    const listed = this.model.companies.get(node.group.groupId)?.rows.get(node.companyId)
    return this.onReplica ? (this.lists.row(node.companyId) ?? listed) : listed
  }

  groupNode(groupId: string): GroupNode {
    return this.nodes.get<GroupNode>({ kind: this.kind, id: this.groupNodeId(groupId), groupId })
  }

  private groupNodeId(groupId: string): string {
    return this.kind === "segment" ? segmentNodeId(groupId) : tagNodeId(groupId)
  }

  private rootChildren(): Array<TreeNode> {
    if (!this.session.signedIn) {
      this.keys.publish({ loading: false, empty: false, offline: false })
      return []
    }
    if (this.model.phase === "idle" && this.model.error === undefined && !this.flight.running) this.refresh()
    const children = this.model.entries().map((entry: GroupsEntry) =>
      entry.kind === "group"
        ? this.groupNode(entry.group.id)
        : this.nodes.get<StatusNode>({ kind: "error", id: statusNodeId(this.viewName, "error"), view: this.viewName, group: undefined })
    )
    this.keys.publish(this.model.viewState())
    this.view.description = this.model.description() ?? ""
    return children
  }

  private groupChildren(node: GroupNode): Array<TreeNode> {
    const group = this.model.companiesOf(node.groupId)
    if (group.phase === "idle" && !group.busy) this.loadGroup(node.groupId)
    const ref: GroupRef = { kind: this.kind, groupId: node.groupId, nodeId: node.id }
    return group.entries().map((entry: GroupEntry) =>
      entry.kind === "company"
        ? this.nodes.get<CompanyNode>({ kind: "company", id: companyNodeId(node.id, entry.row.id), companyId: entry.row.id, group: ref })
        : this.nodes.get<StatusNode>({ kind: entry.kind, id: statusNodeId(node.id, entry.kind), view: this.viewName, group: ref })
    )
  }

  // --- Loads ------------------------------------------------------------------------------------

  /** Reloads the groups, then the companies of every group that was loaded (last good data stays). */
  refresh(): void {
    const client = this.session.current()
    if (client === undefined) return
    if (this.model.phase === "idle") this.model.phase = "loading"
    this.model.busy = true
    let settle: () => void = () => {}
    void vscode.window.withProgress({ location: { viewId: this.viewId() } }, () =>
      new Promise<void>((resolve) => (settle = resolve)))
    this.flight.run(client, () => engine().loads.listGroups(this.kind), {
      ok: (groups) => {
        this.model.busy = false
        this.model.replace(groups)
        for (const id of [...this.loads.keys()]) if (this.model.get(id) === undefined) this.dropLoad(id)
        for (const [id, group] of this.model.companies) if (group.phase === "ready") this.loadGroup(id)
        this.fireRoot()
      },
      failed: (error) => {
        const failure = reportListFailure(this.log, this.kind === "segment" ? "Segments" : "Tags", error)
        this.model.busy = false
        this.model.failed(failure)
        this.fireRoot()
      },
      interrupted: () => {
        this.model.busy = false
      },
      settled: () => settle()
    })
  }

  private viewId(): string {
    return this.kind === "segment" ? Views.segments : Views.tags
  }

  /**
   * Loads a group's companies from the start up to its limit, replacing its rows only then (the
   * old rows stay meanwhile), and then waits for "Load more" with its place in the listing kept.
   */
  loadGroup(groupId: string): void {
    const client = this.session.current()
    if (client === undefined) return
    const group = this.model.companiesOf(groupId)
    const load = this.loadOf(groupId)
    const known = this.model.get(groupId)?.count
    const kind = this.kind
    const fire = () => this.fireGroup(groupId)
    if (group.phase === "idle") group.phase = "loading"
    group.busy = true
    const demand = (load.demand = new Demand())
    load.flight.run(client, (flight) => engine().loads.groupCompanies(kind, groupId, flight, { group, known, demand, fire }), {
      ok: () => {},
      failed: (error) => {
        const failure = reportListFailure(this.log, `Companies of ${kind} ${groupId}`, error)
        group.busy = false
        group.failed(failure)
        fire()
      },
      interrupted: () => {
        group.busy = false
      }
    })
  }

  /** "Load more" under a group: the waiting loader continues, or a failed one starts again. */
  loadMore(groupId: string): void {
    const group = this.model.companiesOf(groupId)
    group.limit += GROUP_PAGE_SIZE
    const load = this.loadOf(groupId)
    if (load.flight.running && group.error === undefined) load.demand.signal()
    else this.loadGroup(groupId)
  }

  private loadOf(groupId: string): GroupLoad {
    let load = this.loads.get(groupId)
    if (load === undefined) {
      load = { flight: new SingleFlight(this.session), demand: new Demand() }
      this.loads.set(groupId, load)
    }
    return load
  }

  private dropLoad(groupId: string): void {
    this.loads.get(groupId)?.flight.cancel()
    this.loads.delete(groupId)
  }

  // --- Updates from edits -----------------------------------------------------------------------

  companyChanged(row: CompanyRow): void {
    const inReplica = this.lists.replaceRow(row)
    if (this.model.replaceCompany(row).length > 0 || inReplica) this.fireCompany(row.id)
  }

  companyRemoved(companyId: string, onlyGroup?: string): void {
    for (const groupId of this.model.removeCompany(companyId, onlyGroup)) this.fireGroup(groupId)
    if (this.onReplica && onlyGroup === undefined && this.lists.hide(companyId)) this.fireRoot()
  }

  /** Companies tagged: they appear under the tag at once (Tags view) and their rows change. */
  companiesAdded(groupId: string, rows: ReadonlyArray<CompanyRow>): void {
    if (this.model.addCompanies(groupId, rows)) this.fireGroup(groupId)
  }

  /** The replica changed under the view (write-through of an edit): its lists and counts are read again. */
  replicaEdited(): void {
    if (!this.onReplica) return
    this.lists.invalidate()
    this.fireRoot()
  }

  /** A group added, renamed or removed: the root re-renders (sorted by name). */
  groupsChanged(): void {
    this.fireRoot()
  }

  /** Reloads one group's companies, if it was loaded. */
  reloadGroup(groupId: string): void {
    if (this.model.companies.get(groupId)?.phase === "ready") this.loadGroup(groupId)
  }

  /** Rewrites every loaded row of every group (a tag renamed or deleted) and re-renders the changed ones. */
  updateRows(f: (row: CompanyRow) => CompanyRow): void {
    for (const group of this.model.companies.values()) {
      for (const id of group.rows.update(f)) this.fireCompany(id)
    }
  }

  fireCompany(companyId: string): void {
    const nodes = this.nodes.companyNodes(companyId)
    if (nodes.length > 0) this.changed.fire(nodes)
  }

  fireGroup(groupId: string): void {
    this.changed.fire(this.groupNode(groupId))
  }

  private fireRoot(): void {
    this.changed.fire(undefined)
  }

  // --- Drag and drop ----------------------------------------------------------------------------

  handleDrag(source: ReadonlyArray<TreeNode>, dataTransfer: vscode.DataTransfer): void {
    const companies = source.filter(isCompanyNode)
    if (companies.length > 0) dataTransfer.set(COMPANIES_MIME, new vscode.DataTransferItem(companies))
  }

  /** Company rows dropped on a tag (or on a company under it) are tagged with it, in one request. */
  async handleDrop(target: TreeNode | undefined, dataTransfer: vscode.DataTransfer): Promise<void> {
    if (this.dropCompanies === undefined || target === undefined) return
    const tagId = target.kind === "tag" ? target.groupId : "group" in target && target.group?.kind === "tag" ? target.group.groupId : undefined
    const tag = tagId === undefined ? undefined : this.model.get(tagId)
    if (tag === undefined) return
    const value: unknown = dataTransfer.get(COMPANIES_MIME)?.value
    const ids = Array.isArray(value) ? [...new Set(value.filter(isCompanyNode).map((n) => n.companyId))] : []
    if (ids.length > 0) await this.dropCompanies(tag, ids)
  }

  private reset(): void {
    this.lists.resetPaging()
    this.flight.cancel()
    for (const id of [...this.loads.keys()]) this.dropLoad(id)
    this.model.reset()
    this.nodes.clear()
    this.view.description = ""
    this.fireRoot()
  }

  dispose(): void {
    this.flight.cancel()
    for (const id of [...this.loads.keys()]) this.dropLoad(id)
    for (const s of this.subscriptions) s.dispose()
  }
}
