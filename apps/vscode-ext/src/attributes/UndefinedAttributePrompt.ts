import { describeError } from "@intercom-explorer/core"
import * as vscode from "vscode"
import type { AttributeDefinitions } from "./AttributeDefinitions"
import {
  CHOOSE_TYPE,
  creationFailure,
  typeItems,
  typePickTitle,
  type UndefinedKey,
  undefinedAttributeWarning
} from "./undefinedAttributeText"

/** The type of each key, picked one after another (the inferred one first); undefined on Escape. */
const chooseTypes = async (title: string, keys: ReadonlyArray<UndefinedKey>): Promise<Array<UndefinedKey> | undefined> => {
  const chosen: Array<UndefinedKey> = []
  for (const [index, { key, type }] of keys.entries()) {
    const picked = await vscode.window.showQuickPick(typeItems(type), {
      title: typePickTitle(title, key, index, keys.length),
      placeHolder: `The type Intercom keeps custom.${key} as (it cannot be changed through the API later)`,
      ignoreFocusOut: true
    })
    if (picked === undefined) return undefined
    chosen.push({ key, type: picked.type })
  }
  return chosen
}

/**
 * Before a write of custom attributes that Intercom does not define (it would answer 200 and keep
 * nothing): a modal warning offering to create them, with the types inferred from the values or
 * chosen. True when every key is defined now, so the write may go; false when the user cancelled
 * or a create failed (said, naming the key): then nothing must be written.
 */
export const confirmAttributeCreation = async (
  defs: AttributeDefinitions,
  keys: ReadonlyArray<UndefinedKey>,
  title: string
): Promise<boolean> => {
  if (keys.length === 0) return true
  const warning = undefinedAttributeWarning(title, keys)
  const answer = await vscode.window.showWarningMessage(warning.message, { modal: true, detail: warning.detail }, warning.create, CHOOSE_TYPE)
  const toCreate = answer === warning.create ? keys : answer === CHOOSE_TYPE ? await chooseTypes(title, keys) : undefined
  if (toCreate === undefined) return false
  const created: Array<string> = []
  for (const { key, type } of toCreate) {
    try {
      await defs.create(key, type)
      created.push(key)
    } catch (error) {
      void vscode.window.showErrorMessage(creationFailure(key, describeError(error), created))
      // It may have been defined meanwhile elsewhere ("You already have ..."): the next try sees it.
      void defs.refresh().catch(() => undefined)
      return false
    }
  }
  // Created for this connection: a sign-out or another workspace meanwhile leaves them undefined here.
  const defined = await defs.definitions().catch(() => new Map<string, unknown>())
  return keys.every((k) => defined.has(k.key))
}
