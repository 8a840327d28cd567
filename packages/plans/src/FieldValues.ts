import type { Company } from "@intercom-explorer/core"
import { type FieldValue, STANDARD_FIELDS, type StandardField } from "./PlanFile.js"

// The one reading of a company's field as a plan sees it: the before-image a plan records and the
// value the apply compares against must come from the same function, or every row would conflict.

const CUSTOM_PREFIX = "custom."

/** `name`, `plan`, `size`, `website`, `industry` or `monthly_spend`. */
export const isStandardField = (field: string): field is StandardField =>
  (STANDARD_FIELDS as ReadonlyArray<string>).includes(field)

/** `custom.KEY` with a non-empty KEY. */
export const isCustomField = (field: string): boolean =>
  field.startsWith(CUSTOM_PREFIX) && field.length > CUSTOM_PREFIX.length

/** The attribute key of a `custom.KEY` field. */
export const customKey = (field: string): string => field.slice(CUSTOM_PREFIX.length)

/** The `custom.KEY` field of an attribute key. */
export const customField = (key: string): string => CUSTOM_PREFIX + key

// Stored custom values may be any JSON (the API's own examples); a plan only holds scalars, so an
// object or array reads as its JSON text (it then never equals a planned scalar: a conflict, not a loss).
const asFieldValue = (value: unknown): FieldValue =>
  value === undefined || value === null
    ? null
    : typeof value === "string" || typeof value === "number" || typeof value === "boolean"
    ? value
    : JSON.stringify(value)

/**
 * Two values of a field are the same when both are null or both read the same as text: Intercom
 * answers `size: 100` to a plan that says "100", and that is the value the plan meant. An object or
 * array (a custom attribute's stored JSON, an NDJSON cell) compares as its JSON text.
 */
export const sameValue = (a: unknown, b: unknown): boolean => {
  const x = asFieldValue(a)
  const y = asFieldValue(b)
  return x === null || y === null ? x === y : x === y || String(x) === String(y)
}

/** Whether a standard field's value is empty: Intercom cannot set it back to that (null means "not sent"). */
export const isEmptyStandardValue = (value: FieldValue): boolean => value === null || value === ""

/**
 * A company's current value of a plan field: a standard field's value (the plan's name for `plan`),
 * `custom.KEY` from its custom attributes; missing or unset is null.
 */
export const currentValue = (company: Company, field: string): FieldValue => {
  if (isCustomField(field)) return asFieldValue(company.custom_attributes?.[customKey(field)])
  switch (field) {
    case "plan":
      return asFieldValue(company.plan?.name)
    case "name":
    case "size":
    case "website":
    case "industry":
    case "monthly_spend":
      return asFieldValue(company[field])
    default:
      return null
  }
}

/** Whether the company carries the tag, by name ignoring case (Intercom's tag names are case-insensitive). */
export const hasTag = (company: Company, name: string): boolean => {
  const wanted = name.toLowerCase()
  return (company.tags?.tags ?? []).some((tag) => tag.name.toLowerCase() === wanted)
}
