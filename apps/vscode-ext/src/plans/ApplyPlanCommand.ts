// Apply (the Plan view's title bar): a cancellable progress notification (done/total, rate, time
// left) around applyPlan, run through the session's runner, so every write goes through the
// replica's write-through and the trees and counts follow. Cancel aborts applyPlan's signal: it
// stops after the write in flight, and the journal keeps the rest for a resume. Then a summary with
// "Show Result Log".
import * as vscode from "vscode"
import type { ApplySummary, Plan } from "@intercom-explorer/plans"
import * as effects from "./planEffects"
import type { PlanWorkbench } from "./PlanWorkbench"
import { progressMessage, summaryMessage } from "./model/progressText"

const SHOW_LOG = "Show Result Log"

/** Apply with the open plan, after a modal confirmation. */
export const applyOpenPlan = async (wb: PlanWorkbench): Promise<ApplySummary | undefined> => {
  // Exclusions still being written are part of what is confirmed and applied.
  await wb.model.settled()
  const open = wb.model.current
  if (open === undefined) {
    void vscode.window.showInformationMessage("Intercom: no plan is open. Import Companies from CSV... or Bulk Edit... makes one.")
    return undefined
  }
  if (open.phase === "applying") return undefined
  const count = open.plan.operations.filter((op) => op.excluded !== true).length
  const what = open.plan.source.kind === "undo" ? "Undo" : "Apply"
  const answer = await vscode.window.showWarningMessage(
    `${what} ${count} ${count === 1 ? "company change" : "company changes"} in Intercom?`,
    { modal: true, detail: "A company changed in Intercom since the plan was made is skipped and reported as a conflict. You can stop at any time and resume later." },
    what
  )
  if (answer !== what) return undefined
  // Unchecked while the dialog was up: the file, and so the apply, has them.
  await wb.model.settled()
  const now = wb.model.current
  if (now === undefined || now.plan.id !== open.plan.id || now.phase === "applying") return undefined
  return runApply(wb, now.plan, now.file)
}

/** Writes the result log of the plan beside it and opens it. */
export const showResultLog = async (wb: PlanWorkbench, plan: Plan, planFile: string): Promise<vscode.TextEditor | undefined> => {
  const replicaFile = wb.deps.replica.model.file
  if (replicaFile === undefined) return undefined
  const file = planFile.replace(/\.json$/, "") + ".result.csv"
  await effects.writeResultCsv(replicaFile, plan, file)
  return vscode.window.showTextDocument(vscode.Uri.file(file), { preview: false })
}

/** Applies a plan (a new one, a resumed one, an undo) with progress; its summary, or undefined when it did not run. */
export const runApply = async (wb: PlanWorkbench, plan: Plan, planFile: string): Promise<ApplySummary | undefined> => {
  const ours = () => wb.model.current?.plan.id === plan.id
  // No exclusion from here on; the phase goes back to review whatever way this ends early.
  if (ours()) wb.model.setPhase("applying")
  try {
    return await applyWithProgress(wb, plan, planFile, ours)
  } finally {
    if (ours() && wb.model.current?.phase === "applying") wb.model.setPhase("review")
  }
}

const applyWithProgress = async (wb: PlanWorkbench, plan: Plan, planFile: string, ours: () => boolean): Promise<ApplySummary | undefined> => {
  const replicaFile = await wb.replicaFile()
  if (replicaFile === undefined) return undefined
  const kind = plan.source.kind === "undo" ? "undo" : "apply"
  // The journal takes the plan's content from here: its exclusions are fixed.
  if (ours()) wb.model.lock()
  const abort = new AbortController()
  wb.deps.log.info(`Plan ${plan.id}: ${kind} started (${planFile}).`)
  const outcome = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: kind === "undo" ? "Intercom: undoing the bulk change" : "Intercom: applying the bulk change", cancellable: true },
    (progress, token) => {
      token.onCancellationRequested(() => abort.abort())
      let reported = 0
      return wb.deps.session.settle(effects.applyOnClient(replicaFile, plan, {
        planFile,
        signal: abort.signal,
        onProgress: (p) => {
          const percent = p.total === 0 ? 100 : (p.done / p.total) * 100
          progress.report({ message: progressMessage(p), increment: Math.max(0, percent - reported) })
          reported = percent
        }
      }))
    }
  )
  wb.refreshTrees()
  if (outcome._tag !== "ok") {
    if (ours()) wb.model.setPhase("review")
    if (outcome._tag === "interrupted") {
      wb.deps.log.info(`Plan ${plan.id}: ${kind} interrupted; applying it again resumes.`)
      void vscode.window.showWarningMessage(`Intercom: the ${kind} stopped (the connection changed); Apply it again to resume where it stopped.`)
      return undefined
    }
    throw outcome.error
  }
  const summary = outcome.value
  if (ours()) wb.model.setPhase(summary.cancelled ? "review" : "applied")
  const { text, clean } = summaryMessage(summary, kind)
  wb.deps.log.info(`Plan ${plan.id}: ${text}`)
  const shown = clean ? vscode.window.showInformationMessage(`Intercom: ${text}`, SHOW_LOG) : vscode.window.showWarningMessage(`Intercom: ${text}`, SHOW_LOG)
  void Promise.resolve(shown).then((answer) => {
    if (answer === SHOW_LOG) {
      showResultLog(wb, plan, planFile).catch((error: unknown) => {
        wb.deps.log.error("The result log could not be written:", error)
        void vscode.window.showErrorMessage(`Intercom: the result log could not be written: ${error instanceof Error ? error.message : String(error)}`)
      })
    }
  })
  return summary
}
