// Pure: what a company document's text asks to change, against what it was rendered from, and every
// problem with it (located, in the models' words) that blocks a save. The diagnostics and the save
// read the same answer, so what is flagged is exactly what a save refuses.
import {
  checkCustomAttributes,
  type Company,
  CreateDataAttributeRequest,
  type DataAttribute,
  type InferredDataType,
  undefinedAttributeMessage,
  validateRequest
} from "@intercom-explorer/core"
import * as Result from "effect/Result"
import { findNodeAtLocation, getNodeValue, type Node, parseTree, type ParseError, printParseErrorCode } from "jsonc-parser"
import { parseUpdate } from "../commands/companyFields"
import {
  type CompanyDocumentModel,
  CUSTOM_KEY,
  type DocumentField,
  EDITABLE_FIELDS,
  editableValues,
  fieldValue,
  READ_ONLY_KEY,
  readableTime,
  readOnlyPart
} from "./CompanyDocumentModel"

export interface DocumentProblem {
  readonly offset: number
  readonly length: number
  readonly message: string
  /** Errors block a save; warnings say what a save will ask first. */
  readonly severity: "error" | "warning"
}

export interface DocumentEdits {
  /** The changed fields in PUT /companies/{id}'s form (null clears a custom attribute); {} when none. */
  readonly changes: Readonly<Record<string, unknown>>
  /** Custom attributes written that Intercom does not define, with the type a save would create. */
  readonly undefinedKeys: ReadonlyArray<{ readonly key: string; readonly type: InferredDataType }>
  readonly problems: ReadonlyArray<DocumentProblem>
}

export const hasErrors = (edits: DocumentEdits): boolean => edits.problems.some((p) => p.severity === "error")

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

const isScalar = (value: unknown): boolean => value === null || ["string", "number", "boolean"].includes(typeof value)

const checkAttributeName = validateRequest(CreateDataAttributeRequest)

const properties = (node: Node | undefined): ReadonlyArray<{ key: Node; value: Node | undefined }> =>
  node?.type === "object"
    ? (node.children ?? []).map((p) => ({ key: p.children![0]!, value: p.children![1] }))
    : []

/**
 * Reads `text` against `shown` (what it was rendered from). `defined`: the company attributes
 * Intercom defines, or undefined when they could not be read (values are then not type-checked).
 */
export const readDocumentEdits = (
  text: string,
  shown: CompanyDocumentModel,
  defined: ReadonlyMap<string, DataAttribute> | undefined
): DocumentEdits => {
  const problems: Array<DocumentProblem> = []
  const problem = (node: Node, message: string, severity: DocumentProblem["severity"] = "error") =>
    problems.push({ offset: node.offset, length: node.length, message, severity })

  const errors: Array<ParseError> = []
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false })
  for (const e of errors) {
    problems.push({ offset: e.offset, length: Math.max(e.length, 1), message: `Not valid JSON: ${printParseErrorCode(e.error)}`, severity: "error" })
  }
  if (root === undefined || root.type !== "object") {
    if (errors.length === 0) problems.push({ offset: 0, length: text.length, message: "The document must be one JSON object, as it was opened.", severity: "error" })
    return { changes: {}, undefinedKeys: [], problems }
  }

  const base = editableValues(shown.company)
  const changes: Record<string, unknown> = {}
  const seen = new Set<string>()
  let customNode: Node | undefined
  for (const { key, value } of properties(root)) {
    const name = String(key.value)
    if (seen.has(name)) problem(key, `"${name}" appears twice: keep one.`)
    seen.add(name)
    if (value === undefined) continue
    if (name === CUSTOM_KEY) customNode = value
    else if (name === READ_ONLY_KEY) checkReadOnly(value, readOnlyPart(shown), problem)
    else if ((EDITABLE_FIELDS as ReadonlyArray<string>).includes(name)) {
      const field = name as DocumentField
      const now = getNodeValue(value) as unknown
      const before = base.fields[field]
      if (sameValue(now, before)) continue
      if (now === null) {
        problem(value, `Intercom cannot clear ${field}: give it a value${before === null ? "" : ` (it was ${JSON.stringify(before)})`}.`)
        continue
      }
      const parsed = parseUpdate({ [field]: now })
      if (!parsed.ok) problem(value, parsed.message)
      else changes[field] = now
    } else {
      problem(key, `"${name}" is not a company field a save can change: the editable fields are ${EDITABLE_FIELDS.join(", ")} and ${CUSTOM_KEY}.`)
    }
  }

  let undefinedKeys: ReadonlyArray<{ key: string; type: InferredDataType }> = []
  if (customNode !== undefined) {
    const custom = readCustomAttributes(customNode, base.custom, defined, problem)
    if (Object.keys(custom.changes).length > 0) changes[CUSTOM_KEY] = custom.changes
    undefinedKeys = custom.undefinedKeys
  }

  // Each field was checked where it is; the whole request once more, so a save never sends what
  // the models would refuse.
  if (problems.every((p) => p.severity !== "error") && Object.keys(changes).length > 0) {
    const parsed = parseUpdate(changes)
    if (!parsed.ok) problem(root, parsed.message)
  }
  return { changes, undefinedKeys, problems }
}

// The contacts are shown as they were last read (they load after the company, and again after a
// note is added), so a text may hold an older list: they are never saved, and not compared.
const SHOWN_AS_READ = new Set(["contacts", "contacts_total"])

