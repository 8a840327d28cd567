import * as vscode from "vscode"
import type { ClientSession } from "../client/ClientSession"
import type { EditContext } from "../commands/CommandContext"
import type { CompaniesTreeApi } from "../FeatureDeps"
import { engine } from "../lazy"
import type { Log } from "../logging/Log"
import type { ReplicaSession } from "../replica/ReplicaSession"
import type { Settings } from "../settings/Settings"
import { CompaniesTree } from "./CompaniesTree"
import { GroupsTree } from "./GroupsTree"
import { type CompanyRow, type Named, withoutTag, withTag, withTagRenamed } from "./model/CompanyRow"
import { SegmentsModel, TagsModel } from "./model/GroupsModel"
import { PendingWrites } from "./model/PendingWrites"
import type { StatusNode } from "./nodes"

/** How long after an edit the replica's lists and counts are read again (edits in a burst read once). */
const EDIT_REREAD_MS = 300

/**
 * The three views together. Edits report here; a company can be listed in all three views at
 * once (Companies, under its tags, under its segments), so every change goes to each of them and
 * re-renders only the rows of that company.
 */
export class Trees implements CompaniesTreeApi, vscode.Disposable {
  readonly pending = new PendingWrites()
  readonly companies: CompaniesTree
  readonly segments: GroupsTree
  readonly tags: GroupsTree
  private readonly subscriptions: Array<vscode.Disposable> = []

  constructor(session: ClientSession, log: Log, readonly replica: ReplicaSession, settings: Settings) {
    this.companies = new CompaniesTree(session, this.pending, log, replica, settings)
    this.segments = new GroupsTree("segment", new SegmentsModel(), session, this.pending, log, replica)
    // Companies dropped on a tag are tagged with it by the Tag Companies command's code (loaded on
    // first use), which reports back here like any edit.
    const edits: EditContext = { session, trees: this, log }
    this.tags = new GroupsTree("tag", new TagsModel(), session, this.pending, log, replica, async (tag, ids) => {
      await engine().tagCommands.dropOnTag(edits, tag, ids)
    })
    // The session's own requests (the token check) wait until one of the views is visible; the
    // lists load only when VS Code asks a visible view for its rows.
    const views = [this.companies.view, this.segments.view, this.tags.view]
    for (const view of views) {
      this.subscriptions.push(view.onDidChangeVisibility((e) => e.visible && session.viewsVisible()))
    }
    if (views.some((view) => view.visible)) session.viewsVisible()
  }

  // --- For other features (Find Company) --------------------------------------------------------

  revealCompany(companyId: string): Promise<boolean> {
    return this.companies.revealCompany(companyId)
  }

  loadedCompanies(): ReadonlyArray<CompanyRow> {
    return this.companies.loadedCompanies()
  }

  searchCompanies(text: string): Promise<ReadonlyArray<CompanyRow>> | undefined {
    return this.companies.searchCompanies(text)
  }

  // --- Rows ---------------------------------------------------------------------------------------

  /** The row of a company wherever it is loaded (Companies first). */
  findRow(companyId: string): CompanyRow | undefined {
    const inCompanies = this.companies.lists.row(companyId) ?? this.companies.model.rows.get(companyId)
    if (inCompanies !== undefined) return inCompanies
    for (const tree of [this.tags, this.segments]) {
      for (const group of tree.model.companies.values()) {
        const row = group.rows.get(companyId)
        if (row !== undefined) return row
      }
    }
    return undefined
  }

  /** Shows "saving…" (with a spinner) on every row of these companies while `write` runs. */
  async withCompanyPending<A>(ids: ReadonlyArray<string>, what: string, write: () => Promise<A>): Promise<A> {
    for (const id of ids) this.pending.set(PendingWrites.companyKey(id), what)
    this.fireCompanies(ids)
    try {
      return await write()
    } finally {
      for (const id of ids) this.pending.delete(PendingWrites.companyKey(id))
      this.fireCompanies(ids)
    }
  }

