// The plans package, as the extension runs it (part of the engine, dist/engine.js). Building a plan
// reads the workspace's replica file (a second connection beside the trees' reader: SQLite's WAL
// lets both read); the journal lives beside the replica (journalFileFor). The local effects run
// here, to a Promise that rejects with the package's own sentence; the apply is an effect on the
// client, for the session's runner (its write-through and its 401 handling).
import type { IntercomClientServices } from "@intercom-explorer/core"
import {
  type ApplyOptions,
  applyPlan,
  type ApplyRecord,
  type ApplySummary,
  Journal,
  journalFileFor,
  type Plan,
  planFromFile,
  type PlanFromFileOptions,
  planFromQuery,
  type PlanFromQueryOptions,
  readPlanFile,
  summarizePlan,
  undoPlanOf,
  writePlanFile,
  writeResultLog
} from "@intercom-explorer/plans"
import { Replica } from "@intercom-explorer/replica"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import fs from "node:fs"

/** Runs a local effect (files, SQLite); a failure rejects with an Error carrying its message. */
const local = async <A>(effect: Effect.Effect<A, unknown>): Promise<A> => {
  const exit = await Effect.runPromiseExit(effect)
  if (Exit.isSuccess(exit)) return exit.value
  const failure = exit.cause.reasons.find((reason) => reason._tag === "Fail")
  const error = failure?._tag === "Fail" ? failure.error : undefined
  throw new Error(error instanceof Error ? error.message : "the plan could not be made (see Intercom: Show Logs)")
}

const journalOf = (replicaFile: string) => Journal.layer({ file: journalFileFor(replicaFile) })

export const buildFromFile = (replicaFile: string, options: PlanFromFileOptions): Promise<Plan> =>
  local(planFromFile(options).pipe(Effect.provide(Replica.layer({ file: replicaFile }))))

export const buildFromQuery = (replicaFile: string, options: PlanFromQueryOptions): Promise<Plan> =>
  local(planFromQuery(options).pipe(Effect.provide(Replica.layer({ file: replicaFile }))))

export const readPlan = (file: string): Promise<Plan> => local(readPlanFile(file))

export const writePlan = (file: string, plan: Plan): Promise<void> => local(writePlanFile(file, plan))

export const summarize = summarizePlan

/** The journal's applies and undos, newest first; none when this replica has no journal yet. */
export const appliesOf = (replicaFile: string): Promise<ReadonlyArray<ApplyRecord>> =>
  fs.existsSync(journalFileFor(replicaFile))
    ? local(Journal.use((journal) => journal.applies()).pipe(Effect.provide(journalOf(replicaFile))))
    : Promise.resolve([])

/** The inverse plan of an applied one, from the journal's before-images. */
export const undoPlan = (replicaFile: string, plan: Plan): Promise<Plan> => local(undoPlanOf(plan).pipe(Effect.provide(journalOf(replicaFile))))

/** Writes the per-row result log (CSV); the number of rows. */
export const writeResultCsv = (replicaFile: string, plan: Plan, file: string): Promise<number> =>
  local(writeResultLog(plan, file, "csv").pipe(Effect.provide(journalOf(replicaFile))))

/** The apply as an effect on the client (run by the session's runner, so it writes through to the replica). */
export const applyOnClient = (replicaFile: string, plan: Plan, options: ApplyOptions): Effect.Effect<ApplySummary, unknown, IntercomClientServices> =>
  applyPlan(plan, options).pipe(Effect.provide(journalOf(replicaFile)))
