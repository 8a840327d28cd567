import { closeSync, fsyncSync, openSync, renameSync, writeSync } from "node:fs"
import { csvRecord } from "@intercom-explorer/core"
import { Effect, Stream } from "effect"
import { OutputFailure, type PlanError, planError } from "../PlanErrors.js"
import type { Plan } from "../PlanFile.js"
import { Journal, type OperationRecord } from "../journal/Journal.js"

// The result of an apply, row by row: every operation with the outcome the journal holds, then the
// plan's invalid rows with their reasons, as CSV or NDJSON.

export type RowOutcome = "applied" | "unchanged" | "conflict" | "invalid" | "failed" | "excluded"

export interface RowResult {
  readonly seq: number | null
  readonly row: number | null
  readonly id: string | null
  readonly companyId: string | null
  readonly label: string
  readonly outcome: RowOutcome
  readonly detail: string | null
  readonly code: string | null
  readonly requestId: string | null
}

/** Operations the apply has not finished yet (cancelled, stopped or never run) read as failed, saying so. */
const NOT_YET = "not applied yet: the apply stopped before this operation; run it again to resume"

const outcomeOf = (record: OperationRecord | undefined): Pick<RowResult, "outcome" | "detail" | "code" | "requestId"> => {
  if (record === undefined || record.state === "pending" || record.state === "sent") {
    return { outcome: "failed", detail: NOT_YET, code: null, requestId: null }
  }
  return { outcome: record.state, detail: record.error, code: record.code, requestId: record.requestId }
}

/** Every operation of `plan` with its outcome in the journal, then the plan's invalid rows. */
export const rowResults = (plan: Plan): Stream.Stream<RowResult, PlanError, Journal> =>
  Stream.unwrap(Effect.gen(function*() {
    const journal = yield* Journal
    const records = new Map((yield* journal.operations(plan.id)).map((r) => [r.seq, r]))
    const keyIsId = plan.source.kind === "file" && plan.source.match === "id"
    const operations = plan.operations.map((op): RowResult => {
      const record = records.get(op.seq)
      return {
        seq: op.seq,
        row: op.row ?? null,
        id: record?.resultId ?? op.id,
        companyId: op.companyId,
        label: op.label,
        ...outcomeOf(record)
      }
    })
    const invalid = plan.invalid.map((row): RowResult => ({
      seq: null,
      row: row.row,
      id: keyIsId ? row.key : null,
      companyId: keyIsId ? null : row.key,
      label: "",
      outcome: "invalid",
      detail: row.reasons.join("; "),
      code: null,
      requestId: null
    }))
    return Stream.fromIterable([...operations, ...invalid])
  }))

const CSV_HEADER = ["seq", "row", "id", "company_id", "label", "outcome", "detail", "code", "request_id"]

const csvLine = (r: RowResult) => csvRecord([r.seq, r.row, r.id, r.companyId, r.label, r.outcome, r.detail, r.code, r.requestId])

const ndjsonLine = (r: RowResult) =>
  JSON.stringify({
    seq: r.seq,
    row: r.row,
    id: r.id,
    company_id: r.companyId,
    label: r.label,
    outcome: r.outcome,
    detail: r.detail,
    code: r.code,
    request_id: r.requestId
  }) + "\n"

/**
 * Writes the result log of `plan` to `file` (written beside it and renamed into place, so a reader
 * never sees half a log); returns the number of rows.
 */
export const writeResultLog = Effect.fn("ResultLog.writeResultLog")(function*(
  plan: Plan,
  file: string,
  format: "csv" | "ndjson"
) {
  const temp = `${file}.${process.pid}.tmp`
  const fail = (cause: unknown) =>
    planError(new OutputFailure({ file, detail: cause instanceof Error ? cause.message : String(cause) }))
  const fd = yield* Effect.try({ try: () => openSync(temp, "w", 0o600), catch: fail })
  const write = (text: string) => Effect.try({ try: () => void writeSync(fd, text), catch: fail })
  const rows = yield* Effect.gen(function*() {
    if (format === "csv") yield* write(csvRecord(CSV_HEADER))
    return yield* rowResults(plan).pipe(
      Stream.runFoldEffect(() => 0, (n, row) => Effect.as(write(format === "csv" ? csvLine(row) : ndjsonLine(row)), n + 1))
    )
  }).pipe(Effect.ensuring(Effect.sync(() => closeSync(fd))))
  yield* Effect.try({
    try: () => {
      const again = openSync(temp, "r")
      fsyncSync(again)
      closeSync(again)
      renameSync(temp, file)
    },
    catch: fail
  })
  return rows
})
