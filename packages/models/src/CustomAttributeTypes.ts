import type { DataAttribute, DataAttributeDataType } from "./DataAttribute.js"

// Intercom keeps a company custom attribute only when it is defined (GET /data_attributes) and the
// value has the defined type; anything else is answered 200 and silently dropped. These are the
// checks every editor (the company document, the edit command, plans) runs before a request.

/** The types an attribute can be created with from a value (`datetime` is never inferred). */
export type InferredDataType = Exclude<DataAttributeDataType, "datetime">

/** The company custom attributes a list defines (custom, not archived), by name. */
export const definedCompanyAttributes = (list: ReadonlyArray<DataAttribute>): ReadonlyMap<string, DataAttribute> =>
  new Map(
    list
      .filter((a) => a.custom === true && a.archived !== true && (a.model === undefined || a.model === "company"))
      .map((a) => [a.name, a])
  )

// Intercom reads an integer under a key ending in _at or _date as a date (unix seconds).
const DATE_KEY = /(_at|_date)$/

/**
 * The type Intercom would give a new attribute from its first value: true/false boolean, a whole
 * number integer (date when the key ends in `_at` or `_date`), other numbers float, the rest string.
 */
export const inferDataType = (key: string, value: unknown): InferredDataType =>
  typeof value === "boolean"
    ? "boolean"
    : typeof value === "number"
    ? Number.isInteger(value) ? DATE_KEY.test(key) ? "date" : "integer" : "float"
    : "string"

const TYPE_NAMES: Record<DataAttributeDataType, string> = {
  string: "text",
  integer: "a whole number",
  float: "a number",
  boolean: "true or false",
  date: "a date in unix seconds",
  datetime: "a date in unix seconds"
}

/** How a type is named to a person ("a whole number"). */
export const dataTypeDescription = (type: DataAttributeDataType): string => TYPE_NAMES[type]

const hasType = (type: DataAttributeDataType, value: unknown): boolean => {
  switch (type) {
    case "string":
      return typeof value === "string"
    case "integer":
      return typeof value === "number" && Number.isSafeInteger(value)
    case "float":
      return typeof value === "number" && Number.isFinite(value)
    case "boolean":
      return typeof value === "boolean"
    case "date":
    case "datetime":
      return typeof value === "number" && Number.isSafeInteger(value) && value >= 0
  }
}

/**
 * Why `value` cannot be written to the defined attribute `attribute`, or undefined when it can.
 * null clears an attribute of any type. A list attribute (options) takes one of its options.
 */
export const customAttributeValueProblem = (attribute: DataAttribute, value: unknown): string | undefined => {
  if (value === null) return undefined
  const where = `custom.${attribute.name}`
  if (!hasType(attribute.data_type, value)) {
    return `${where} must be ${TYPE_NAMES[attribute.data_type]} (Intercom defines it as ${attribute.data_type}); got ${JSON.stringify(value)}`
  }
  const options = attribute.options
  if (options !== undefined && options.length > 0 && typeof value === "string" && !options.includes(value)) {
    return `${where} must be one of ${options.map((o) => JSON.stringify(o)).join(", ")}; got ${JSON.stringify(value)}`
  }
  return undefined
}

/** The flag on a key that is not defined. */
export const undefinedAttributeMessage = (key: string): string =>
  `custom.${key} is not defined in Intercom, which ignores writes to undefined attributes: create it first`

/** What a write of `attributes` would do per key, against the defined attributes. */
export interface CustomAttributeCheck {
  /** Keys with a value of the wrong type (or not one of a list's options), with the message. */
  readonly wrongType: ReadonlyArray<{ readonly key: string; readonly message: string }>
  /** Keys that are not defined, with the type they would be created with. */
  readonly undefinedKeys: ReadonlyArray<{ readonly key: string; readonly type: InferredDataType }>
}

export const checkCustomAttributes = (
  defined: ReadonlyMap<string, DataAttribute>,
  attributes: Readonly<Record<string, unknown>>
): CustomAttributeCheck => {
  const wrongType: Array<{ key: string; message: string }> = []
  const undefinedKeys: Array<{ key: string; type: InferredDataType }> = []
  for (const [key, value] of Object.entries(attributes)) {
    const attribute = defined.get(key)
    if (attribute === undefined) {
      // Clearing an attribute that does not exist changes nothing and needs no definition.
      if (value !== null) undefinedKeys.push({ key, type: inferDataType(key, value) })
      continue
    }
    const message = customAttributeValueProblem(attribute, value)
    if (message !== undefined) wrongType.push({ key, message })
  }
  return { wrongType, undefinedKeys }
}
