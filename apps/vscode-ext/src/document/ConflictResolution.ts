// A save refused because the company changed in Intercom since the document was opened: a diff of
// theirs (Intercom now) against mine (the document), and a choice. Overwrite sends my edits over
// theirs; Take Theirs shows Intercom's company; Merge picks, field by field, which of my edits to
// keep. Each makes Intercom's company the base of the next save, so a later save checks against it.
import type { Company } from "@intercom-explorer/core"
import * as vscode from "vscode"
import { type DocumentEdits, editedFields, readDocumentEdits } from "./CompanyDocumentEdits"
import { type CompanyDocumentModel, CUSTOM_KEY, withChanges } from "./CompanyDocumentModel"
import { type CompanyDocuments, openDocument } from "./CompanyDocuments"
import { renderCompanyDocument } from "./CompanyDocumentText"

/** The read-only scheme of "Intercom now" in the conflict diff. */
export const THEIRS_SCHEME = "intercom-company-theirs"

const theirsTexts = new Map<string, string>()

export const theirsProvider: vscode.TextDocumentContentProvider = {
  provideTextDocumentContent: (uri) => theirsTexts.get(uri.toString()) ?? ""
}

export interface Conflict {
  readonly base: CompanyDocumentModel
  readonly theirs: Company
  /** My edited fields that they changed too. */
  readonly underMe: ReadonlyArray<string>
}

export const CONFLICT_CHOICES = { overwrite: "Overwrite", theirs: "Take Theirs", merge: "Merge Field by Field..." } as const

/** My edits restricted to the kept fields, in the wire form. */
export const keptChanges = (edits: DocumentEdits, kept: ReadonlySet<string>): Record<string, unknown> => {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(edits.changes)) {
    if (key !== CUSTOM_KEY) {
      if (kept.has(key)) out[key] = value
      continue
    }
    const custom = Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([k]) => kept.has(`custom.${k}`)))
    if (Object.keys(custom).length > 0) out[CUSTOM_KEY] = custom
  }
  return out
}

const replaceText = async (document: vscode.TextDocument, text: string): Promise<void> => {
  const edit = new vscode.WorkspaceEdit()
  edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), text)
  await vscode.workspace.applyEdit(edit)
}

export const resolveConflict = async (docs: CompanyDocuments, uri: vscode.Uri, conflict: Conflict): Promise<void> => {
  const state = docs.loaded(uri)
  if (state === undefined) return
  const { base, theirs, underMe } = conflict
  const label = docs.labelOf(state)
  const theirsModel: CompanyDocumentModel = { company: theirs, contacts: base.contacts }
  const theirsUri = uri.with({ scheme: THEIRS_SCHEME })
  theirsTexts.set(theirsUri.toString(), renderCompanyDocument(theirsModel))
  await vscode.commands.executeCommand("vscode.diff", theirsUri, uri, `${label}: Intercom now ↔ yours`, { preview: false })
  const choice = await vscode.window.showWarningMessage(
    `${label} changed in Intercom since you opened it${underMe.length > 0 ? `, including fields you edited (${underMe.join(", ")})` : ""}. ` +
      "The diff shows Intercom's company (left) and yours (right).",
    CONFLICT_CHOICES.overwrite,
    CONFLICT_CHOICES.theirs,
    CONFLICT_CHOICES.merge
  )
  if (choice === undefined) return
  const document = openDocument(uri)
  if (document === undefined) return
  // The edits as they are now: the notification waited while the user may have typed on.
  const edits = readDocumentEdits(document.getText(), base, await docs.definitions())
  let kept: ReadonlySet<string>
  if (choice === CONFLICT_CHOICES.overwrite) kept = new Set(editedFields(edits, base.company, theirs).map((f) => f.path))
  else if (choice === CONFLICT_CHOICES.theirs) kept = new Set()
  else {
    const fields = editedFields(edits, base.company, theirs)
    const picked = await vscode.window.showQuickPick(
      fields.map((f) => ({
        label: f.path,
        description: `yours ${JSON.stringify(f.mine)} · theirs ${JSON.stringify(f.theirs)}`,
        picked: !underMe.includes(f.path),
        field: f
      })),
      { title: `Merge ${label}: check the edits of yours to keep (unchecked take Intercom's value)`, canPickMany: true }
    )
    if (picked === undefined) return
    kept = new Set(picked.map((p) => p.field.path))
  }
  // Intercom's company is the base from now on; the document shows it with the kept edits.
  state.previous = state.shown
  state.shown = theirsModel
  state.opened = undefined
  await replaceText(document, renderCompanyDocument({ company: withChanges(theirs, keptChanges(edits, kept)), contacts: base.contacts }))
  if (choice === CONFLICT_CHOICES.merge) {
    void vscode.window.showInformationMessage(`${label}: merged. Review the document, then save (Ctrl+S).`)
  } else {
    // Overwrite sends the kept edits; Take Theirs has none, so its save sends nothing.
    await document.save()
  }
}
