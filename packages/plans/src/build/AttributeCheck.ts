import {
  checkCustomAttributes,
  CreateDataAttributeRequest,
  type DataAttribute,
  customAttributeValueProblem,
  dataTypeDescription,
  definedCompanyAttributes,
  type InferredDataType,
  validateRequest
} from "@intercom-explorer/core"
import type { CustomAttributeInfo, CustomAttributeType } from "@intercom-explorer/replica"
import { Result } from "effect"
import { customKey, isCustomField } from "../FieldValues.js"
import type { AttributeToCreate, FieldChange } from "../PlanFile.js"

// Custom attribute values checked against the workspace's definitions while a plan is built:
// Intercom answers 200 to a write of a wrong-typed or undefined attribute and drops it. A wrong type
// is the row's error (or the assignment's); an undefined key is planned for creation with the type
// its first value gives it, and every later value must fit that type.

/** How a defined type reads a CSV cell (the replica's value kinds). */
const cellKind = (type: DataAttribute["data_type"]): CustomAttributeType =>
  type === "string" ? "string" : type === "boolean" ? "boolean" : "number"

/**
 * The custom attribute keys a source may name, with how their cells read: the ones companies in
 * the replica hold, overridden by the defined ones (a defined integer reads "42" as a number even
 * before any company holds it).
 */
export const knownAttributes = (
  held: ReadonlyArray<CustomAttributeInfo>,
  definitions: ReadonlyArray<DataAttribute> | undefined
): ReadonlyMap<string, CustomAttributeType> => {
  const known = new Map(held.map((a) => [a.key, a.type] as const))
  if (definitions !== undefined) for (const [name, a] of definedCompanyAttributes(definitions)) known.set(name, cellKind(a.data_type))
  return known
}

const validateCreate = validateRequest(CreateDataAttributeRequest)

interface Planned {
  type: InferredDataType
  /** Where its first value came from (`row 4`, `the assignment`), for the messages of values that do not fit. */
  readonly from: string
  companies: number
}

export interface AttributeChecker {
  /** Why the value cannot be written to custom.KEY (the models' message), or undefined. */
  readonly problem: (key: string, value: unknown) => string | undefined
  /** Records an accepted operation's custom changes: undefined keys become attributes to create. */
  readonly accept: (changes: ReadonlyArray<FieldChange>, from: string) => void
  readonly attributes: () => ReadonlyArray<AttributeToCreate>
  readonly warnings: () => ReadonlyArray<string>
}

/** A checker of the definitions the replica holds (undefined: not read yet, nothing can be checked or created). */
export const attributeChecker = (definitions: ReadonlyArray<DataAttribute> | undefined): AttributeChecker => {
  const defined = definitions === undefined ? undefined : definedCompanyAttributes(definitions)
  const planned = new Map<string, Planned>()
  const unchecked = new Set<string>()

  const problem = (key: string, value: unknown): string | undefined => {
    if (defined === undefined || value === null) return undefined
    const [wrong] = checkCustomAttributes(defined, { [key]: value }).wrongType
    if (wrong !== undefined) return wrong.message
    if (defined.has(key)) return undefined
    const plan = planned.get(key)
    if (plan === undefined) {
      const name = validateCreate({ name: key, model: "company", data_type: "string" })
      return Result.isFailure(name)
        ? `custom.${key} is not defined in Intercom, which ignores writes to undefined attributes, and cannot be created: ${name.failure.issues.join("; ")}`
        : undefined
    }
    // Whole numbers first, then a fraction: the attribute is created as float, which takes both.
    if (plan.type === "integer" && typeof value === "number" && Number.isFinite(value)) return undefined
    const synthetic = { type: "data_attribute", name: key, full_name: `custom_attributes.${key}`, label: key, data_type: plan.type } as const
    return customAttributeValueProblem(synthetic, value) === undefined
      ? undefined
      : `custom.${key} must be ${dataTypeDescription(plan.type)}: it is not defined in Intercom, and the plan creates it as ${plan.type} from its first value (${plan.from}); got ${JSON.stringify(value)}`
  }

  const accept = (changes: ReadonlyArray<FieldChange>, from: string) => {
    for (const change of changes) {
      if (!isCustomField(change.field) || change.after === null) continue
      const key = customKey(change.field)
      if (defined === undefined) {
        unchecked.add(key)
        continue
      }
      if (defined.has(key)) continue
      const { undefinedKeys } = checkCustomAttributes(defined, { [key]: change.after })
      const inferred = undefinedKeys[0]?.type ?? "string"
      const plan = planned.get(key)
      if (plan === undefined) planned.set(key, { type: inferred, from, companies: 1 })
      else {
        plan.companies++
        if (plan.type === "integer" && inferred === "float") plan.type = "float"
      }
    }
  }

  const attributes = () => [...planned].map(([name, p]): AttributeToCreate => ({ name, data_type: p.type }))

  const warnings = () => {
    const out: Array<string> = []
    for (const [name, p] of planned) {
      out.push(
        `Intercom ignores undefined attributes: custom.${name} (set on ${p.companies} ${p.companies === 1 ? "company" : "companies"}) will be created as ${p.type} before the writes`
      )
    }
    if (unchecked.size > 0) {
      out.push(
        `custom attributes could not be checked against Intercom's definitions (${[...unchecked].map((k) => `custom.${k}`).join(", ")}): the replica was synced before it kept them; sync it and plan again, since Intercom ignores writes to undefined or wrong-typed attributes`
      )
    }
    return out
  }

  return { problem, accept, attributes, warnings }
}
