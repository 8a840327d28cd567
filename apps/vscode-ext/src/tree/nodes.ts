import type { Named } from "./model/CompanyRow"

/** The segment or tag a company row is listed under; undefined under the Companies root. */
export interface GroupRef {
  readonly kind: "segment" | "tag"
  readonly groupId: string
  /** The group's node id, e.g. `tag/7`. */
  readonly nodeId: string
}

export interface CompanyNode {
  readonly kind: "company"
  readonly id: string
  readonly companyId: string
  readonly group: GroupRef | undefined
  /** The replica list the row is in (Companies view on the replica), when not the filtered list. */
  readonly listId?: string | undefined
}

/** A tag or segment under a company row. */
export interface CompanyGroupNode {
  readonly kind: "companyTag" | "companySegment"
  readonly id: string
  readonly companyId: string
  readonly parent: CompanyNode
  named: Named
}

export interface GroupNode {
  readonly kind: "segment" | "tag"
  readonly id: string
  readonly groupId: string
}

/** Status and action rows of a list: the Companies root (group undefined) or a group. */
export interface StatusNode {
  readonly kind: "error" | "loadMore" | "loadAll" | "loadingAll" | "capped" | "loading" | "empty"
  readonly id: string
  /** The view the row is in, so that Retry and Load more reach the right list. */
  readonly view: "companies" | "segments" | "tags"
  readonly group: GroupRef | undefined
}

/** Companies view on the replica: a saved query or a group, expanding to its companies. */
export interface ListNode {
  readonly kind: "list"
  readonly id: string
  readonly listId: string
}

/** Companies view on the replica: a list's "Load more", why it cannot run, its emptiness, a sync. */
export interface ListRowNode {
  readonly kind: "listMore" | "listProblem" | "listEmpty" | "syncing"
  readonly id: string
  readonly listId: string
}

export type TreeNode = CompanyNode | CompanyGroupNode | GroupNode | StatusNode | ListNode | ListRowNode

export const isCompanyNode = (value: unknown): value is CompanyNode =>
  typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "company" &&
  typeof (value as { companyId?: unknown }).companyId === "string"

/**
 * The node objects of one view, one per id. VS Code matches the elements given to
 * onDidChangeTreeData by identity, so a row is refreshed alone only if it is the same object that
 * getChildren returned; the cache hands that object out again, with its mutable fields updated.
 */
export class NodeCache {
  private readonly nodes = new Map<string, TreeNode>()
  // A company can be listed under several groups; refreshing its rows must not scan every node of
  // the view (a tag renamed on 25,000 rows would be 25,000 full scans).
  private readonly byCompany = new Map<string, Set<CompanyNode>>()

  get<N extends TreeNode>(fresh: N): N {
    const known = this.nodes.get(fresh.id) as N | undefined
    if (known === undefined || known.kind !== fresh.kind) {
      if (known !== undefined) this.unindex(known)
      this.nodes.set(fresh.id, fresh)
      if (fresh.kind === "company") {
        const company = fresh as CompanyNode
        let set = this.byCompany.get(company.companyId)
        if (set === undefined) this.byCompany.set(company.companyId, (set = new Set()))
        set.add(company)
      }
      return fresh
    }
    if (known.kind === "companyTag" || known.kind === "companySegment") {
      ;(known as CompanyGroupNode).named = (fresh as CompanyGroupNode).named
    }
    return known
  }

  lookup(id: string): TreeNode | undefined {
    return this.nodes.get(id)
  }

  /** Every cached company node of a company (it may be listed under several groups). */
  companyNodes(companyId: string): Array<CompanyNode> {
    const set = this.byCompany.get(companyId)
    return set === undefined ? [] : [...set]
  }

  /** Forgets the nodes under a prefix (a list reloaded) or all of them (signed out). */
  clear(prefix?: string): void {
    if (prefix === undefined) {
      this.nodes.clear()
      this.byCompany.clear()
      return
    }
    for (const [id, node] of this.nodes) {
      if (!id.startsWith(prefix)) continue
      this.nodes.delete(id)
      this.unindex(node)
    }
  }

  private unindex(node: TreeNode): void {
    if (node.kind !== "company") return
    const set = this.byCompany.get(node.companyId)
    set?.delete(node)
    if (set?.size === 0) this.byCompany.delete(node.companyId)
  }
}