const checkReadOnly = (
  node: Node,
  rendered: Record<string, unknown>,
  problem: (node: Node, message: string) => void
): void => {
  if (node.type !== "object") return problem(node, "read_only is what Intercom holds and cannot be changed here: put it back as it was (or Revert File).")
  for (const { key, value } of properties(node)) {
    const name = String(key.value)
    if (SHOWN_AS_READ.has(name)) continue
    if (!(name in rendered)) problem(key, `read_only.${name} was added: the read-only part cannot be changed here.`)
    else if (value !== undefined && !sameValue(getNodeValue(value), rendered[name])) {
      problem(value, `read_only.${name} is set by Intercom and is not saved: put it back as it was (or Revert File).`)
    }
  }
}

const readCustomAttributes = (
  node: Node,
  before: Readonly<Record<string, unknown>>,
  defined: ReadonlyMap<string, DataAttribute> | undefined,
  problem: (node: Node, message: string, severity?: DocumentProblem["severity"]) => void
) => {
  const changes: Record<string, unknown> = {}
  const keyNodes = new Map<string, Node>()
  const valueNodes = new Map<string, Node>()
  if (node.type !== "object") {
    problem(node, `${CUSTOM_KEY} must be an object of attribute names and values.`)
    return { changes, undefinedKeys: [] }
  }
  for (const { key, value } of properties(node)) {
    const name = String(key.value)
    if (keyNodes.has(name)) problem(key, `custom.${name} appears twice: keep one.`)
    keyNodes.set(name, key)
    if (value === undefined) continue
    const now = getNodeValue(value) as unknown
    if (sameValue(now, before[name] ?? null) && name in before) continue
    if (!isScalar(now)) {
      problem(value, `custom.${name} must be text, a number, true/false or null: Intercom stores one value per attribute.`)
      continue
    }
    if (now === null && !(name in before)) continue
    changes[name] = now
    valueNodes.set(name, value)
  }
  // An attribute deleted from the document is cleared.
  for (const name of Object.keys(before)) if (!keyNodes.has(name) && before[name] !== null) changes[name] = null

  if (defined === undefined) return { changes, undefinedKeys: [] }
  const check = checkCustomAttributes(defined, changes)
  for (const { key, message } of check.wrongType) problem(valueNodes.get(key)!, message)
  for (const { key, type } of check.undefinedKeys) {
    const named = checkAttributeName({ name: key, model: "company", data_type: type })
    if (Result.isFailure(named)) problem(keyNodes.get(key)!, `custom.${key}: ${named.failure.message}`)
    else problem(keyNodes.get(key)!, `${undefinedAttributeMessage(key)}. Saving offers to create it as ${type}.`, "warning")
  }
  return { changes, undefinedKeys: check.undefinedKeys }
}

/** Where a JSON path is in the text (for code lenses), or undefined. */
export const offsetOf = (text: string, path: ReadonlyArray<string | number>): number | undefined => {
  const root = parseTree(text, [], { allowTrailingComma: true })
  return root === undefined ? undefined : findNodeAtLocation(root, [...path])?.offset
}

/** The versions of the company a document's text may have been made from. */
export interface DocumentVersions {
  /** What the document shows now. */
  readonly shown: CompanyDocumentModel
  /** What it showed before (a text not yet read again, an undo after a conflict's merge). */
  readonly previous: CompanyDocumentModel | undefined
  /** What it was opened from before a window reload (hot exit restores the unsaved text). */
  readonly opened: CompanyDocumentModel | undefined
}

/**
 * What a document's edits are read against: the version whose updated_at its text's
 * read_only.updated_at shows, so edits made on an older version are read against that version (and
 * a save then finds Intercom's newer one a conflict) instead of reverting what changed since. A
 * text that names none of them is read against what the document shows, and its updated_at is then
 * flagged as changed.
 */
export const editBaseFor = (versions: DocumentVersions, text: string): CompanyDocumentModel => {
  const root = parseTree(text, [], { allowTrailingComma: true })
  const updated = root === undefined ? undefined : findNodeAtLocation(root, [READ_ONLY_KEY, "updated_at"])?.value
  const candidates = [versions.shown, versions.previous, versions.opened].filter((v): v is CompanyDocumentModel => v !== undefined)
  return candidates.find((v) => readableTime(v.company.updated_at) === updated) ?? versions.shown
}

/** One edited field: what the document was based on, my value, and Intercom's now. */
export interface EditedField {
  readonly path: string
  readonly before: unknown
  readonly mine: unknown
  readonly theirs: unknown
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

export const editedFields = (edits: DocumentEdits, base: Company, theirs: Company): ReadonlyArray<EditedField> => {
  const out: Array<EditedField> = []
  for (const [key, value] of Object.entries(edits.changes)) {
    if (key !== CUSTOM_KEY) {
      out.push({ path: key, before: fieldValue(base, key as DocumentField), mine: value, theirs: fieldValue(theirs, key as DocumentField) })
      continue
    }
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out.push({ path: `custom.${k}`, before: base.custom_attributes?.[k] ?? null, mine: v, theirs: theirs.custom_attributes?.[k] ?? null })
    }
  }
  return out
}

/** What Intercom's company now says about my edits. */
export const compareWithTheirs = (edits: DocumentEdits, base: Company, theirs: Company) => {
  const fields = editedFields(edits, base, theirs)
  return {
    /** My edits are all there already (an earlier save landed though its answer was lost). */
    landed: fields.every((f) => same(f.theirs, f.mine)),
    /** Edited fields someone else changed to something else: the conflict. */
    underMe: fields.filter((f) => !same(f.theirs, f.before) && !same(f.theirs, f.mine)).map((f) => f.path),
    /** Intercom changed the company since (any field): a conflict unless my edits landed. */
    moved: theirs.updated_at !== base.updated_at
  }
}
