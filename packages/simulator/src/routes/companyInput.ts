import type { Types } from "effect"
import { badParameter, parameterInvalid } from "../server/ApiError.js"
import type { CustomAttributes } from "../state/Records.js"
import { idValue } from "../server/RequestContext.js"
import type { CompanyChanges } from "../state/Workspace.js"

// Company request bodies: POST /companies (create_or_update_company_request) and PUT
// /companies/{id} (update_company_request, added to the spec in 2.14; 2.11 documents no body).
// Intercom rejects a key it does not know with 400 bad_request "bad 'key' parameter" (the spec's
// own example), which is what catches typos like `custom_attribute`. `null` counts as "not sent".

const UPDATE_KEYS: ReadonlySet<string> = new Set([
  "name",
  "company_id",
  "plan",
  "size",
  "website",
  "industry",
  "custom_attributes",
  "remote_created_at",
  "monthly_spend"
])
/** Creating (or upserting) also takes the one flag an update does not. */
const CREATE_KEYS: ReadonlySet<string> = new Set([...UPDATE_KEYS, "update_last_request_at"])

const INT32_MAX = 2 ** 31 - 1

const str = (body: Record<string, unknown>, key: string): string | undefined => {
  const value = body[key]
  if (value === undefined || value === null) return undefined
  if (typeof value !== "string") throw parameterInvalid(`${key} must be a string`, key)
  return value
}

/** Integers, also as numeric strings (the spec's own example sends size as '100'). */
const int = (body: Record<string, unknown>, key: string): number | undefined => {
  const value = body[key]
  if (value === undefined || value === null) return undefined
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value
  if (typeof n !== "number" || !Number.isFinite(n)) throw parameterInvalid(`${key} must be an integer`, key)
  return Math.trunc(n)
}

const customAttributes = (body: Record<string, unknown>): CustomAttributes | undefined => {
  const value = body["custom_attributes"]
  if (value === undefined || value === null) return undefined
  if (typeof value !== "object" || Array.isArray(value)) {
    throw parameterInvalid("custom_attributes must be an object", "custom_attributes")
  }
  const result: CustomAttributes = {}
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (v !== null && typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") {
      throw parameterInvalid(`custom attribute '${key}' must be a string, number, boolean or null`, key)
    }
    result[key] = v
  }
  return result
}

const changesFrom = (body: Record<string, unknown>): Types.Mutable<CompanyChanges> => {
  const changes: Types.Mutable<CompanyChanges> = {}
  const name = str(body, "name")
  if (name !== undefined) changes.name = name
  const plan = str(body, "plan")
  if (plan !== undefined) changes.plan = plan
  const size = int(body, "size")
  if (size !== undefined) {
    if (size < 0) throw parameterInvalid("size must not be negative", "size")
    changes.size = size
  }
  const website = str(body, "website")
  if (website !== undefined) changes.website = website
  const industry = str(body, "industry")
  if (industry !== undefined) changes.industry = industry
  const attrs = customAttributes(body)
  if (attrs !== undefined) changes.customAttributes = attrs
  const spend = int(body, "monthly_spend")
  if (spend !== undefined) {
    if (spend < 0 || spend > INT32_MAX) {
      throw parameterInvalid(`monthly_spend must be between 0 and ${INT32_MAX}`, "monthly_spend")
    }
    changes.monthlySpend = spend
  }
  const remote = int(body, "remote_created_at")
  if (remote !== undefined) changes.remoteCreatedAt = remote
  return changes
}

const rejectUnknown = (body: Record<string, unknown>, allowed: ReadonlySet<string>): void => {
  for (const key of Object.keys(body)) if (!allowed.has(key)) throw badParameter(key)
}

interface UpsertInput {
  readonly companyId: string | undefined
  readonly changes: CompanyChanges
}

export const parseUpsert = (body: Record<string, unknown>): UpsertInput => {
  rejectUnknown(body, CREATE_KEYS)
  const rawId = body["company_id"]
  const companyId = idValue(rawId)
  if (companyId === undefined && rawId !== undefined && rawId !== null && rawId !== "") {
    throw parameterInvalid("company_id must be a string", "company_id")
  }
  const changes = changesFrom(body)
  const touch = body["update_last_request_at"]
  if (touch !== undefined && touch !== null && typeof touch !== "boolean") {
    throw parameterInvalid("update_last_request_at must be a boolean", "update_last_request_at")
  }
  if (touch === true) changes.touchLastRequest = true
  return { companyId, changes }
}

/** PUT body; `company_id` may be echoed back unchanged but never changed. */
export const parseUpdate = (body: Record<string, unknown>, currentCompanyId: string): CompanyChanges => {
  rejectUnknown(body, UPDATE_KEYS)
  const sent = body["company_id"]
  if (sent !== undefined && sent !== null && String(sent) !== currentCompanyId) {
    throw parameterInvalid("company_id cannot be updated", "company_id")
  }
  return changesFrom(body)
}
