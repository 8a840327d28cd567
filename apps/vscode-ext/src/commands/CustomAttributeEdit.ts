import { Companies, type DataAttribute, inferDataType } from "@intercom-explorer/core"
import * as vscode from "vscode"
import { attributeDefinitionsOf } from "../attributes/AttributeDefinitions"
import { attributeChoices, attributeValuePrompt } from "../attributes/attributeChoices"
import { confirmAttributeCreation } from "../attributes/UndefinedAttributePrompt"
import { type CompanyRow, companyLabel } from "../tree/model/CompanyRow"
import type { CommandContext } from "./CommandContext"
import {
  attributeValueOf,
  formatAttributeValue,
  parseCustomAttribute,
  validateAttributeValue,
  validateNewAttributeKey
} from "./companyFields"
import { refused, saveCompany, writeFailed } from "./writes"

interface AttributeItem extends vscode.QuickPickItem {
  readonly key?: string
}

/**
 * A custom attribute of a company: pick one of its own (fresh from Intercom) or of the defined ones
 * (with their types), or name a new one; then its value, checked against the definition as typed.
 * A key Intercom does not define is offered for creation first (Intercom would drop the write);
 * declined, nothing is sent.
 */
export const editAttribute = async (ctx: CommandContext, row: CompanyRow): Promise<CompanyRow | undefined> => {
  const defs = attributeDefinitionsOf(ctx.session)
  const definitions = defs.definitions()
  // Asked for with the company (one round trip of time); its failure is reported below.
  definitions.catch(() => undefined)
  let attributes: Record<string, unknown>
  try {
    // Rows keep no custom attributes (memory); the current ones come from Intercom.
    const company = await ctx.session.run(Companies.use((c) => c.retrieve(row.id)))
    attributes = { ...company.custom_attributes }
  } catch (error) {
    return writeFailed(ctx, `Couldn't read the custom attributes of ${companyLabel(row)}`, error)
  }
  let defined: ReadonlyMap<string, DataAttribute>
  try {
    defined = await definitions
  } catch (error) {
    return writeFailed(ctx, "Couldn't read the custom attributes Intercom defines", error)
  }
  const items: Array<AttributeItem> = [
    ...attributeChoices(attributes, defined),
    { label: "$(add) New attribute…", alwaysShow: true }
  ]
  const picked = await vscode.window.showQuickPick(items, { title: `Custom attribute of ${companyLabel(row)}`, placeHolder: "Pick an attribute" })
  if (picked === undefined) return undefined
  const key = picked.key ?? await vscode.window.showInputBox({
    title: `New custom attribute of ${companyLabel(row)}`,
    prompt: "The attribute's name.",
    validateInput: validateNewAttributeKey(defined)
  })
  if (key === undefined) return undefined
  const attribute = defined.get(key)
  const input = await vscode.window.showInputBox({
    title: `${key} of ${companyLabel(row)}`,
    prompt: attributeValuePrompt(key, attribute),
    value: key in attributes ? formatAttributeValue(attributes[key]) : "",
    ignoreFocusOut: true,
    validateInput: validateAttributeValue(key, attribute)
  })
  if (input === undefined) return undefined
  const what = `Couldn't change ${key} of ${companyLabel(row)}`
  const parsed = parseCustomAttribute(key, input, attribute)
  if (!parsed.ok) return refused(ctx, what, parsed.message)
  const value = attributeValueOf(input)
  // Clearing needs no definition: it changes nothing Intercom keeps.
  if (attribute !== undefined || value === null) return saveCompany(ctx, row, parsed.value, what)
  const type = inferDataType(key, value)
  if (!await confirmAttributeCreation(defs, [{ key, type }], `Edit ${companyLabel(row)}`)) {
    ctx.log.info(`${what}: custom.${key} is not defined in Intercom and was not created; nothing was sent.`)
    return undefined
  }
  // Checked again with the type it was created with (Choose Type... may have picked another).
  const created = await defs.definitions().then((d) => d.get(key), () => undefined)
  const typed = parseCustomAttribute(key, input, created)
  if (!typed.ok) return refused(ctx, what, typed.message)
  return saveCompany(ctx, row, typed.value, what)
}
