import { CreateOrUpdateTagRequest, validateRequest } from "@intercom-explorer/core"
import type { CustomAttributeType } from "@intercom-explorer/replica"
import { Result } from "effect"
import { customField, isCustomField, isStandardField } from "../FieldValues.js"
import { AssignmentInvalid, planError, type PlanError } from "../PlanErrors.js"
import type { FieldValue } from "../PlanFile.js"
import { csvCellValue } from "./CellValues.js"
import { fieldProblems } from "./FieldValidation.js"

// `plan --query`'s assignments: the same value for every matching company, so one bad value
// refuses the whole plan rather than a row.

export interface Assignments {
  /** Field -> value, in the order given. */
  readonly values: ReadonlyMap<string, FieldValue>
  readonly tag: ReadonlyArray<string>
  readonly untag: ReadonlyArray<string>
  /** As the plan records them: `set plan=Pro`, `tag VIP`, `untag Churned`. */
  readonly recorded: ReadonlyArray<string>
}

const validateTag = validateRequest(CreateOrUpdateTagRequest)

const refuse = (assignment: string, detail: string): Result.Result<never, PlanError> =>
  Result.fail(planError(new AssignmentInvalid({ assignment, detail })))

/**
 * Parses and validates the assignments; `known` types custom attribute values as the replica holds
 * them, and `more` checks a value beyond the request schema (a custom attribute's defined type).
 */
export const parseAssignments = (
  input: { readonly set?: ReadonlyArray<string> | undefined; readonly tag?: ReadonlyArray<string> | undefined; readonly untag?: ReadonlyArray<string> | undefined },
  known: ReadonlyMap<string, CustomAttributeType>,
  more?: (field: string, value: unknown) => string | undefined
): Result.Result<Assignments, PlanError> => {
  const values = new Map<string, FieldValue>()
  const recorded: Array<string> = []
  for (const text of input.set ?? []) {
    const shown = `set ${text}`
    const equals = text.indexOf("=")
    if (equals <= 0) return refuse(shown, "an assignment is FIELD=VALUE (e.g. plan=Pro, custom.tier=gold)")
    const name = text.slice(0, equals).trim()
    const value = text.slice(equals + 1)
    const field = isStandardField(name.toLowerCase())
      ? name.toLowerCase()
      : isCustomField(name)
      ? name
      : known.has(name)
      ? customField(name)
      : undefined
    if (field === undefined) {
      return refuse(shown, `unknown field "${name}": not name, plan, size, website, industry, monthly_spend, nor a custom attribute defined in Intercom or held by a company in the replica (write custom.${name} to set a new one)`)
    }
    if (values.has(field)) return refuse(shown, `${field} is set twice`)
    if (value === "") {
      if (!isCustomField(field)) return refuse(shown, `Intercom cannot clear ${field}`)
      values.set(field, null)
    } else {
      const cell = csvCellValue(field, value, known)
      if (cell.kind === "invalid") return refuse(shown, cell.reason)
      if (cell.kind === "set") {
        const problems = fieldProblems(field, cell.value)
        if (problems.length > 0) return refuse(shown, problems.join("; "))
        const extra = more?.(field, cell.value)
        if (extra !== undefined) return refuse(shown, extra)
        values.set(field, cell.value as FieldValue)
      }
    }
    recorded.push(shown)
  }
  const tagNames = (names: ReadonlyArray<string>, verb: "tag" | "untag"): Result.Result<ReadonlyArray<string>, PlanError> => {
    const out: Array<string> = []
    for (const name of names) {
      const check = validateTag({ name })
      if (Result.isFailure(check)) return refuse(`${verb} ${name}`, check.failure.message)
      if (!out.some((n) => n.toLowerCase() === name.toLowerCase())) out.push(name)
      recorded.push(`${verb} ${name}`)
    }
    return Result.succeed(out)
  }
  const tag = tagNames(input.tag ?? [], "tag")
  if (Result.isFailure(tag)) return Result.fail(tag.failure)
  const untag = tagNames(input.untag ?? [], "untag")
  if (Result.isFailure(untag)) return Result.fail(untag.failure)
  const both = tag.success.find((t) => untag.success.some((u) => u.toLowerCase() === t.toLowerCase()))
  if (both !== undefined) return refuse(`untag ${both}`, `"${both}" is both added and removed`)
  return Result.succeed({ values, tag: tag.success, untag: untag.success, recorded })
}
