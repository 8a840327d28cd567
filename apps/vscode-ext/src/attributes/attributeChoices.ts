// Pure: what the edit command offers for a company's custom attributes: its own and the defined
// ones, each with its type (or the flag that Intercom does not define it) and its current value.
import { type DataAttribute, dataTypeDescription } from "@intercom-explorer/core"
import { formatAttributeValue } from "../commands/companyFields"

export interface AttributeChoice {
  readonly label: string
  readonly description: string
  readonly key: string
}

/**
 * The company's attributes (in its order), then the defined ones it has no value for (by name):
 * "integer · defined · 42", "string · defined · (not set)", "not defined · gold".
 */
export const attributeChoices = (
  current: Readonly<Record<string, unknown>>,
  defined: ReadonlyMap<string, DataAttribute>
): Array<AttributeChoice> => {
  const choice = (key: string): AttributeChoice => {
    const attribute = defined.get(key)
    const kind = attribute === undefined ? "not defined" : `${attribute.data_type} · defined`
    const value = key in current && current[key] !== null ? formatAttributeValue(current[key]) : "(not set)"
    return { label: key, description: `${kind} · ${value}`, key }
  }
  const unset = [...defined.keys()].filter((key) => !(key in current)).sort((a, b) => a.localeCompare(b))
  return [...Object.keys(current), ...unset].map(choice)
}

/** The value box's prompt: the defined type (and options), or that the key is not defined. */
export const attributeValuePrompt = (key: string, attribute: DataAttribute | undefined): string => {
  if (attribute === undefined) {
    return `Text, a number, true/false or null. JSON is read as JSON ("42" in quotes is text). custom.${key} is ` +
      "not defined in Intercom: it is offered to be created before saving."
  }
  const options = attribute.options !== undefined && attribute.options.length > 0
    ? `: one of ${attribute.options.join(", ")}`
    : ""
  const type = dataTypeDescription(attribute.data_type)
  return `${type.charAt(0).toUpperCase()}${type.slice(1)} (Intercom defines custom.${key} as ${attribute.data_type})${options}. null clears it.`
}
