import { Companies, Contacts, describeError, reasonOf, type Region } from "@intercom-explorer/core"
import * as vscode from "vscode"
import { companyContactsChanged } from "../contacts/ContactEvents"
import { confirmDetach } from "../contacts/ConfirmDetach"
import { documentContact } from "../contacts/DocumentArgs"
import { type CompanyRow, companyLabel, toCompanyRow } from "../tree/model/CompanyRow"
import type { CommandArgs, CommandContext } from "./CommandContext"
import {
  type EditableField,
  fieldSpec,
  FIELDS,
  parseCreate,
  parseFieldInput,
  validateField,
  validateNewCompanyId
} from "./companyFields"
import { editAttribute } from "./CustomAttributeEdit"
import { contactIdPrompt, pickCompanies } from "./pickers"
import { companyWebUrl } from "./webAppUrl"
import { refused, saveCompany, writeFailed } from "./writes"

/** One field in an input box, validated as typed with the request's own rules, then saved. */
const editField = async (ctx: CommandContext, row: CompanyRow, field: EditableField): Promise<CompanyRow | undefined> => {
  const spec = fieldSpec(field)
  const current = spec.current(row)
  const input = await vscode.window.showInputBox({
    title: `${spec.label} of ${companyLabel(row)}`,
    prompt: spec.prompt,
    placeHolder: spec.placeHolder,
    value: current ?? "",
    ignoreFocusOut: true,
    validateInput: validateField(field)
  })
  if (input === undefined || input === current) return undefined
  const parsed = parseFieldInput(field, input)
  const what = `Couldn't change the ${spec.label.toLowerCase()} of ${companyLabel(row)}`
  if (!parsed.ok) return refused(ctx, what, parsed.message)
  return saveCompany(ctx, row, parsed.value, what)
}

/** "Rename Company" (inline on the row). */
export const renameCompany = async (ctx: CommandContext, args: CommandArgs): Promise<CompanyRow | undefined> => {
  const [row] = await pickCompanies(ctx, args, { many: false, title: "Rename Company" }) ?? []
  return row === undefined ? undefined : editField(ctx, row, "name")
}

interface FieldItem extends vscode.QuickPickItem {
  readonly field?: EditableField
  readonly custom?: true
}

/** "Edit Company…": a QuickPick of the fields with their values, then the field's input box. */
export const editCompany = async (ctx: CommandContext, args: CommandArgs): Promise<CompanyRow | undefined> => {
  const [row] = await pickCompanies(ctx, args, { many: false, title: "Edit Company" }) ?? []
  if (row === undefined) return undefined
  const items: Array<FieldItem> = [
    ...FIELDS.map((f) => ({ label: f.label, description: f.current(row) ?? "(not set)", field: f.field })),
    { label: "Custom attribute…", description: "pick or add one", custom: true }
  ]
  const picked = await vscode.window.showQuickPick(items, { title: `Edit ${companyLabel(row)}`, placeHolder: "Pick a field" })
  if (picked === undefined) return undefined
  if (picked.custom === true) return editAttribute(ctx, row)
  return picked.field === undefined ? undefined : editField(ctx, row, picked.field)
}

/** "Edit Custom Attribute…". */
export const editCustomAttribute = async (ctx: CommandContext, args: CommandArgs): Promise<CompanyRow | undefined> => {
  const [row] = await pickCompanies(ctx, args, { many: false, title: "Edit Custom Attribute" }) ?? []
  return row === undefined ? undefined : editAttribute(ctx, row)
}

/** "Create Company…": company_id, then name; refuses a company_id in use (the upsert would edit it). */
export const createCompany = async (ctx: CommandContext): Promise<CompanyRow | undefined> => {
  const companyId = await vscode.window.showInputBox({
    title: "Create Company (1/2)",
    prompt: "The company's company_id: your own, unique id for it.",
    ignoreFocusOut: true,
    validateInput: validateNewCompanyId
  })
  if (companyId === undefined) return undefined
  const name = await vscode.window.showInputBox({
    title: "Create Company (2/2)",
    prompt: "The company's name.",
    ignoreFocusOut: true,
    validateInput: validateField("name")
  })
  if (name === undefined) return undefined
  const what = `Couldn't create ${name}`
  const parsed = parseCreate(companyId, name)
  if (!parsed.ok) return refused(ctx, what, parsed.message)
  try {
    const existing = await ctx.session.run(Companies.use((c) => c.retrieveByCompanyId(companyId))).then(
      (company) => company,
      (error: unknown) => {
        if (reasonOf(error) === "NotFound") return undefined
        throw error
      }
    )
    if (existing !== undefined) {
      return refused(ctx, what, `a company with company_id ${companyId} already exists (${existing.name ?? existing.id}).`)
    }
    const company = await ctx.session.run(Companies.use((c) => c.upsert(parsed.value)))
    const row = toCompanyRow(company)
    ctx.trees.companyCreated(row)
    void ctx.trees.revealCompany(row.id)
    return row
  } catch (error) {
    return writeFailed(ctx, what, error)
  }
}

