import { randomUUID } from "node:crypto"
import { readFile, rename, rm, writeFile } from "node:fs/promises"
import { requestValidationIssues } from "@intercom-explorer/core"
import { Effect, Result, Schema } from "effect"
import { OutputFailure, planError, type PlanError, PlanFileInvalid } from "./PlanErrors.js"
import { type Operation, operationKind, Plan, PLAN_FORMAT, PLAN_VERSION, type PlanSummary } from "./PlanFile.js"

// The plan file on disk: read with a detail precise enough to fix a hand-edited file, written
// atomically so a reviewer never opens half a plan.

const invalid = (file: string, detail: string) => planError(new PlanFileInvalid({ file, detail }))

// V8 says "... in JSON at position 123 (line 4 column 5)" or only the position: say the line either way.
const jsonProblem = (text: string, error: unknown): string => {
  const message = String((error as Error)?.message ?? error)
  const position = /at position (\d+)/.exec(message)
  const lineCol = /\(line (\d+) column \d+\)/.exec(message)
  const bare = message.replace(/\s*\(line \d+ column \d+\)/, "").replace(/\s*in JSON at position \d+/, "")
  if (lineCol !== null) return `not JSON: ${bare} at line ${lineCol[1]}`
  if (position !== null) return `not JSON: ${bare} at line ${text.slice(0, Number(position[1])).split("\n").length}`
  return `not JSON: ${bare}`
}

const decodePlan = Schema.decodeUnknownResult(Plan)

/** Parses and checks a plan file's text (`file` names it in the error). */
export const parsePlan = (file: string, text: string): Result.Result<Plan, PlanError> => {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    return Result.fail(invalid(file, jsonProblem(text, error)))
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) return Result.fail(invalid(file, "not a JSON object"))
  const { format, version } = json as { format?: unknown; version?: unknown }
  if (format !== PLAN_FORMAT) {
    return Result.fail(invalid(file, `format is not ${PLAN_FORMAT}${format === undefined ? " (no format)" : ` (it is ${JSON.stringify(format)})`}`))
  }
  if (typeof version === "number" && version > PLAN_VERSION) {
    return Result.fail(invalid(file, `version ${version} is newer than this version reads (${PLAN_VERSION})`))
  }
  if (version !== PLAN_VERSION) {
    return Result.fail(invalid(file, `version ${JSON.stringify(version)} is not a version this version reads (${PLAN_VERSION})`))
  }
  return Result.flatMap(
    Result.mapError(decodePlan(json, { errors: "all" }), (error) => invalid(file, requestValidationIssues(error).join("; "))),
    (plan) => {
      const problem = consistencyProblem(plan)
      return problem === undefined ? Result.succeed(plan) : Result.fail(invalid(file, problem))
    }
  )
}

/**
 * What the schema cannot say: each seq once and positive (the journal's key), a delete only in
 * an undo plan (no file made by hand or mailed around may delete companies), each attribute to
 * create once.
 */
const consistencyProblem = (plan: Plan): string | undefined => {
  const seen = new Set<number>()
  for (const [i, op] of plan.operations.entries()) {
    if (!Number.isSafeInteger(op.seq) || op.seq < 1) return `operations[${i}].seq must be a whole number from 1, not ${op.seq}`
    if (seen.has(op.seq)) return `operations[${i}].seq ${op.seq} appears twice`
    seen.add(op.seq)
    if (op.kind === "delete" && plan.source.kind !== "undo") return `operations[${i}] is a delete, which only an undo plan may hold`
  }
  const names = new Set<string>()
  for (const [i, attribute] of (plan.attributes ?? []).entries()) {
    if (names.has(attribute.name)) return `attributes[${i}] names ${JSON.stringify(attribute.name)} a second time`
    names.add(attribute.name)
  }
  return undefined
}

/** Reads a plan file. Fails with `PlanFileInvalid` saying what is wrong and where. */
export const readPlanFile = Effect.fn("PlanCodec.readPlanFile")(function*(file: string) {
  const text = yield* Effect.tryPromise({
    try: () => readFile(file, "utf8"),
    catch: (error) => invalid(file, `cannot read the file: ${(error as Error).message}`)
  })
  return yield* Result.match(parsePlan(file, text), { onFailure: Effect.fail, onSuccess: Effect.succeed })
})

/** Writes a plan file (2-space JSON): to a temporary file beside it, then renamed over it. */
export const writePlanFile = Effect.fn("PlanCodec.writePlanFile")(function*(file: string, plan: Plan) {
  const temporary = `${file}.${randomUUID().slice(0, 8)}.tmp`
  yield* Effect.tryPromise({
    try: async () => {
      try {
        await writeFile(temporary, JSON.stringify(plan, null, 2) + "\n", { encoding: "utf8", flush: true })
        await rename(temporary, file)
      } catch (error) {
        await rm(temporary, { force: true })
        throw error
      }
    },
    catch: (error) => planError(new OutputFailure({ file, detail: (error as Error).message }))
  })
})

/** The plan's counts. Excluded operations, and excluded changes within one, are not counted. */
export const summarizePlan = (operations: ReadonlyArray<Operation>, invalid: number, unchanged: number): PlanSummary => {
  const counts = { create: 0, update: 0, tagChange: 0, delete: 0, excluded: 0 }
  for (const operation of operations) counts[operationKind(operation)]++
  return { creates: counts.create, updates: counts.update, tagChanges: counts.tagChange, deletes: counts.delete, unchanged, invalid }
}
