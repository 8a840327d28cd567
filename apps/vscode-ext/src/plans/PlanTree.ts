// The Plan view: renders the open plan's nodes (model/planNodes.ts). Check boxes exclude and
// include items (the model rewrites the plan file); clicking a company opens its diff.
import * as vscode from "vscode"
import type { Log } from "../logging/Log"
import { PLAN_VIEW, PlanCommands } from "./PlanContributions"
import { type PlanModel } from "./model/PlanModel"
import { PlanNodeCache } from "./model/planNodeCache"
import { childrenOf, exclusionTargetOf, type PlanNode, presentationOf } from "./model/planNodes"

export class PlanTree implements vscode.TreeDataProvider<PlanNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<PlanNode | undefined>()
  readonly onDidChangeTreeData = this.changed.event
  readonly view: vscode.TreeView<PlanNode>
  /** One object per id, so that VS Code keeps expansion and selection across refreshes. */
  private readonly nodes = new PlanNodeCache()
  private readonly subscriptions: Array<vscode.Disposable> = []

  constructor(private readonly model: PlanModel, log: Log) {
    this.view = vscode.window.createTreeView(PLAN_VIEW, { treeDataProvider: this, showCollapseAll: true, manageCheckboxStateManually: true })
    const off = model.onDidChange(() => {
      // Another plan (import -> undo, two Bulk Edits) reuses ids like `warning/0` with other text.
      const open = model.current
      this.nodes.opened(open === undefined ? undefined : { id: open.plan.id, file: open.file })
      this.describe()
      this.changed.fire(undefined)
    })
    this.subscriptions.push(
      this.view,
      this.changed,
      { dispose: off },
      this.view.onDidChangeCheckboxState((event) => {
        void this.checkboxesChanged(event.items).catch((error: unknown) => {
          log.error("Plan: the exclusion could not be saved:", error)
          void vscode.window.showErrorMessage(`Intercom: the plan file could not be saved: ${error instanceof Error ? error.message : String(error)}`)
          this.changed.fire(undefined)
        })
      })
    )
  }

  /** Check boxes clicked: an unchecked item is excluded, a checked one included again. */
  async checkboxesChanged(items: ReadonlyArray<readonly [PlanNode, vscode.TreeItemCheckboxState]>): Promise<void> {
    for (const [node, state] of items) {
      const target = exclusionTargetOf(node)
      if (target !== undefined) await this.model.setExcluded(target, state === vscode.TreeItemCheckboxState.Unchecked)
    }
  }

  private describe(): void {
    const open = this.model.current
    this.view.description = open === undefined ? "" : open.phase === "applying" ? "applying…" : open.phase === "applied" ? "applied" : "review"
  }

  getChildren(node?: PlanNode): Array<PlanNode> {
    const plan = this.model.current?.plan
    if (plan === undefined) return []
    return childrenOf(plan, node).map((n) => this.nodes.get(n))
  }

  getTreeItem(node: PlanNode): vscode.TreeItem {
    const open = this.model.current
    if (open === undefined) return new vscode.TreeItem("")
    const p = presentationOf(open.plan, node, open.title)
    const item = new vscode.TreeItem(p.label, p.expandable ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None)
    item.id = node.id
    item.description = p.description
    item.tooltip = p.tooltip
    item.contextValue = p.contextValue
    item.iconPath = new vscode.ThemeIcon(p.icon)
    if (p.included !== undefined && !open.locked) {
      item.checkboxState = {
        state: p.included ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked,
        tooltip: p.included ? "Included: uncheck to leave it out of the apply" : "Excluded: check to apply it"
      }
    }
    if (node.kind === "operation") {
      item.command = { command: PlanCommands.showDiff, title: "Show Changes", arguments: [node] }
    }
    return item
  }

  getParent(): PlanNode | undefined {
    return undefined
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose()
  }
}