/** "Delete Company…" (one or the selection), after a modal confirmation. */
export const deleteCompanies = async (ctx: CommandContext, args: CommandArgs): Promise<Array<string> | undefined> => {
  const rows = await pickCompanies(ctx, args, { many: true, title: "Delete Company" })
  if (rows === undefined || rows.length === 0) return undefined
  const named = rows.length === 1 ? `company '${companyLabel(rows[0]!)}'` : `${rows.length} companies`
  const answer = await vscode.window.showWarningMessage(
    `Delete ${named}?`,
    { modal: true, detail: "Intercom archives deleted companies; their contacts stay." },
    "Delete"
  )
  if (answer !== "Delete") return undefined
  const deleted: Array<string> = []
  for (const row of rows) {
    try {
      await ctx.trees.withCompanyPending([row.id], "deleting…", () => ctx.session.run(Companies.use((c) => c.delete(row.id))))
      ctx.trees.companyDeleted(row.id)
      deleted.push(row.id)
    } catch (error) {
      writeFailed(ctx, `Couldn't delete ${companyLabel(row)}`, error)
      break
    }
  }
  return deleted
}

/**
 * "Attach Contact…" / "Detach Contact…": from a row or the palette by contact id (asked), or from the
 * company document as `(companyId, contactId?, contactLabel?)`, where a detach is confirmed first,
 * naming the contact. The row shows the new user count; the document re-renders on the event.
 */
export const changeContact = async (ctx: CommandContext, args: CommandArgs, attach: boolean): Promise<CompanyRow | undefined> => {
  const title = attach ? "Attach Contact" : "Detach Contact"
  const [row] = await pickCompanies(ctx, args, { many: false, title }) ?? []
  if (row === undefined) return undefined
  const given = documentContact(args)
  const input = given?.id ?? await contactIdPrompt(`${title} ${attach ? "to" : "from"} ${companyLabel(row)}`)
  if (input === undefined) return undefined
  const contactId = input.trim()
  if (given !== undefined && !attach && !(await confirmDetach(given, companyLabel(row)))) return undefined
  try {
    await ctx.trees.withCompanyPending([row.id], attach ? "attaching…" : "detaching…", () =>
      ctx.session.run(Contacts.use((c) => (attach ? c.attachCompany(contactId, row.id) : c.detachCompany(contactId, row.id)))))
    companyContactsChanged(row.id)
    // The answer is the company as the contact sees it; the row is read again for its user count.
    const company = await ctx.session.run(Companies.use((c) => c.retrieve(row.id)))
    const updated = toCompanyRow(company)
    ctx.trees.companyChanged(updated)
    return updated
  } catch (error) {
    return writeFailed(ctx, `Couldn't ${attach ? "attach" : "detach"} contact ${contactId}`, error)
  }
}

/** The workspace's app id for links, asked of Intercom (one company) when not seen yet. */
const appIdOf = async (ctx: CommandContext): Promise<string | undefined> => {
  if (ctx.session.appId !== undefined) return ctx.session.appId
  try {
    const page = await ctx.session.run(Companies.use((c) => c.listPage(1, 1)))
    ctx.session.noteAppId(page.companies[0]?.app_id)
  } catch (error) {
    ctx.log.warn("Could not learn the app id:", error)
  }
  return ctx.session.appId
}

/** "Open in Intercom": the company's page in the web app of the workspace's region. */
export const openCompany = async (ctx: CommandContext, args: CommandArgs): Promise<string | undefined> => {
  const [row] = await pickCompanies(ctx, args, { many: false, title: "Open Company in Intercom" }) ?? []
  if (row === undefined) return undefined
  return openInWebApp(ctx, "company", (region, appId) => companyWebUrl(region, appId, row.id))
}

/** Opens a page of the workspace's web app, once the app id (part of every web-app URL) is known. */
export const openInWebApp = async (
  ctx: CommandContext,
  what: string,
  urlOf: (region: Region, appId: string) => string
): Promise<string | undefined> => {
  const client = ctx.session.current()
  if (client === undefined) return undefined
  const appId = await appIdOf(ctx)
  if (appId === undefined) {
    void vscode.window.showErrorMessage(`Couldn't open the ${what}: the workspace's app id is unknown.`)
    return undefined
  }
  const url = urlOf(client.region, appId)
  await ctx.links.open(url)
  return url
}

/** "Copy Company Id": Intercom's id, the one the API and the web app use. */
export const copyCompanyId = async (ctx: CommandContext, args: CommandArgs): Promise<string | undefined> => {
  const [row] = await pickCompanies(ctx, args, { many: false, title: "Copy Company Id" }) ?? []
  if (row === undefined) return undefined
  try {
    await vscode.env.clipboard.writeText(row.id)
    vscode.window.setStatusBarMessage(`Copied the id of ${companyLabel(row)}.`, 3_000)
  } catch (error) {
    void vscode.window.showErrorMessage(`Couldn't copy: ${describeError(error)}`)
  }
  return row.id
}
