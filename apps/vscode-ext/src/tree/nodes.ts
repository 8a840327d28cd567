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

export type TreeNode = CompanyNode | CompanyGroupNode | GroupNode | StatusNode

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

  get<N extends TreeNode>(fresh: N): N {
    const known = this.nodes.get(fresh.id) as N | undefined
    if (known === undefined || known.kind !== fresh.kind) {
      this.nodes.set(fresh.id, fresh)
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
    const out: Array<CompanyNode> = []
    for (const node of this.nodes.values()) if (node.kind === "company" && node.companyId === companyId) out.push(node)
    return out
  }

  /** Forgets the nodes under a prefix (a list reloaded) or all of them (signed out). */
  clear(prefix?: string): void {
    if (prefix === undefined) this.nodes.clear()
    else for (const id of [...this.nodes.keys()]) if (id.startsWith(prefix)) this.nodes.delete(id)
  }
}
