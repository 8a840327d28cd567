// Pure: the words of the undefined-attribute prompt (UndefinedAttributePrompt.ts shows them).
import { dataTypeDescription, type InferredDataType } from "@intercom-explorer/core"

export interface UndefinedKey {
  readonly key: string
  readonly type: InferredDataType
}

/** The types an attribute can be created with from the prompt, in the order the picker lists them. */
export const CREATABLE_TYPES: ReadonlyArray<InferredDataType> = ["string", "integer", "float", "boolean", "date"]

export const CHOOSE_TYPE = "Choose Type..."

const names = (keys: ReadonlyArray<UndefinedKey>): string => keys.map((k) => `custom.${k.key}`).join(", ")

export interface UndefinedAttributeWarning {
  readonly message: string
  readonly detail: string
  /** The button that creates every key with its inferred type, then saves. */
  readonly create: string
}

/** The modal warning for keys that Intercom does not define (at least one). */
export const undefinedAttributeWarning = (title: string, keys: ReadonlyArray<UndefinedKey>): UndefinedAttributeWarning => {
  const one = keys.length === 1 ? keys[0] : undefined
  return {
    message: one !== undefined
      ? `${title}: custom.${one.key} is not defined in Intercom`
      : `${title}: ${keys.length} custom attributes are not defined in Intercom (${names(keys)})`,
    detail: "Intercom ignores writes to undefined attributes: it answers as if it saved them and keeps nothing. " +
      (one !== undefined
        ? `Create custom.${one.key} as ${one.type} (from the value), then save?`
        : `Create them (${keys.map((k) => `${k.key} as ${k.type}`).join(", ")}, from the values), then save?`),
    create: one !== undefined ? `Create as ${one.type} and Save` : `Create ${keys.length} Attributes and Save`
  }
}

export interface TypeItem {
  readonly label: InferredDataType
  readonly description: string
  readonly type: InferredDataType
}

/** The type picker's items for one key: the inferred type first (the one Enter takes), then the others. */
export const typeItems = (inferred: InferredDataType): ReadonlyArray<TypeItem> =>
  [inferred, ...CREATABLE_TYPES.filter((t) => t !== inferred)].map((type) => ({
    label: type,
    description: type === inferred ? `${dataTypeDescription(type)} · from the value` : dataTypeDescription(type),
    type
  }))

/** The type picker's title for key `index` (0-based) of `count`. */
export const typePickTitle = (title: string, key: string, index: number, count: number): string =>
  `${title}: type of custom.${key}${count > 1 ? ` (${index + 1}/${count})` : ""}`

/** Why a create failed, naming the key; `created` are the ones that were created before it. */
export const creationFailure = (key: string, reason: string, created: ReadonlyArray<string>): string =>
  `Couldn't create custom.${key}: ${reason.replace(/\.+$/, "")}. Nothing was saved` +
  (created.length > 0 ? ` (created before it: ${created.map((k) => `custom.${k}`).join(", ")}).` : ".")
