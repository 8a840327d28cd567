// The bulk-change feature's state in a window: the plan open for review (PlanModel), the Plan view
// and the diff documents, where plan files go, and the replica a plan is made from. Created on the
// first use of a bulk-change command (or when a replica opens, to offer an unfinished apply).
import fs from "node:fs"
import path from "node:path"
import * as vscode from "vscode"
import type { Plan } from "@intercom-explorer/plans"
import { PLAN_VIEW, PlanContextKeys } from "./PlanContributions"
import { PlanDiffDocuments } from "./PlanDiffDocuments"
import * as effects from "./planEffects"
import type { PlansDeps } from "./PlansDeps"
import { PlanTree } from "./PlanTree"
import { PlanModel } from "./model/PlanModel"
import { type ExclusionTarget, operationOf } from "./model/exclusion"
import { exclusionTargetOf, type PlanNode } from "./model/planNodes"

const isPlanNode = (value: unknown): value is PlanNode =>
  typeof value === "object" && value !== null && typeof (value as { kind?: unknown }).kind === "string" && typeof (value as { id?: unknown }).id === "string"

export class PlanWorkbench implements vscode.Disposable {
  readonly model = new PlanModel(effects.summarize, effects.writePlan)
  readonly tree: PlanTree
  readonly diffs: PlanDiffDocuments
  /** Unfinished applies already offered for resumption in this window (by plan id). */
  readonly offered = new Set<string>()
  /** The replica file last checked for an unfinished apply (ResumeOffer.ts). */
  checkedReplica: string | undefined
  private readonly subscriptions: Array<vscode.Disposable> = []

  constructor(readonly deps: PlansDeps) {
    this.tree = new PlanTree(this.model, deps.log)
    this.diffs = new PlanDiffDocuments(this.model)
    const off = this.model.onDidChange(() => {
      const open = this.model.current
      void vscode.commands.executeCommand("setContext", PlanContextKeys.open, open !== undefined)
      void vscode.commands.executeCommand("setContext", PlanContextKeys.applying, open?.phase === "applying")
    })
    this.subscriptions.push(this.tree, this.diffs, { dispose: off })
  }

  /** `<global storage>/plans`, created on first use. */
  get plansDir(): string {
    const dir = path.join(this.deps.storageDir, "plans")
    fs.mkdirSync(dir, { recursive: true })
    return dir
  }

  planFileOf(plan: Plan): string {
    return path.join(this.plansDir, `${plan.id}.json`)
  }

  /** A plan is made from a workspace's replica and applied to it: there must be one. */
  requireSignedIn(): void {
    if (this.deps.session.current() === undefined) throw new Error("sign in to Intercom or open the demo workspace first.")
  }

  /**
   * The workspace's replica file, synced: a plan's before-images come from it and the journal
   * lives beside it. Syncs first when there is none yet; undefined when that failed (it said why).
   */
  async replicaFile(): Promise<string | undefined> {
    const replica = this.deps.replica
    this.requireSignedIn()
    if (replica.model.reader === undefined) {
      void vscode.window.showInformationMessage("Intercom: syncing the workspace's companies first: a plan is made from the local replica.")
      const result = await replica.sync("command")
      if (result._tag !== "done") return undefined
    }
    return replica.model.file
  }

  /** Opens a plan for review in the Plan view (`locked`: an apply of it has begun, so its exclusions stay). */
  async show(plan: Plan, file: string, options: { readonly locked?: boolean; readonly title?: string } = {}): Promise<void> {
    // The view follows one plan; the one applying keeps it until it ends (its progress is in the notification).
    if (this.model.current?.phase === "applying" && this.model.current.plan.id !== plan.id) {
      throw new Error(`a bulk change is being applied (${this.model.current.plan.id}); open another plan when it ends, or cancel it`)
    }
    this.model.open(plan, file, options)
    await vscode.commands.executeCommand("setContext", PlanContextKeys.open, true)
    await vscode.commands.executeCommand(`${PLAN_VIEW}.focus`).then(undefined, (error: unknown) => this.deps.log.debug("Plan view focus:", error))
    this.deps.log.info(`Plan ${plan.id} open for review (${file}).`)
  }

  /** Discard: closes the plan (its file stays, as the journal may name it). */
  discard(): void {
    const open = this.model.current
    if (open === undefined || open.phase === "applying") return
    this.model.close()
  }

  async openPlanFile(): Promise<vscode.TextEditor | undefined> {
    const open = this.model.current
    if (open === undefined) return undefined
    return vscode.window.showTextDocument(vscode.Uri.file(open.file), { preview: false })
  }

  /** The company's before/after JSON in VS Code's diff editor. */
  async showDiff(node: unknown): Promise<void> {
    const plan = this.model.current?.plan
    if (plan === undefined || !isPlanNode(node) || node.kind !== "operation") return
    const op = operationOf(plan, node.seq)
    if (op === undefined) return
    await vscode.commands.executeCommand(
      "vscode.diff",
      PlanDiffDocuments.uriOf(plan.id, op.seq, "before"),
      PlanDiffDocuments.uriOf(plan.id, op.seq, "after"),
      `${op.label}: before ↔ after`,
      { preview: true }
    )
  }

  /** Exclude / Include from the context menu (the check boxes do the same). */
  async setExcluded(args: ReadonlyArray<unknown>, excluded: boolean): Promise<Plan | undefined> {
    const [clicked, selected] = args
    const nodes = (Array.isArray(selected) && selected.length > 0 ? selected : [clicked]).filter(isPlanNode)
    const targets = nodes.map(exclusionTargetOf).filter((t): t is ExclusionTarget => t !== undefined)
    let plan: Plan | undefined
    for (const target of targets) plan = await this.model.setExcluded(target, excluded)
    return plan
  }

  /** After an apply: the trees read the replica again (write-through stored every answer). */
  refreshTrees(): void {
    const trees = this.deps.trees
    trees.companies.replicaEdited()
    trees.tags.replicaEdited()
    trees.segments.replicaEdited()
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose()
  }
}
