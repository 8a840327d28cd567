import * as vscode from "vscode"
import type { CompanyRow } from "./model/CompanyRow"
import { companySegmentNodeId, companyTagNodeId } from "./model/ids"
import { PendingWrites } from "./model/PendingWrites"
import type { CompanyGroupNode, CompanyNode, NodeCache, TreeNode } from "./nodes"
import { companyGroupItem, companyItem, companyTooltipOf } from "./render"

// What every view that lists company rows (Companies, Segments, Tags) does with them alike.

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

/** The TreeItem of a company row or of a tag/segment under it. */
export const companyRowsItem = (
  node: CompanyNode | CompanyGroupNode,
  view: CompanyRowsView,
  pending: PendingWrites
): vscode.TreeItem => {
  if (node.kind !== "company") return companyGroupItem(node)
  const row = view.rowOf(node)
  if (row === undefined) return new vscode.TreeItem(node.companyId)
  return companyItem(node, row, pending.get(PendingWrites.companyKey(node.companyId)))
}

/** Fills a company row's tooltip when it is hovered (VS Code calls this once per item). */
export const resolveCompanyTooltip = (item: vscode.TreeItem, node: TreeNode, view: CompanyRowsView): vscode.TreeItem => {
  if (node.kind === "company" && item.tooltip === undefined) {
    const row = view.rowOf(node)
    if (row !== undefined) item.tooltip = companyTooltipOf(row)
  }
  return item
}