  async withTagPending<A>(tagId: string, what: string, write: () => Promise<A>): Promise<A> {
    this.pending.set(PendingWrites.tagKey(tagId), what)
    this.tags.fireGroup(tagId)
    try {
      return await write()
    } finally {
      this.pending.delete(PendingWrites.tagKey(tagId))
      if (this.tags.model.get(tagId) !== undefined) this.tags.fireGroup(tagId)
    }
  }

  private fireCompanies(ids: ReadonlyArray<string>): void {
    for (const id of ids) for (const tree of [this.companies, this.segments, this.tags]) tree.fireCompany(id)
  }

  // --- Edits --------------------------------------------------------------------------------------

  /** The server's answer to an edit replaces the company's rows, in every view. */
  companyChanged(row: CompanyRow): void {
    this.companies.companyChanged(row)
    this.segments.companyChanged(row)
    this.tags.companyChanged(row)
    this.replicaEdited()
  }

  companyCreated(row: CompanyRow): void {
    this.companies.companyAdded(row)
    this.replicaEdited()
  }

  companyDeleted(companyId: string): void {
    this.companies.companyRemoved(companyId)
    this.segments.companyRemoved(companyId)
    this.tags.companyRemoved(companyId)
    this.replicaEdited()
  }

  private editedTimer: ReturnType<typeof setTimeout> | undefined

  /**
   * An edit went through the replica's write-through: the lists, groups and counts are read again,
   * and the segments (whose membership and counts are Intercom's to compute) are asked for again;
   * debounced, so that a burst of edits (a multi-row tag) reads once.
   */
  private replicaEdited(): void {
    if (!this.companies.onReplica) return
    clearTimeout(this.editedTimer)
    this.editedTimer = setTimeout(() => {
      this.companies.replicaEdited()
      this.tags.replicaEdited()
      this.segments.replicaEdited()
      this.segments.refresh()
    }, EDIT_REREAD_MS)
  }

  /** Companies tagged: their rows gain the tag, and the tag (new or not) lists them. */
  companiesTagged(tag: Named, rows: ReadonlyArray<CompanyRow>): void {
    if (this.tags.model.get(tag.id) === undefined) this.tagAdded(tag)
    const tagged = rows.map((row) => withTag(row, tag))
    for (const row of tagged) this.companyChanged(row)
    this.tags.companiesAdded(tag.id, tagged)
  }

  companiesUntagged(tag: Named, rows: ReadonlyArray<CompanyRow>): void {
    for (const row of rows) {
      this.companyChanged(withoutTag(row, tag.id))
      this.tags.companyRemoved(row.id, tag.id)
    }
  }

  tagAdded(tag: Named): void {
    this.tags.model.upsert(tag)
    this.tags.groupsChanged()
  }

  tagRenamed(tag: Named): void {
    this.tags.model.upsert(tag)
    this.tags.groupsChanged()
    for (const tree of [this.companies, this.segments, this.tags]) tree.updateRows((row) => withTagRenamed(row, tag))
    this.replicaEdited()
  }

  tagDeleted(tagId: string): void {
    this.tags.model.remove(tagId)
    this.tags.groupsChanged()
    for (const tree of [this.companies, this.segments, this.tags]) tree.updateRows((row) => withoutTag(row, tagId))
    this.replicaEdited()
  }

  // --- Loads --------------------------------------------------------------------------------------

  /** Retry of an error row: the list it belongs to loads again. */
  retry(node: StatusNode | undefined): void {
    if (node === undefined) return this.refreshAll()
    const tree = node.view === "companies" ? undefined : node.view === "segments" ? this.segments : this.tags
    if (tree === undefined) return this.companies.refresh()
    if (node.group === undefined) tree.refresh()
    else tree.loadGroup(node.group.groupId)
  }

  loadMore(node: StatusNode | undefined): void {
    if (node?.group === undefined) return this.companies.loadMore()
    ;(node.group.kind === "segment" ? this.segments : this.tags).loadMore(node.group.groupId)
  }

  refreshAll(): void {
    this.companies.refresh()
    this.segments.refresh()
    this.tags.refresh()
  }

  dispose(): void {
    clearTimeout(this.editedTimer)
    for (const s of this.subscriptions) s.dispose()
    this.companies.dispose()
    this.segments.dispose()
    this.tags.dispose()
  }
}
