import { CreateOrUpdateCompanyRequest, UpdateCompanyRequest, validateRequest } from "@intercom-explorer/core"
import { Result } from "effect"
import { customKey, isCustomField } from "../FieldValues.js"

// Every value is checked with the request schema the write will be checked with, one field at a
// time, so each message can name its column and the messages are the edit boxes' own.

const validateUpdate = validateRequest(UpdateCompanyRequest)
const validateUpsert = validateRequest(CreateOrUpdateCompanyRequest)

// A big file repeats its values (plan names, sizes, one attribute value for thousands of rows):
// each distinct scalar is checked once. Bounded, so a file of unique names does not grow it forever.
const MEMO_LIMIT = 10_000
const memo = new Map<string, ReadonlyArray<string>>()

const check = (field: string, value: unknown): ReadonlyArray<string> => {
  const body = isCustomField(field) ? { custom_attributes: { [customKey(field)]: value } } : { [field]: value }
  const result = validateUpdate(body)
  return Result.isFailure(result) ? result.failure.issues : []
}

/** The request schema's messages for one field's value (empty when it is valid). */
export const fieldProblems = (field: string, value: unknown): ReadonlyArray<string> => {
  if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") return check(field, value)
  const key = `${field}\u0000${typeof value}\u0000${String(value)}`
  const known = memo.get(key)
  if (known !== undefined) return known
  const problems = check(field, value)
  if (memo.size >= MEMO_LIMIT) memo.clear()
  memo.set(key, problems)
  return problems
}

/** The upsert schema's messages for a new company's `company_id`. */
export const companyIdProblems = (companyId: string): ReadonlyArray<string> => {
  const result = validateUpsert({ company_id: companyId })
  return Result.isFailure(result) ? result.failure.issues : []
}
