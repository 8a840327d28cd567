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
