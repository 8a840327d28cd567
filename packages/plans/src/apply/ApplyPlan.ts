import path from "node:path"
import {
  type Companies,
  type DataAttributes,
  describeError,
  inBackground,
  type IntercomError,
  type RequestExecutor,
  type Tags
} from "@intercom-explorer/core"
import { fetchAppId } from "@intercom-explorer/replica"
import { Effect, Result } from "effect"
import { ApplyStopped, type PlanError, PlanFileInvalid, planError, PlanWorkspaceMismatch } from "../PlanErrors.js"
import { type Operation, type Plan, withAttributeExclusions } from "../PlanFile.js"
import { Journal, type JournalShape, type OperationRecord, type OperationState, planChanged } from "../journal/Journal.js"
import { planHash } from "../journal/PlanHash.js"
import { type AttributeOutcome, attributeOutcomes, createPlanAttributes } from "./AttributeCreation.js"
import { makeCurrentState } from "./CurrentState.js"
import { beforeImageOf, checkOperation, describeConflicts } from "./OperationCheck.js"
import { requestCount, writeFor } from "./OperationWrite.js"

// Applies a plan through the journal: each operation is read, checked against the plan's
// before-image, recorded as `sent` with its body, written, and recorded with its outcome, in plan
// order, on core's background pacing lane. A finished plan is answered from the journal alone.

export interface ApplyProgress {
  readonly total: number
  readonly done: number
  readonly applied: number
  readonly unchanged: number
  readonly conflicts: number
  readonly failed: number
  readonly requestsPerSecond: number
  readonly secondsLeft: number | undefined
}

export interface ApplyOptions {
  /** Write over conflicts. */
  readonly force?: boolean | undefined
  /** Recorded in the journal. */
  readonly planFile?: string | undefined
  readonly onProgress?: ((progress: ApplyProgress) => void) | undefined
  /** Cancel: stops after the write in flight; the journal keeps the rest for a resume. */
  readonly signal?: AbortSignal | undefined
}

export interface ApplySummary {
  readonly planId: string
  /** Operations not excluded. */
  readonly total: number
  readonly applied: number
  readonly unchanged: number
  readonly conflicts: number
  readonly invalid: number
  readonly failed: number
  readonly excluded: number
  /** The plan's custom attributes: created (by this apply), already there, or excluded by the reviewer. */
  readonly attributes: ReadonlyArray<AttributeOutcome>
  readonly cancelled: boolean
  readonly alreadyFinished: boolean
  readonly resumed: boolean
}

/** After this many rows in a row failed with errors a retry could cure, Intercom is taken to be down: stop (resumable). */
const CONSECUTIVE_TRANSIENT_LIMIT = 5

type Counts = Record<OperationState, number>

const countStates = (records: ReadonlyArray<OperationRecord>): Counts => {
  const counts: Counts = { pending: 0, sent: 0, applied: 0, unchanged: 0, conflict: 0, failed: 0, excluded: 0 }
  for (const record of records) counts[record.state]++
  return counts
}

const labelOf = (plan: Plan): string => {
  const source = plan.source
  switch (source.kind) {
    case "file":
      return path.basename(source.file)
    case "query":
      return source.query === "" ? "all companies" : source.query
    case "undo":
      return `undo of ${source.of}`
  }
}

const summaryOf = (
  plan: Plan,
  counts: Counts,
  attributes: ReadonlyArray<AttributeOutcome>,
  flags: { readonly cancelled: boolean; readonly alreadyFinished: boolean; readonly resumed: boolean }
): ApplySummary => ({
  planId: plan.id,
  total: plan.operations.length - counts.excluded,
  applied: counts.applied,
  unchanged: counts.unchanged,
  conflicts: counts.conflict,
  invalid: plan.invalid.length,
  failed: counts.failed,
  excluded: counts.excluded,
  attributes,
  ...flags
})

const stopped = (planId: string, detail: string) => planError(new ApplyStopped({ planId, detail }))

/** Failures no other row would escape: the token is refused. */
const stopsTheApply = (error: IntercomError) => error.reason._tag === "Unauthorized" || error.reason._tag === "Forbidden"

const codeOf = (error: IntercomError): string | null =>
  error.code ?? (error.reason._tag === "NotFound" || error.reason._tag === "BadRequest" ? error.reason.code : null)

