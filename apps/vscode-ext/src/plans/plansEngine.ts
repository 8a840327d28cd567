// The bulk-change feature's code in the engine (dist/engine.js): registerPlans.ts reaches it
// through `engine().plans` on first use, so activation loads none of it.
import { applyOpenPlan } from "./ApplyPlanCommand"
import { bulkEdit, importCsv } from "./BuildPlanCommands"
import { openPlan } from "./OpenPlanCommand"
import type { PlanCommandName } from "./PlanContributions"
import type { PlanWorkbench } from "./PlanWorkbench"
import { undoBulkChange } from "./UndoCommand"

export { runApply, showResultLog } from "./ApplyPlanCommand"
export { PlanWorkbench } from "./PlanWorkbench"
export { offerResume, replicaChanged } from "./ResumeOffer"

const commands: Record<PlanCommandName, (wb: PlanWorkbench, args: ReadonlyArray<unknown>) => Promise<unknown>> = {
  importCsv,
  bulkEdit,
  openPlan,
  undo: (wb) => undoBulkChange(wb),
  apply: (wb) => applyOpenPlan(wb),
  discard: async (wb) => wb.discard(),
  openFile: (wb) => wb.openPlanFile(),
  exclude: (wb, args) => wb.setExcluded(args, true),
  include: (wb, args) => wb.setExcluded(args, false),
  showDiff: (wb, [node]) => wb.showDiff(node)
}

/** Runs a bulk-change command (what it did, for the tests and callers). */
export const runCommand = (name: PlanCommandName, wb: PlanWorkbench, args: ReadonlyArray<unknown>): Promise<unknown> => commands[name](wb, args)
