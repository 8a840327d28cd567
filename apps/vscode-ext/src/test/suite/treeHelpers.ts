import * as vscode from "vscode"
import type { TestApi } from "../../extension"
import type { TreeNode } from "../../tree/nodes"
import { waitFor } from "./helpers"

interface Provider {
  getChildren(node?: TreeNode): Array<TreeNode>
  getTreeItem(node: TreeNode): vscode.TreeItem
}

export const label = (provider: Provider, node: TreeNode): string => {
  const l = provider.getTreeItem(node).label
  return typeof l === "string" ? l : (l?.label ?? "")
}

export const description = (provider: Provider, node: TreeNode): string => {
  const d = provider.getTreeItem(node).description
  return typeof d === "string" ? d : ""
}

/** Loads the Companies root (as the view would) and waits until no load runs. */
export const companiesLoaded = async (api: TestApi, what = "the companies to load", timeoutMs = 15_000): Promise<Array<TreeNode>> => {
  const tree = api.trees.companies
  tree.getChildren()
  await waitFor(what, () => tree.model.phase === "ready" && tree.model.busy === undefined, timeoutMs)
  return tree.getChildren()
}

export const groupsLoaded = async (api: TestApi, kind: "segments" | "tags"): Promise<Array<TreeNode>> => {
  const tree = api.trees[kind]
  tree.getChildren()
  await waitFor(`the ${kind} to load`, () => tree.model.phase === "ready" && !tree.model.busy, 15_000)
  return tree.getChildren()
}

/** Expands a segment or tag (as the view would) and waits for its companies. */
export const groupExpanded = async (api: TestApi, kind: "segments" | "tags", groupId: string): Promise<Array<TreeNode>> => {
  const tree = api.trees[kind]
  const node = tree.groupNode(groupId)
  tree.getChildren(node)
  const group = tree.model.companiesOf(groupId)
  await waitFor(`the companies of ${groupId}`, () => group.phase === "ready" && !group.busy, 15_000)
  return tree.getChildren(node)
}

export const companyIds = (nodes: ReadonlyArray<TreeNode>): Array<string> =>
  nodes.flatMap((n) => (n.kind === "company" ? [n.companyId] : []))

export const statusKinds = (nodes: ReadonlyArray<TreeNode>): Array<string> =>
  nodes.flatMap((n) => (n.kind === "company" ? [] : [n.kind]))
