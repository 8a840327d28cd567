// "Open Plan...": a plan file made elsewhere (the CLI's `plan`, a colleague's, one kept in git)
// opened in the Plan view for review and Apply. A plan whose apply the journal already holds opens
// with its exclusions fixed (the journal keys a resume on the file's content).
import type { Plan } from "@intercom-explorer/plans"
import { givenOrPickedFile } from "./FilePick"
import * as effects from "./planEffects"
import type { PlanWorkbench } from "./PlanWorkbench"

export const openPlan = async (wb: PlanWorkbench, args: ReadonlyArray<unknown>): Promise<Plan | undefined> => {
  wb.requireSignedIn()
  const uri = await givenOrPickedFile(args[0], { title: "Open Plan", openLabel: "Open Plan", filters: { "Plans (JSON)": ["json"] } })
  if (uri === undefined) return undefined
  // A file that is not a plan says why (PlanFileInvalid: not JSON at line L, a newer version, a broken field).
  const plan = await effects.readPlan(uri.fsPath)
  // Whether its apply began decides whether its exclusions may change: without the journal, no guess.
  const replicaFile = await wb.replicaFile()
  if (replicaFile === undefined) return undefined
  const started = (await effects.appliesOf(replicaFile)).find((a) => a.planId === plan.id)
  await wb.show(plan, uri.fsPath, started === undefined ? {} : { locked: true })
  return plan
}