const run = Effect.fnUntraced(function*(
  plan: Plan,
  options: ApplyOptions,
  journal: JournalShape,
  hash: string,
  retry: boolean
) {
  if (plan.workspace.appId !== null) {
    const appId = yield* fetchAppId().pipe(
      Effect.mapError((error) => stopped(plan.id, `could not read the workspace (GET /me): ${describeError(error)}`))
    )
    if (appId !== plan.workspace.appId) {
      return yield* planError(new PlanWorkspaceMismatch({ planAppId: plan.workspace.appId, appId }))
    }
  }
  const { resumed } = yield* journal.begin(plan, {
    kind: plan.source.kind === "undo" ? "undo" : "apply",
    planFile: options.planFile ?? null,
    label: labelOf(plan),
    hash
  })
  // Under the lock: a finished apply run again retries its failed rows (and, forced, its conflicts).
  if (retry) yield* journal.reopen(plan.id, { conflicts: options.force === true })
  // Before any company write: Intercom drops writes to an attribute that is not defined.
  yield* createPlanAttributes(plan, journal)
  const records = yield* journal.operations(plan.id)
  const counts = countStates(records)
  const operations = new Map<number, Operation>(plan.operations.map((op) => [op.seq, op]))
  const todo = records.filter((r) => r.state === "pending" || r.state === "sent")
  const total = records.length - counts.excluded
  const force = options.force === true
  const state = yield* makeCurrentState()
  let reads = todo.filter((r) => operations.get(r.seq)?.id != null).length
  let writes = 0
  let doneNow = 0
  let transientInARow = 0
  let cancelled = false
  const started = Date.now()

  const report = () => {
    if (options.onProgress === undefined) return
    const seconds = (Date.now() - started) / 1000
    const left = todo.length - doneNow
    options.onProgress({
      total,
      done: counts.applied + counts.unchanged + counts.conflict + counts.failed,
      applied: counts.applied,
      unchanged: counts.unchanged,
      conflicts: counts.conflict,
      failed: counts.failed,
      requestsPerSecond: seconds > 0 ? (state.requests() + writes) / seconds : 0,
      secondsLeft: doneNow > 0 ? (left * seconds) / doneNow : undefined
    })
  }

  const finishWith = (record: OperationRecord, outcome: Parameters<JournalShape["finishOperation"]>[2]) =>
    Effect.gen(function*() {
      yield* journal.finishOperation(plan.id, record.seq, outcome)
      counts[record.state]--
      counts[outcome.state]++
      doneNow++
      transientInARow = outcome.state === "failed" ? transientInARow : 0
    })

  /** A failed request: the row fails (with Intercom's code and request_id), or the apply stops. */
  const failedRequest = (record: OperationRecord, error: IntercomError) =>
    Effect.gen(function*() {
      if (stopsTheApply(error)) return yield* stopped(plan.id, describeError(error))
      yield* finishWith(record, { state: "failed", error: describeError(error), code: codeOf(error), requestId: error.requestId ?? null })
      transientInARow = error.isRetryable ? transientInARow + 1 : 0
      if (transientInARow >= CONSECUTIVE_TRANSIENT_LIMIT) {
        return yield* stopped(plan.id, `${transientInARow} operations in a row failed; the last: ${describeError(error)}`)
      }
    })

  const applyOne = (record: OperationRecord, op: Operation) =>
    Effect.gen(function*() {
      if (op.id !== null) reads--
      const read = yield* Effect.result(state.read(op, reads + 1))
      if (Result.isFailure(read)) return yield* failedRequest(record, read.failure)
      const company = read.success
      const check = checkOperation(op, company, force)
      switch (check._tag) {
        case "Conflict":
          return yield* finishWith(record, { state: "conflict", conflicts: check.conflicts, error: describeConflicts(check.conflicts) })
        case "Unchanged":
          // A `sent` one at its after-state was written by an earlier run that was killed before it heard back.
          return yield* finishWith(record, {
            state: record.state === "sent" ? "applied" : "unchanged",
            resultId: company?.id ?? op.id,
            updatedAt: company?.updated_at ?? null
          })
        case "Write": {
          const write = writeFor(op, company, check.fields, check.tags)
          if (Result.isFailure(write)) return yield* finishWith(record, { state: "failed", error: write.failure })
          yield* journal.markSent(plan.id, record.seq, write.success.body, beforeImageOf(op, company))
          counts[record.state]--
          counts.sent++
          const sentRecord: OperationRecord = { ...record, state: "sent" }
          writes += requestCount(write.success.body)
          const answer = yield* Effect.result(write.success.send)
          if (Result.isFailure(answer)) return yield* failedRequest(sentRecord, answer.failure)
          return yield* finishWith(sentRecord, { state: "applied", ...answer.success })
        }
      }
    })

  report()
  for (const record of todo) {
    if (options.signal?.aborted === true) {
      cancelled = true
      break
    }
    const op = operations.get(record.seq)
    if (op === undefined) {
      return yield* planError(new PlanFileInvalid({ file: options.planFile ?? plan.id, detail: `operation ${record.seq} is missing` }))
    }
    yield* applyOne(record, op)
    report()
  }
  if (!cancelled) yield* journal.finish(plan.id)
  const attributes = attributeOutcomes(plan, yield* journal.attributes(plan.id))
  return summaryOf(plan, countStates(yield* journal.operations(plan.id)), attributes, { cancelled, alreadyFinished: false, resumed })
})

/**
 * Applies `plan` (or resumes its apply) through the journal in context. The plan's custom
 * attributes are created first (journalled; an excluded one is not, and its key's changes are left
 * out: Intercom would drop them). Conflicts are skipped and
 * reported unless `force`; a failed row is recorded and the apply goes on; a refused token stops it
 * (ApplyStopped, resumable). A plan the journal has finished is answered without any request,
 * unless it left failed rows (they are tried again) or conflicts and `force` is given (written now).
 */
export const applyPlan = Effect.fn("applyPlan")(function*(
  file: Plan,
  options: ApplyOptions = {}
): Effect.fn.Return<ApplySummary, PlanError, Companies | Tags | DataAttributes | RequestExecutor | Journal> {
  const journal = yield* Journal
  // The journal knows the plan by the file's hash; the apply runs it with the attribute exclusions.
  const hash = planHash(file)
  const plan = withAttributeExclusions(file)
  const known = yield* journal.find(plan.id)
  if (known !== undefined && known.hash !== hash) return yield* planChanged(plan, options.planFile)
  const finished = known !== undefined && known.record.finishedAt !== null
  // Once an undo of it began, a plan's leftovers are not retried: the undo was built from this apply.
  const undone = finished && (yield* journal.find(`undo-${plan.id}`)) !== undefined
  const retry = finished && !undone && (known.record.failed > 0 || (options.force === true && known.record.conflicts > 0))
  if (finished && !retry) {
    const records = yield* journal.operations(plan.id)
    const attributes = attributeOutcomes(plan, yield* journal.attributes(plan.id))
    return summaryOf(plan, countStates(records), attributes, { cancelled: false, alreadyFinished: true, resumed: false })
  }
  return yield* Effect.scoped(inBackground(run(plan, options, journal, hash, retry)))
})
