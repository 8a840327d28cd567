// Pure: the company fields an edit can change, and the one validation of what is typed: the models'
// `validateRequest` with their request schemas (UpdateCompanyRequest, CreateOrUpdateCompanyRequest,
// TagName), here, where the user's input becomes a request. The input box says exactly what the
// client would refuse, in the models' words, and what it accepts is the validated request core's
// services take as they are (they do not check it again).
import {
  CreateOrUpdateCompanyRequest,
  customAttributeValueProblem,
  type DataAttribute,
  DataAttributeName,
  TagName,
  UpdateCompanyRequest,
  validateRequest
} from "@intercom-explorer/core"
import * as Result from "effect/Result"
import type * as Schema from "effect/Schema"
import type { CompanyRow } from "../tree/model/CompanyRow"

export type EditableField = "name" | "plan" | "size" | "website" | "industry" | "monthly_spend"

export interface FieldSpec {
  readonly field: EditableField
  readonly label: string
  readonly prompt: string
  readonly placeHolder: string
  readonly current: (row: CompanyRow) => string | undefined
}

export const FIELDS: ReadonlyArray<FieldSpec> = [
  { field: "name", label: "Name", prompt: "The company's name.", placeHolder: "Acme Inc", current: (r) => r.name },
  { field: "plan", label: "Plan", prompt: "The name of the company's plan.", placeHolder: "Pro", current: (r) => r.plan },
  {
    field: "size",
    label: "Size",
    prompt: "The number of employees, a whole number.",
    placeHolder: "120",
    current: (r) => (r.size === undefined ? undefined : String(r.size))
  },
  { field: "website", label: "Website", prompt: "The company's web address.", placeHolder: "https://example.com", current: (r) => r.website },
  { field: "industry", label: "Industry", prompt: "The company's industry.", placeHolder: "Software", current: (r) => r.industry },
  {
    field: "monthly_spend",
    label: "Monthly spend",
    prompt: "What the company pays per month, a whole number (0 to 2147483647).",
    placeHolder: "1200",
    current: (r) => (r.monthlySpend === undefined ? undefined : String(r.monthlySpend))
  }
]

export const fieldSpec = (field: EditableField): FieldSpec => FIELDS.find((f) => f.field === field)!

/** A decimal number as a number; anything else is passed on as text so the schema explains it. */
const numberOrText = (input: string): number | string => (/^-?\d+(\.\d+)?$/.test(input.trim()) ? Number(input.trim()) : input)

/** The value typed into the box, in the request's wire form (size stays text: the schema reads digits). */
const rawValue = (field: EditableField, input: string): unknown => (field === "monthly_spend" ? numberOrText(input) : input)

export type Parsed<A> = { readonly ok: true; readonly value: A } | { readonly ok: false; readonly message: string }

/** A request schema as a validator: the validated request, or every broken rule in one sentence. */
export const parserOf = <S extends Schema.Codec<unknown, unknown>>(schema: S) => {
  const validate = validateRequest(schema)
  return (input: unknown): Parsed<S["Type"]> => {
    const result = validate(input)
    return Result.isSuccess(result) ? { ok: true, value: result.success } : { ok: false, message: result.failure.message }
  }
}

/** `validateInput`'s answer: undefined when acceptable, else the sentence to show. */
const messageOf = (parsed: Parsed<unknown>): string | undefined => (parsed.ok ? undefined : parsed.message)

/** Validates a change with UpdateCompanyRequest; the changes (decoded) or the schema's sentence. */
export const parseUpdate: (changes: Record<string, unknown>) => Parsed<UpdateCompanyRequest> = parserOf(UpdateCompanyRequest)

/** One field typed into an input box. */
export const parseFieldInput = (field: EditableField, input: string): Parsed<UpdateCompanyRequest> =>
  parseUpdate({ [field]: rawValue(field, input) })

/** `validateInput` for a field: undefined when acceptable, else the sentence to show. */
export const validateField = (field: EditableField) => (input: string): string | undefined =>
  messageOf(parseFieldInput(field, input))

/**
 * A custom attribute value as typed: JSON when it parses as a JSON text, number, boolean or null
 * (`42`, `true`, `null`, `"quoted"`), otherwise the text itself. Objects and arrays are passed on
 * as parsed, for the schema to refuse (Intercom stores scalars only).
 */
const parseAttributeValue = (input: string): unknown => {
  try {
    return JSON.parse(input)
  } catch {
    return input
  }
}

/**
 * The value typed for an attribute: for one Intercom defines as text, what was typed is the text
 * (a zip code `01234` stays text; `null` still clears it, `"quoted"` loses its quotes); otherwise
 * as `parseAttributeValue` reads it.
 */
export const attributeValueOf = (input: string, attribute?: DataAttribute): unknown => {
  const value = parseAttributeValue(input)
  return attribute?.data_type === "string" && value !== null && typeof value !== "string" ? input : value
}

/**
 * A custom attribute value as typed, as a change. With the attribute's definition, a value of
 * another type (or not one of a list's options) is refused in the models' words, since Intercom
 * would silently drop it.
 */
export const parseCustomAttribute = (key: string, input: string, attribute?: DataAttribute): Parsed<UpdateCompanyRequest> => {
  const value = attributeValueOf(input, attribute)
  const parsed = parseUpdate({ custom_attributes: { [key]: value } })
  if (!parsed.ok || attribute === undefined) return parsed
  const problem = customAttributeValueProblem(attribute, value)
  return problem === undefined ? parsed : { ok: false, message: problem }
}

export const validateAttributeKey = (key: string): string | undefined =>
  key.trim().length === 0 ? "The attribute name must not be blank." : undefined

const parseAttributeName = parserOf(DataAttributeName)

/**
 * A key typed for a new attribute: a defined one as it is, any other must be a name Intercom
 * would define (it is created before the value is written).
 */
export const validateNewAttributeKey = (defined: ReadonlyMap<string, unknown>) => (key: string): string | undefined =>
  validateAttributeKey(key) ?? (defined.has(key) ? undefined : messageOf(parseAttributeName(key)))

export const validateAttributeValue = (key: string, attribute?: DataAttribute) => (input: string): string | undefined =>
  messageOf(parseCustomAttribute(key, input, attribute))

/** A custom attribute value shown in an input box: text as is, the rest as JSON. */
export const formatAttributeValue = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value) ?? "")

const parseUpsert = parserOf(CreateOrUpdateCompanyRequest)

/** The create command's company_id and name, validated with the upsert's request schema. */
export const parseCreate = (companyId: string, name: string | undefined): Parsed<CreateOrUpdateCompanyRequest> =>
  parseUpsert(name === undefined ? { company_id: companyId } : { company_id: companyId, name })

export const validateNewCompanyId = (input: string): string | undefined => {
  const parsed = parseCreate(input, undefined)
  if (!parsed.ok) return parsed.message
  return input.trim() !== input ? "company_id must not start or end with spaces" : undefined
}

const parseTagName = parserOf(TagName)

export const validateTagName = (name: string): string | undefined => messageOf(parseTagName(name))
