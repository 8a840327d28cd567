import type { CompanyRow } from "./model/CompanyRow"
import { companySegmentNodeId, companyTagNodeId } from "./model/ids"
import type { CompanyGroupNode, CompanyNode, NodeCache, TreeNode } from "./nodes"

/** A view that lists companies: it knows the row behind each company node. */
export interface CompanyRowsView {
  rowOf(node: CompanyNode): CompanyRow | undefined
}

/** A company row expands to its tags, then its segments, with ids under the row's own id. */
export const companyChildren = (node: CompanyNode, view: CompanyRowsView, nodes: NodeCache): Array<TreeNode> => {
  const row = view.rowOf(node)
  if (row === undefined) return []
  const tags = row.tags.map((tag) =>
    nodes.get<CompanyGroupNode>({ kind: "companyTag", id: companyTagNodeId(node.id, tag.id), companyId: row.id, parent: node, named: tag })
  )
  const segments = row.segments.map((segment) =>
    nodes.get<CompanyGroupNode>({
      kind: "companySegment",
      id: companySegmentNodeId(node.id, segment.id),
      companyId: row.id,
      parent: node,
      named: segment
    })
  )
  return [...tags, ...segments]
}
