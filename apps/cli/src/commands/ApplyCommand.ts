import { readPlanFile } from "@intercom-explorer/plans"
import { Effect, Option } from "effect"
import { Argument, Command, Flag } from "effect/cli"
import { appliedReplicaFile } from "../plans/PlanLocation.js"
import { runPlan } from "../plans/RunPlan.js"
import { dbFlag } from "../replica/ReplicaLocation.js"

export const planArgument = Argument.String("plan").pipe(
  Argument.withMetavar("PLAN.json"),
  Argument.withDescription("A plan file written by `plan`")
)

export const forceFlag = Flag.Boolean("force").pipe(
  Flag.withDefault(false),
  Flag.withDescription("Write companies that changed in Intercom since the plan was made (conflicts) too")
)

export const logFlag = Flag.String("log").pipe(
  Flag.withMetavar("FILE"),
  Flag.optional,
  Flag.withDescription("Write a result per row (applied, unchanged, conflict, invalid, failed: reason, code, request_id); .ndjson/.jsonl/.json for NDJSON, else CSV")
)

export const applyCommand = Command.make(
  "apply",
  { plan: planArgument, force: forceFlag, log: logFlag, db: dbFlag },
  Effect.fn("apply")(function*({ db, force, log, plan: planFile }) {
    const plan = yield* readPlanFile(planFile)
    yield* runPlan({
      plan,
      planFile,
      replicaFile: yield* appliedReplicaFile(db, plan),
      force,
      log: Option.getOrUndefined(log),
      what: "apply"
    })
  }, Effect.scoped)
).pipe(
  Command.withDescription(
    "Apply a plan within the rate budget (background pacing: interactive use of the workspace is still served). " +
      "Each company is checked against the plan's before-image first: one changed in Intercom since is a conflict, " +
      "skipped and reported (unless --force). A journal beside the replica records every write, so a run that was " +
      "killed or stopped resumes when run again, and each change takes effect exactly once; run again after it " +
      "finished, it does nothing. Exit 6 when conflicts or failed rows were left."
  ),
  Command.withExamples([
    { command: "intercom-explorer apply plan.json --log result.csv", description: "apply, with a result per row" }
  ])
)
