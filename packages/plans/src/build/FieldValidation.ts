import { CreateOrUpdateCompanyRequest, UpdateCompanyRequest, validateRequest } from "@intercom-explorer/core"
import { Result } from "effect"
import { customKey, isCustomField } from "../FieldValues.js"

// Every value is checked with the request schema the write will be checked with, one field at a
// time, so each message can name its column and the messages are the edit boxes' own.

const validateUpdate = validateRequest(UpdateCompanyRequest)
const validateUpsert = validateRequest(CreateOrUpdateCompanyRequest)

/** The request schema's messages for one field's value (empty when it is valid). */
export const fieldProblems = (field: string, value: unknown): ReadonlyArray<string> => {
  const body = isCustomField(field) ? { custom_attributes: { [customKey(field)]: value } } : { [field]: value }
  const result = validateUpdate(body)
  return Result.isFailure(result) ? result.failure.issues : []
}

/** The upsert schema's messages for a new company's `company_id`. */
export const companyIdProblems = (companyId: string): ReadonlyArray<string> => {
  const result = validateUpsert({ company_id: companyId })
  return Result.isFailure(result) ? result.failure.issues : []
}
