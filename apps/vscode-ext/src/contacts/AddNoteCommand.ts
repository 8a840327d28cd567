// "Add Note...": a note on a contact, POST /contacts/{id}/notes through core's create-once mode (sent
// once, never repeated after Intercom may have acted). From the company document with
// `(contactId, companyId?, contactLabel?)`; from the palette (or a company row), a company and then
// one of its contacts.
import { Contacts, type Note, Notes } from "@intercom-explorer/core"
import * as vscode from "vscode"
import type { CommandArgs, CommandContext } from "../commands/CommandContext"
import { contactIdPrompt, pickCompanies } from "../commands/pickers"
import { refused, writeFailed } from "../commands/writes"
import { companyLabel } from "../tree/model/CompanyRow"
import { contactLabel, loadCompanyContacts } from "./CompanyContacts"
import { companyContactsChanged } from "./ContactEvents"
import { noteFailureMessage } from "./createOnceFailure"
import { textArg } from "./DocumentArgs"
import { parseNote, validateNoteInput } from "./noteBody"

interface NoteTarget {
  readonly contactId: string
  /** The company it was added from, whose document shows it. */
  readonly companyId: string | undefined
  readonly label: string
}

/** Text of a note that did not go through, per contact: the next Add Note... on it starts with it. */
const drafts = new Map<string, string>()

interface ContactItem extends vscode.QuickPickItem {
  readonly target?: NoteTarget
  readonly byId?: true
}

/** A company (the row, or picked), then one of its contacts or any contact by id. */
const pickContact = async (ctx: CommandContext, args: CommandArgs): Promise<NoteTarget | undefined> => {
  const [row] = await pickCompanies(ctx, args, { many: false, title: "Add Note" }) ?? []
  if (row === undefined) return undefined
  let items: Array<ContactItem>
  try {
    const view = await loadCompanyContacts(ctx.session, row.id, { notesPerContact: 0 })
    items = view.contacts.map(({ contact }) => ({
      label: contactLabel(contact),
      description: contact.email ?? "",
      target: { contactId: contact.id, companyId: row.id, label: contactLabel(contact) }
    }))
  } catch (error) {
    return writeFailed(ctx, `Couldn't list the contacts of ${companyLabel(row)}`, error)
  }
  items.push({ label: "$(edit) Enter a contact's Intercom id…", byId: true, alwaysShow: true })
  const picked = await vscode.window.showQuickPick(items, {
    title: `Add Note to a contact of ${companyLabel(row)}`,
    placeHolder: items.length > 1 ? "Pick a contact" : "The company has no contacts: enter a contact's id",
    matchOnDescription: true
  })
  if (picked?.target !== undefined) return picked.target
  if (picked?.byId !== true) return undefined
  const id = await contactIdPrompt("Add Note")
  return id === undefined ? undefined : { contactId: id.trim(), companyId: row.id, label: `contact ${id.trim()}` }
}

const targetOf = (ctx: CommandContext, args: CommandArgs): Promise<NoteTarget | undefined> => {
  const contactId = textArg(args[0])
  if (contactId === undefined) return pickContact(ctx, args)
  return Promise.resolve({ contactId, companyId: textArg(args[1]), label: textArg(args[2]) ?? `contact ${contactId}` })
}

/** The companies whose documents show the contact: the one it was added from, else all of the contact's. */
const announce = async (ctx: CommandContext, target: NoteTarget): Promise<void> => {
  if (target.companyId !== undefined) return companyContactsChanged(target.companyId)
  try {
    const companies = await ctx.session.run(Contacts.use((c) => c.companies(target.contactId)))
    for (const company of companies) companyContactsChanged(company.id)
  } catch (error) {
    ctx.log.warn(`The note was added, but the companies of ${target.label} could not be read to show it:`, error)
  }
}

/** "Add Note...": the note added, or undefined (dismissed, refused or failed: said once). */
export const addNote = async (ctx: CommandContext, args: CommandArgs): Promise<Note | undefined> => {
  const target = await targetOf(ctx, args)
  if (target === undefined) return undefined
  const input = await vscode.window.showInputBox({
    title: `Add Note to ${target.label}`,
    prompt: "Text (a new paragraph per line: paste lines or type \\n), or HTML starting with <.",
    value: drafts.get(target.contactId) ?? "",
    ignoreFocusOut: true,
    validateInput: validateNoteInput
  })
  if (input === undefined) return undefined
  const parsed = parseNote(input)
  if (!parsed.ok) return refused(ctx, `Couldn't add the note to ${target.label}`, parsed.message)
  drafts.set(target.contactId, input)
  let note: Note
  try {
    note = await ctx.session.run(Notes.use((n) => n.create(target.contactId, parsed.value)))
  } catch (error) {
    ctx.log.warn(`Add Note to ${target.label}:`, error)
    void vscode.window.showErrorMessage(noteFailureMessage(target.label, error))
    return undefined
  }
  drafts.delete(target.contactId)
  void vscode.window.showInformationMessage(`Note added to ${target.label}.`)
  await announce(ctx, target)
  return note
}
