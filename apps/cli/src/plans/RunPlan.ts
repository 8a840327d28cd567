import { existsSync } from "node:fs"
import { applyPlan, type ApplyProgress, Journal, journalFileFor, type Plan, type PlanError, sourceFormatOf, writeResultLog } from "@intercom-explorer/plans"
import { Replica, withWriteThrough } from "@intercom-explorer/replica"
import { Console, Effect, Layer } from "effect"
import { ExitCode } from "../ExitCodes.js"
import { CommandFailure } from "../Failures.js"
import { intercomLayer } from "../GlobalOptions.js"
import { applyProgressLine, applySummaryLine, isIncomplete } from "../output/ApplyReport.js"
import { makeStatusLine } from "../output/ProgressReporter.js"

/*
 * Runs a plan (an apply or an undo) the way both commands do: through the client of the global flags,
 * with write-through to the replica when there is one (so queries see the changes at once), the
 * journal beside the replica, progress on stderr, the result log when asked, and the exit code:
 * 6 when conflicts or failed rows were left, 130 when interrupted (the journal makes it resumable).
 */

export interface RunPlanOptions {
  readonly plan: Plan
  readonly planFile: string
  readonly replicaFile: string
  readonly force: boolean
  readonly log: string | undefined
  /** "apply" or "undo", for the messages. */
  readonly what: string
}

const clientLayer = (replicaFile: string) =>
  existsSync(replicaFile)
    ? withWriteThrough(intercomLayer).pipe(Layer.provide(Replica.layer({ file: replicaFile })))
    : intercomLayer

export const runPlan = (options: RunPlanOptions) => {
  const journal = Journal.layer({ file: journalFileFor(options.replicaFile) })
  // The result log is written however the run ends (finished, stopped by Intercom, interrupted),
  // after the summary line: a stopped run is when it is needed most.
  const writeLog = (log: string) =>
    writeResultLog(options.plan, log, sourceFormatOf(log)).pipe(
      Effect.provide(journal),
      Effect.flatMap((rows) => Console.error(`result log: ${rows} rows in ${log}`)),
      Effect.catch((error) => Console.error(`warning: no result log: ${error.message}`))
    )
  return run(options, journal).pipe(Effect.ensuring(options.log === undefined ? Effect.void : writeLog(options.log)))
}

const run = Effect.fnUntraced(function*(options: RunPlanOptions, journal: Layer.Layer<Journal, PlanError>) {
  let last: ApplyProgress | undefined
  const line = yield* makeStatusLine({
    quiet: false,
    render: () => `${options.what}: ${last === undefined ? "checking the companies' current state" : applyProgressLine(last)}`
  })
  const started = Date.now()
  const summary = yield* applyPlan(options.plan, {
    force: options.force,
    planFile: options.planFile,
    onProgress: (progress) => {
      last = progress
    }
  }).pipe(
    Effect.onError(() => line.finish()),
    Effect.onInterrupt(() =>
      Console.error(`${options.what} interrupted: the journal holds what was done; run the same command to resume`)
    ),
    Effect.provide(Layer.merge(clientLayer(options.replicaFile), journal))
  )
  yield* line.finish(applySummaryLine(summary, options.what, Date.now() - started))
  if (summary.cancelled) return yield* new CommandFailure({ message: `${options.what} cancelled`, code: ExitCode.Interrupted })
  if (isIncomplete(summary)) {
    return yield* new CommandFailure({
      message: `${summary.conflicts} conflicts and ${summary.failed} failed rows were left out` +
        (options.log === undefined ? " (--log FILE lists them)" : ` (listed in ${options.log})`) +
        (summary.conflicts > 0 && !options.force ? "; --force writes over conflicts" : ""),
      code: ExitCode.Incomplete
    })
  }
})
