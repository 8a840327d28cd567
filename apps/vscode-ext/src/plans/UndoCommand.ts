// "Undo Bulk Change...": the journal's recent applies (label, date, counts; an unfinished one opens to
// be resumed); the picked one's undo
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
  // An unfinished apply is resumed, not undone (the journal refuses its undo until it ends): it is
  // listed too, and picked, its plan opens locked for Apply to finish it (no dead end after "Later").
  const records = all.filter((r) => r.kind === "apply")
  if (records.length === 0) {
    void vscode.window.showInformationMessage("Intercom: no bulk change has been applied in this workspace from here.")
    return undefined
  }
  const undone = new Set(all.filter((r) => r.kind === "undo" && r.finishedAt !== null).map((r) => r.planId))
  const stateOf = (record: ApplyRecord): string =>
    record.finishedAt === null ? " · not finished: pick to open it and resume" : undone.has(`undo-${record.planId}`) ? " · undone" : ""
  const picked = await vscode.window.showQuickPick(
    records.map((record) => ({
      label: record.label,
      description: `${new Date(record.startedAt).toLocaleString()}${stateOf(record)}`,
      detail: `${record.done} of ${record.total} done · ${recordCounts(record)}`,
      record
    })),
    { title: "Undo Bulk Change", placeHolder: "Which bulk change to take back? Its undo plan opens for review first.", matchOnDescription: true }
  )
  if (picked === undefined) return undefined
  if (picked.record.finishedAt === null) {
    const file = picked.record.planFile
    if (file === null || !fs.existsSync(file)) {
      throw new Error(`the plan file of "${picked.record.label}" is gone, so it cannot be resumed here`)
    }
    const unfinished = await effects.readPlan(file)
    await wb.show(unfinished, file, { locked: true })
    return unfinished
  }
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
