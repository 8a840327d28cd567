import { CompanyList } from "./CompanyList"
import type { CompanyRow, Named } from "./CompanyRow"
import { formatCount } from "./CompanyRow"
import { GroupModel } from "./GroupModel"
import type { ListFailure, LoadPhase } from "./LoadState"

/** A segment or a tag as its view shows it. `count` is the segment's size when Intercom sent it. */
export interface GroupRow extends Named {
  readonly count?: number | undefined
}

export type GroupsEntry =
  | { readonly kind: "error"; readonly failure: ListFailure }
  | { readonly kind: "group"; readonly group: GroupRow }

/**
 * The Segments or the Tags view: the list of groups, each with its companies (GroupModel) once it
 * was expanded. SegmentsModel and TagsModel are this class with their own nouns.
 */
export class GroupsModel {
  private list: Array<GroupRow> = []
  private readonly byId = new Map<string, GroupRow>()
  readonly companies = new Map<string, GroupModel>()
  phase: LoadPhase = "idle"
  busy = false
  error: ListFailure | undefined = undefined

  constructor(readonly noun: { readonly one: string; readonly many: string }) {}

  reset(): void {
    this.list = []
    this.byId.clear()
    this.companies.clear()
    this.phase = "idle"
    this.busy = false
    this.error = undefined
  }

  groups(): ReadonlyArray<GroupRow> {
    return this.list
  }

  get(id: string): GroupRow | undefined {
    return this.byId.get(id)
  }

  /** A load succeeded: sorted by name; groups that are gone lose their companies too. */
  replace(groups: ReadonlyArray<GroupRow>): void {
    this.list = [...groups].sort((a, b) => a.name.localeCompare(b.name, "en", { sensitivity: "base" }))
    this.byId.clear()
    for (const g of this.list) this.byId.set(g.id, g)
    for (const id of [...this.companies.keys()]) if (!this.byId.has(id)) this.companies.delete(id)
    this.phase = "ready"
    this.error = undefined
  }

  /** One group added or renamed (after a create or rename succeeded). */
  upsert(group: GroupRow): void {
    // Not loaded yet: the first load brings it (marking a partial list loaded would hide the rest).
    if (this.phase !== "ready") return
    const known = this.byId.get(group.id)
    this.replace(known === undefined ? [...this.list, group] : this.list.map((g) => (g.id === group.id ? { ...g, ...group } : g)))
  }

  remove(id: string): void {
    if (this.phase !== "ready") return
    this.replace(this.list.filter((g) => g.id !== id))
  }

  failed(failure: ListFailure): void {
    this.error = failure
    this.phase = "ready"
  }

  /** The companies of a group, created (idle) on first use. */
  companiesOf(id: string): GroupModel {
    let group = this.companies.get(id)
    if (group === undefined) {
      group = new GroupModel()
      this.companies.set(id, group)
    }
    return group
  }

  /** Updates a company wherever it is listed; returns the ids of the groups whose row changed. */
  replaceCompany(row: CompanyRow): Array<string> {
    const changed: Array<string> = []
    for (const [id, group] of this.companies) if (group.rows.replace(row)) changed.push(id)
    return changed
  }

  /** Removes a company from every group (deleted, or untagged from `onlyGroup`). */
  removeCompany(companyId: string, onlyGroup?: string): Array<string> {
    const changed: Array<string> = []
    for (const [id, group] of this.companies) {
      if (onlyGroup !== undefined && id !== onlyGroup) continue
      if (group.rows.remove(companyId)) changed.push(id)
    }
    return changed
  }

  /** Adds companies to a loaded group (tagged): they show at once, without reloading it. */
  addCompanies(groupId: string, rows: ReadonlyArray<CompanyRow>): boolean {
    const group = this.companies.get(groupId)
    if (group === undefined || group.phase !== "ready") return false
    const merged = new CompanyList([...rows, ...group.rows.values()])
    group.rows = merged
    return true
  }

  /** The row description: "1,234 companies" for a segment with a count, or the loaded number. */
  groupDescription(group: GroupRow): string | undefined {
    if (group.count !== undefined) return `${formatCount(group.count)} ${group.count === 1 ? "company" : "companies"}`
    const loaded = this.companies.get(group.id)
    if (loaded?.phase === "ready" && loaded.done) {
      return `${formatCount(loaded.rows.size)} ${loaded.rows.size === 1 ? "company" : "companies"}`
    }
    return undefined
  }

  /** The view's description: "6 segments". */
  description(): string | undefined {
    if (this.phase !== "ready" || (this.error !== undefined && this.list.length === 0)) return undefined
    return `${formatCount(this.list.length)} ${this.list.length === 1 ? this.noun.one : this.noun.many}`
  }

  entries(): Array<GroupsEntry> {
    const out: Array<GroupsEntry> = []
    if (this.error !== undefined && !(this.error.offline && this.list.length === 0)) out.push({ kind: "error", failure: this.error })
    for (const group of this.list) out.push({ kind: "group", group })
    return out
  }

  viewState(): { loading: boolean; empty: boolean; offline: boolean } {
    const none = this.list.length === 0
    return {
      loading: none && this.error === undefined && (this.phase === "loading" || this.busy),
      empty: none && this.phase === "ready" && this.error === undefined && !this.busy,
      offline: none && this.error?.offline === true
    }
  }
}

/** The Segments view's data: segments with their counts, each expanding to its companies. */
export class SegmentsModel extends GroupsModel {
  constructor() {
    super({ one: "segment", many: "segments" })
  }
}

/** The Tags view's data: tags, each expanding to the companies that carry it. */
export class TagsModel extends GroupsModel {
  constructor() {
    super({ one: "tag", many: "tags" })
  }
}
