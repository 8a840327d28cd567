// Saving a company document: the edits read against the version the text was made from, refused
// with the first problem while any remains; the company read again to refuse a save over someone
// else's change; undefined attributes created only when the user agrees; then one PUT with only the
// changed fields. A failed save throws: VS Code keeps the edits, dirty, and shows why.
import { Companies, type Company, describeError } from "@intercom-explorer/core"
import * as vscode from "vscode"
import { attributeDefinitionsOf } from "../attributes/AttributeDefinitions"
import { confirmAttributeCreation } from "../attributes/UndefinedAttributePrompt"
import { parseUpdate } from "../commands/companyFields"
import { compareWithTheirs, type DocumentEdits, editBaseFor, hasErrors, readDocumentEdits } from "./CompanyDocumentEdits"
import { CUSTOM_KEY } from "./CompanyDocumentModel"
import type { CompanyDocuments } from "./CompanyDocuments"
import { resolveConflict } from "./ConflictResolution"

const decoder = new TextDecoder()

const notSaved = (message: string) => new Error(`Not saved: ${message}`)

/** Custom attributes the save sets that the answer does not hold: Intercom dropped them. */
const droppedBy = (edits: DocumentEdits, answer: Company): ReadonlyArray<string> =>
  Object.entries((edits.changes[CUSTOM_KEY] ?? {}) as Record<string, unknown>)
    .filter(([key, value]) => value !== null && !(key in (answer.custom_attributes ?? {})))
    .map(([key]) => `custom.${key}`)

export const saveCompanyDocument = async (docs: CompanyDocuments, uri: vscode.Uri, content: Uint8Array): Promise<void> => {
  const { session, trees, log } = docs.deps
  const state = await docs.state(uri)
  const text = decoder.decode(content)
  const base = editBaseFor(state, text)
  const defs = await docs.definitions()
  const edits = readDocumentEdits(text, base, defs)
  const label = docs.labelOf(state)
  if (hasErrors(edits)) {
    const errors = edits.problems.filter((p) => p.severity === "error")
    throw notSaved(`${errors[0]!.message}${errors.length > 1 ? ` (and ${errors.length - 1} more: see Problems)` : ""}`)
  }
  if (Object.keys(edits.changes).length === 0) {
    log.info(`${label}: saved with no changes; nothing sent.`)
    // The document shows what it is based on again (Take Theirs, contacts read meanwhile).
    if (base === state.shown) docs.saved(uri, state, { company: base.company, contacts: state.pendingContacts ?? state.shown.contacts })
    return
  }
  const newKeys = Object.keys((edits.changes[CUSTOM_KEY] ?? {}) as Record<string, unknown>).filter((k) => !(k in (base.company.custom_attributes ?? {})))
  if (defs === undefined && newKeys.length > 0) {
    throw notSaved(`couldn't read the attributes Intercom defines, so ${newKeys.map((k) => `custom.${k}`).join(", ")} could not be checked (Intercom ignores undefined ones). Save again to retry.`)
  }

  // Someone may have changed the company since the document was opened: read it again, before
  // anything is created or written.
  let theirs: Company
  try {
    theirs = await session.run(Companies.use((c) => c.retrieve(base.company.id)))
  } catch (error) {
    log.warn(`${label}: couldn't read the company to check for changes before saving:`, error)
    throw notSaved(`couldn't check ${label} for changes in Intercom: ${describeError(error)}. Your edits are kept; save again to retry.`)
  }
  const { landed, underMe, moved } = compareWithTheirs(edits, base.company, theirs)
  if (landed) {
    // An earlier save of these edits reached Intercom though its answer was lost: nothing to send.
    log.info(`${label}: the edits are in Intercom already (an earlier save landed); nothing sent.`)
    return docs.saved(uri, state, { company: theirs, contacts: state.shown.contacts })
  }
  if (moved || underMe.length > 0) {
    if (!docs.isManualSave(uri)) throw notSaved(`${label} changed in Intercom since you opened it: save with Ctrl+S to compare.`)
    log.info(`${label}: changed in Intercom since the document was opened (${underMe.join(", ") || "updated_at"}); save refused.`)
    setTimeout(() => void resolveConflict(docs, uri, { base, theirs, underMe }), 0)
    throw notSaved(`${label} changed in Intercom since you opened it${underMe.length > 0 ? ` (${underMe.join(", ")})` : ""}. Compare, then Overwrite, Take Theirs or Merge.`)
  }

  if (edits.undefinedKeys.length > 0) {
    const names = edits.undefinedKeys.map((k) => `custom.${k.key}`).join(", ")
    if (!docs.isManualSave(uri)) throw notSaved(`${names} not defined in Intercom: save with Ctrl+S to create ${edits.undefinedKeys.length === 1 ? "it" : "them"} first.`)
    const created = await confirmAttributeCreation(attributeDefinitionsOf(session), edits.undefinedKeys, `Save ${label}`)
    const one = edits.undefinedKeys.length === 1
    if (!created) throw notSaved(`${names} ${one ? "is" : "are"} not defined in Intercom, which would ignore ${one ? "it" : "them"}.`)
    // "Choose Type..." may have created a type the value does not have: Intercom would drop it.
    const recheck = readDocumentEdits(text, base, await docs.definitions())
    const error = recheck.problems.find((p) => p.severity === "error")
    if (error !== undefined) throw notSaved(error.message)
  }

  const request = parseUpdate(edits.changes as Record<string, unknown>)
  if (!request.ok) throw notSaved(request.message)
  let answer: Company
  try {
    answer = await trees.withCompanyPending([base.company.id], "saving…", () =>
      session.run(Companies.use((c) => c.update(base.company.id, request.value))))
  } catch (error) {
    log.warn(`${label}: save failed:`, error)
    throw notSaved(`${describeError(error)}. Your edits are kept; save again to retry.`)
  }
  log.info(`${label}: saved ${Object.keys(edits.changes).join(", ")}.`)
  const dropped = droppedBy(edits, answer)
  if (dropped.length > 0) {
    log.warn(`${label}: Intercom answered without ${dropped.join(", ")}.`)
    void vscode.window.showWarningMessage(`${label} saved, but Intercom did not keep ${dropped.join(", ")} (an attribute it does not define, or archived).`)
  }
  docs.saved(uri, state, { company: answer, contacts: state.shown.contacts })
}
