// After a window reload (or a crash), an apply the journal shows unfinished is offered for
// resumption once per window: Resume applies the same plan file again, which picks up where the
// journal stopped; Later leaves it (Apply on the plan, or the CLI's `apply`, resumes it too).
import fs from "node:fs"
import * as vscode from "vscode"
import type { ApplySummary } from "@intercom-explorer/plans"
import { runApply } from "./ApplyPlanCommand"
import * as effects from "./planEffects"
import type { PlanWorkbench } from "./PlanWorkbench"

/**
 * The replica model changed (a sync's progress, an attachment): once per attached file (again after
 * a sign-out, as a new window would), an unfinished apply is offered.
 */
export const replicaChanged = (wb: PlanWorkbench): void => {
  const model = wb.deps.replica.model
  const file = model.reader === undefined ? undefined : model.file
  if (file === wb.checkedReplica) return
  wb.checkedReplica = file
  if (file === undefined) return
  offerResume(wb).catch((error: unknown) => wb.deps.log.warn("Checking for an unfinished bulk change failed:", error))
}

export const offerResume = async (wb: PlanWorkbench): Promise<ApplySummary | undefined> => {
  const replicaFile = wb.deps.replica.model.file
  if (replicaFile === undefined) return undefined
  const applying = wb.model.current?.phase === "applying" ? wb.model.current.plan.id : undefined
  const unfinished = (await effects.appliesOf(replicaFile)).find((r) =>
    r.finishedAt === null && r.planId !== applying && !wb.offered.has(r.planId) && r.planFile !== null && fs.existsSync(r.planFile))
  if (unfinished === undefined || unfinished.planFile === null) return undefined
  wb.offered.add(unfinished.planId)
  const what = unfinished.kind === "undo" ? "An undo of a bulk change" : "A bulk change"
  const answer = await vscode.window.showInformationMessage(
    `Intercom: ${what} did not finish: ${unfinished.label} (${unfinished.done} of ${unfinished.total} done). Resume it?`,
    "Resume",
    "Later"
  )
  if (answer !== "Resume") return undefined
  const plan = await effects.readPlan(unfinished.planFile)
  await wb.show(plan, unfinished.planFile, { locked: true, ...(unfinished.kind === "undo" ? { title: unfinished.label } : {}) })
  return runApply(wb, plan, unfinished.planFile)
}
