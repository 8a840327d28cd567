import type { Company } from "@intercom-explorer/core"
import { Replica, type ReplicaError } from "@intercom-explorer/replica"
import { Effect, Stream } from "effect"
import { planError, type PlanError, SourceInvalid } from "../PlanErrors.js"
import type { FieldValue, InvalidRow, Operation, Plan } from "../PlanFile.js"
import { type ColumnMappingOptions, type ColumnTarget, type MatchKey, resolveColumn } from "../source/ColumnMapping.js"
import { type SourceBatch, sourceBatches, sourceFormatOf } from "../source/SourceRecords.js"
import { customKey, isCustomField } from "../FieldValues.js"
import { attributeChecker, knownAttributes } from "./AttributeCheck.js"
import { companyLabel, diffCompany } from "./CompanyDiff.js"
import { companyIdProblems } from "./FieldValidation.js"
import { assemblePlan } from "./PlanAssembly.js"
import { readRow, type RowRequest, rowReasons } from "./RowReading.js"

export interface PlanFromFileOptions {
  readonly file: string
  /** The column matching rows to companies: `company_id` (default) or Intercom's `id`. */
  readonly match?: "company_id" | "id" | undefined
  /** Rows with no match become creates (needs match company_id). */
  readonly create?: boolean | undefined
  /** Column -> field (`name`.., `custom.KEY`, `tags`, `ignore`, or the match key); overrides the column's name. */
  readonly mapping?: Readonly<Record<string, string>> | undefined
}

/** Rows looked up in the replica per query (one IN list each). */
const BATCH = 1000

/**
 * The plan of a CSV or NDJSON file against the replica: one operation per row that changes
 * something, before-images from the replica, each row validated with the request schemas (invalid
 * rows listed with every reason, left out). Fails with `SourceInvalid` (nothing planned) when the
 * file as a whole cannot be trusted: unreadable or unparsable, a wrong delimiter, no match column,
 * an unknown column, a key on two rows, or `create` with `match: "id"`.
 */
export const planFromFile: (options: PlanFromFileOptions) => Effect.Effect<Plan, PlanError | ReplicaError, Replica> = Effect.fn(
  "PlanFromFile.planFromFile"
)(function*(options: PlanFromFileOptions) {
  const file = options.file
  const match: MatchKey = options.match ?? "company_id"
  const create = options.create === true
  const format = sourceFormatOf(file)
  const fail = (detail: string, where: { row?: number; column?: string } = {}) =>
    Effect.fail(planError(new SourceInvalid({ file, detail, ...where })))
  if (create && match === "id") {
    return yield* fail("creating companies needs match company_id: a new company has no Intercom id yet")
  }

  const replica = yield* Replica
  const definitions = yield* replica.companyAttributes()
  const known = knownAttributes(yield* replica.customAttributes(), definitions)
  const checker = attributeChecker(definitions)
  const attributeProblem = (field: string, value: unknown) => (isCustomField(field) ? checker.problem(customKey(field), value) : undefined)
  const mappingOptions: ColumnMappingOptions = { match, mapping: options.mapping, known }
  const targets = new Map<string, ColumnTarget>()
  let matchColumn: string | undefined

  // Resolves every column of a header (CSV) or a record (NDJSON); the first unknown one fails the file.
  const resolveColumns = (columns: ReadonlyArray<string>, row: number | undefined) =>
    Effect.gen(function*() {
      for (const column of columns) {
        if (targets.has(column)) continue
        const target = resolveColumn(column, mappingOptions)
        if (target.kind === "unknown") return yield* fail(target.detail, { ...(row === undefined ? {} : { row }), column })
        if (target.kind === "match") {
          if (matchColumn !== undefined && matchColumn !== column) {
            return yield* fail(`both "${matchColumn}" and "${column}" are the ${match} column`, { column })
          }
          matchColumn = column
        }
        targets.set(column, target)
      }
    })
  const noMatchColumn = (row?: number) =>
    fail(
      `no ${match} column to match rows to companies${row === undefined ? "" : " on this line"} (name a column "${match}", or map one to it${match === "company_id" ? ", or match by id" : ""})`,
      row === undefined ? {} : { row }
    )

  const operations: Array<Operation> = []
  const invalid: Array<InvalidRow> = []
  let unchanged = 0
  const rowOfKey = new Map<string, number>()

  const planRow = (request: RowRequest, company: Company | undefined) => {
    // Only the values that change the company are validated: one it already holds is not sent
    // (an export fed back must not fail on a website Intercom took without checking).
    const { changes, tags } = diffCompany(company, request.values as ReadonlyMap<string, FieldValue>, request.tags)
    const reasons = [...rowReasons(request, company === undefined ? request.values.keys() : changes.map((c) => c.field), attributeProblem)]
    if (request.key !== null && company === undefined) {
      if (create) reasons.push(...companyIdProblems(request.key).map((p) => `column "${matchColumn}": ${p}`))
      else {
        reasons.push(`no company with ${match} ${JSON.stringify(request.key)} in the replica (${match === "company_id" ? "sync first, or use --create to create it" : "sync first"})`)
      }
    }
    if (reasons.length > 0) {
      invalid.push({ row: request.row, key: request.key, reasons })
      return
    }
    if (company !== undefined && changes.length === 0 && tags.length === 0) {
      unchanged++
      return
    }
    operations.push({
      seq: operations.length + 1,
      kind: company === undefined ? "create" : "update",
      id: company?.id ?? null,
      companyId: company === undefined ? request.key : company.company_id ?? null,
      label: companyLabel(company, request.values as ReadonlyMap<string, FieldValue>, request.key),
      updatedAt: company?.updated_at ?? null,
      changes,
      tags,
      row: request.row
    })
    checker.accept(changes, `row ${request.row}`)
  }

  const planBatch = (batch: SourceBatch) =>
    Effect.gen(function*() {
      if (batch.columns !== undefined) {
        yield* resolveColumns(batch.columns, 1)
        if (matchColumn === undefined) return yield* noMatchColumn()
      }
      if (batch.records.length === 0) return
      const requests: Array<RowRequest> = []
      for (const record of batch.records) {
        if (format === "ndjson") {
          yield* resolveColumns(Object.keys(record.cells), record.row)
          if (matchColumn === undefined || !(matchColumn in record.cells)) return yield* noMatchColumn(record.row)
        }
        const request = readRow(record, { format, matchColumn: matchColumn!, known, targetOf: (c) => targets.get(c)! })
        if (request.key !== null) {
          const earlier = rowOfKey.get(request.key)
          if (earlier !== undefined) {
            return yield* fail(`${match} ${JSON.stringify(request.key)} is on rows ${earlier} and ${request.row}`, { row: request.row, column: matchColumn! })
          }
          rowOfKey.set(request.key, request.row)
        }
        requests.push(request)
      }
      const keys = requests.flatMap((r) => (r.key === null ? [] : [r.key]))
      const companies = yield* replica.companiesByKey(keys, match)
      for (const request of requests) planRow(request, request.key === null ? undefined : companies.get(request.key))
    })

  yield* Stream.runForEach(sourceBatches(file, format, BATCH), planBatch)
  return yield* assemblePlan({
    source: { kind: "file", file, format, match, create },
    operations,
    invalid,
    unchanged,
    attributes: checker.attributes(),
    warnings: checker.warnings()
  })
})
