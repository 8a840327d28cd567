import { readPlanFile, undoPlanOf, Journal, journalFileFor } from "@intercom-explorer/plans"
import { Console, Effect, Option } from "effect"
import { Command, Flag } from "effect/cli"
import { planReport } from "../output/PlanReport.js"
import { appliedReplicaFile } from "../plans/PlanLocation.js"
import { runPlan } from "../plans/RunPlan.js"
import { dbFlag } from "../replica/ReplicaLocation.js"
import { forceFlag, logFlag, planArgument } from "./ApplyCommand.js"

export const undoCommand = Command.make(
  "undo",
  {
    plan: planArgument,
    dryRun: Flag.Boolean("dry-run").pipe(
      Flag.withDefault(false),
      Flag.withDescription("Print the undo plan (what would be set back) and write nothing")
    ),
    force: forceFlag,
    log: logFlag,
    db: dbFlag
  },
  Effect.fn("undo")(function*({ db, dryRun, force, log, plan: planFile }) {
    const applied = yield* readPlanFile(planFile)
    const replicaFile = yield* appliedReplicaFile(db, applied)
    const undo = yield* undoPlanOf(applied).pipe(Effect.provide(Journal.layer({ file: journalFileFor(replicaFile) })))
    if (dryRun) return yield* Console.log(planReport(undo))
    yield* runPlan({ plan: undo, planFile, replicaFile, force, log: Option.getOrUndefined(log), what: "undo" })
  }, Effect.scoped)
).pipe(
  Command.withDescription(
    "Take an applied plan back: every company it changed is set to its state before the apply (fields, custom " +
      "attributes, tags; created companies are deleted), from the journal's before-images. A company changed since " +
      "the apply is a conflict, skipped (unless --force). Resumes like apply. --dry-run prints the undo plan."
  ),
  Command.withExamples([
    { command: "intercom-explorer undo plan.json --dry-run", description: "review what an undo would do" },
    { command: "intercom-explorer undo plan.json", description: "undo it" }
  ])
)
