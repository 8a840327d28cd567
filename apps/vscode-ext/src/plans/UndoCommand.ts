// "Undo Bulk Change...": the journal's recent applies (label, date, counts); the picked one's undo
// plan (undoPlanOf, from the journal's before-images) opens in the Plan view for review, and Apply
// runs it as any plan (conflicts skipped and reported, resumable). Once that apply has begun, the
// same undo file opens again, locked.
import fs from "node:fs"
import * as vscode from "vscode"
import type { ApplyRecord, Plan } from "@intercom-explorer/plans"
import * as effects from "./planEffects"
import type { PlanWorkbench } from "./PlanWorkbench"

/** "applied 4 · unchanged 0 · conflicts 1 · failed 0". */
export const recordCounts = (r: ApplyRecord): string =>
  `applied ${r.applied} · unchanged ${r.unchanged} · conflicts ${r.conflicts} · failed ${r.failed}`

export const undoBulkChange = async (wb: PlanWorkbench): Promise<Plan | undefined> => {
  const replicaFile = await wb.replicaFile()
  if (replicaFile === undefined) return undefined
  const all = await effects.appliesOf(replicaFile)
  // An unfinished apply is resumed (Apply again), not undone: the journal refuses its undo until it ends.
  const records = all.filter((r) => r.kind === "apply" && r.finishedAt !== null)
  if (records.length === 0) {
    const unfinished = all.some((r) => r.kind === "apply")
    void vscode.window.showInformationMessage(unfinished
      ? "Intercom: the bulk change applied here has not finished: apply it again to finish it, then it can be undone."
      : "Intercom: no bulk change has been applied in this workspace from here.")
    return undefined
  }
  const undone = new Set(all.filter((r) => r.kind === "undo" && r.finishedAt !== null).map((r) => r.planId))
  const picked = await vscode.window.showQuickPick(
    records.map((record) => ({
      label: record.label,
      description: `${new Date(record.startedAt).toLocaleString()}${undone.has(`undo-${record.planId}`) ? " · undone" : ""}`,
      detail: `${record.done} of ${record.total} done · ${recordCounts(record)}`,
      record
    })),
    { title: "Undo Bulk Change", placeHolder: "Which bulk change to take back? Its undo plan opens for review first.", matchOnDescription: true }
  )
  if (picked === undefined) return undefined
  const planFile = picked.record.planFile
  if (planFile === null || !fs.existsSync(planFile)) {
    throw new Error(`the plan file of "${picked.record.label}" is gone${planFile === null ? "" : ` (${planFile})`}, so its undo cannot be made here.`)
  }
  const title = `Undo of ${picked.record.label}`
  // Its undo's apply has begun: the journal holds that file's hash, so it is shown as it is and
  // locked (rebuilt and rewritten, a resume would fail forever as "the plan file changed").
  const begun = all.find((r) => r.planId === `undo-${picked.record.planId}` && r.planFile !== null && fs.existsSync(r.planFile))
  if (begun?.planFile != null) {
    const undo = await effects.readPlan(begun.planFile)
    await wb.show(undo, begun.planFile, { locked: true, title })
    return undo
  }
  const plan = await effects.readPlan(planFile)
  const undo = await effects.undoPlan(replicaFile, plan)
  const file = wb.planFileOf(undo)
  await effects.writePlan(file, undo)
  await wb.show(undo, file, { title })
  return undo
}
