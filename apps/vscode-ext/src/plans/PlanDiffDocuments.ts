// The before/after JSON of one company of the open plan, as read-only documents for VS Code's diff
// editor: `intercom-plan:/<planId>/<seq>/before.json` and `.../after.json`. They follow the
// reviewer's exclusions (the after side shows what the apply will write).
import * as vscode from "vscode"
import { PLAN_DIFF_SCHEME } from "./PlanContributions"
import { companyJson } from "./model/companyJson"
import { operationOf } from "./model/exclusion"
import type { PlanModel } from "./model/PlanModel"

export class PlanDiffDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>()
  readonly onDidChange = this.changed.event
  /** The documents handed out, so that an exclusion refreshes the ones open. */
  private readonly shown = new Set<string>()
  private readonly subscriptions: Array<vscode.Disposable>

  constructor(private readonly model: PlanModel) {
    const off = model.onDidChange(() => {
      this.closeOthers()
      for (const uri of this.shown) this.changed.fire(vscode.Uri.parse(uri))
    })
    this.subscriptions = [vscode.workspace.registerTextDocumentContentProvider(PLAN_DIFF_SCHEME, this), this.changed, { dispose: off }]
  }

  static uriOf(planId: string, seq: number, which: "before" | "after"): vscode.Uri {
    return vscode.Uri.from({ scheme: PLAN_DIFF_SCHEME, path: `/${planId}/${seq}/${which}.json` })
  }

  /** The diffs of a plan no longer open (discarded, or another opened) close with it. */
  private closeOthers(): void {
    const planId = this.model.current?.plan.id
    const stale = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) =>
      tab.input instanceof vscode.TabInputTextDiff && tab.input.original.scheme === PLAN_DIFF_SCHEME &&
      tab.input.original.path.split("/")[1] !== planId)
    if (stale.length > 0) void vscode.window.tabGroups.close(stale).then(undefined, () => undefined)
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    this.shown.add(uri.toString())
    const [, planId, seq, name] = uri.path.split("/")
    const plan = this.model.current?.plan
    const op = plan !== undefined && plan.id === planId ? operationOf(plan, Number(seq)) : undefined
    if (op === undefined) return `${JSON.stringify("This plan is no longer open.")}\n`
    return companyJson(op, name === "before.json" ? "before" : "after")
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose()
  }
}
