// The editor features of company documents: problems as you type (the same reading a save does),
// completions of field and attribute names from what Intercom defines, hovers that say what a field
// is and whether a save sends it, and code lenses on contacts (Add Note, Detach, Attach).
import { type DataAttribute, dataTypeDescription } from "@intercom-explorer/core"
import { getLocation, type Location } from "jsonc-parser"
import * as vscode from "vscode"
import { attributeDefinitionsOf } from "../attributes/AttributeDefinitions"
import { fieldSpec, type EditableField } from "../commands/companyFields"
import { contactLabel } from "../contacts/CompanyContacts"
import { COMPANY_DOCUMENT_SCHEME, Commands } from "../contributions"
import { editBaseFor, offsetOf, readDocumentEdits } from "./CompanyDocumentEdits"
import { CUSTOM_KEY, EDITABLE_FIELDS, READ_ONLY_KEY } from "./CompanyDocumentModel"
import { type CompanyDocuments, openDocument } from "./CompanyDocuments"

const SELECTOR: vscode.DocumentSelector = { scheme: COMPANY_DOCUMENT_SCHEME }
/** Typing pauses this long before the problems are read again. */
const DIAGNOSTICS_DEBOUNCE_MS = 150

const isCompanyDocument = (document: vscode.TextDocument) => document.uri.scheme === COMPANY_DOCUMENT_SCHEME

export const registerCompanyDocumentLanguage = (docs: CompanyDocuments): vscode.Disposable => {
  const diagnostics = vscode.languages.createDiagnosticCollection("intercom-company")
  const timers = new Map<string, ReturnType<typeof setTimeout>>()

  // Only documents whose company is read: a check never reads one (after a sign-out, a document
  // left open must not be read from the next connection); reading it schedules its check.
  const check = async (document: vscode.TextDocument) => {
    const state = docs.loaded(document.uri)
    if (state === undefined || document.isClosed) return
    const text = document.getText()
    const edits = readDocumentEdits(text, editBaseFor(state, text), await docs.definitions())
    diagnostics.set(
      document.uri,
      edits.problems.map((p) => {
        const range = new vscode.Range(document.positionAt(p.offset), document.positionAt(p.offset + p.length))
        const d = new vscode.Diagnostic(range, p.message, p.severity === "error" ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning)
        d.source = "Intercom"
        return d
      })
    )
  }
  const schedule = (document: vscode.TextDocument) => {
    if (!isCompanyDocument(document)) return
    const key = document.uri.toString()
    clearTimeout(timers.get(key))
    timers.set(key, setTimeout(() => void check(document), DIAGNOSTICS_DEBOUNCE_MS))
  }

  const definitions = attributeDefinitionsOf(docs.deps.session)
  // Documents restored by a window reload were opened before these features started.
  vscode.workspace.textDocuments.forEach(schedule)
  return vscode.Disposable.from(
    diagnostics,
    vscode.workspace.onDidOpenTextDocument(schedule),
    vscode.workspace.onDidChangeTextDocument((e) => schedule(e.document)),
    vscode.workspace.onDidCloseTextDocument((d) => diagnostics.delete(d.uri)),
    docs.onDidLoad((uri) => {
      const document = openDocument(uri)
      if (document !== undefined) schedule(document)
    }),
    definitions.onDidChange(() => vscode.workspace.textDocuments.forEach(schedule)),
    vscode.languages.registerCompletionItemProvider(SELECTOR, { provideCompletionItems: (d, p) => completions(docs, d, p) }, "\""),
    vscode.languages.registerHoverProvider(SELECTOR, { provideHover: (d, p) => hover(docs, d, p) }),
    vscode.languages.registerCodeLensProvider(SELECTOR, { provideCodeLenses: (d) => contactLenses(docs, d) }),
    { dispose: () => timers.forEach(clearTimeout) }
  )
}

const locate = (document: vscode.TextDocument, position: vscode.Position): Location =>
  getLocation(document.getText(), document.offsetAt(position))

/** The quoted word at the cursor (a key being typed), replaced whole by a completion. */
const keyRange = (document: vscode.TextDocument, position: vscode.Position) =>
  document.getWordRangeAtPosition(position, /"[^"\n]*"?/) ?? new vscode.Range(position, position)

const valueSnippet = (attribute: DataAttribute | undefined): string => {
  if (attribute === undefined) return "${1:null}"
  if (attribute.options !== undefined && attribute.options.length > 0) {
    return `"\${1|${attribute.options.map((o) => o.replace(/[,|\\$}]/g, "\\$&")).join(",")}|}"`
  }
  switch (attribute.data_type) {
    case "string":
      return "\"$1\""
    case "boolean":
      return "${1|true,false|}"
    default:
      return "${1:0}"
  }
}

const completions = async (docs: CompanyDocuments, document: vscode.TextDocument, position: vscode.Position) => {
  const location = locate(document, position)
  const path = location.path
  const text = document.getText()
  const present = (key: string, inCustom: boolean) => text.includes(`${inCustom ? "" : "\n  "}"${key}"`)
  if (location.isAtPropertyKey && path.length === 2 && path[0] === CUSTOM_KEY) {
    const defined = await docs.definitions()
    if (defined === undefined) return []
    return [...defined.values()].filter((a) => !present(a.name, true)).map((a) => {
      const item = new vscode.CompletionItem(a.name, vscode.CompletionItemKind.Property)
      item.detail = `${a.data_type} · defined in Intercom`
      item.documentation = a.description ?? a.label
      item.insertText = new vscode.SnippetString(`"${a.name}": ${valueSnippet(a)}`)
      item.range = keyRange(document, position)
      item.filterText = `"${a.name}"`
      return item
    })
  }
  if (location.isAtPropertyKey && path.length === 1) {
    return EDITABLE_FIELDS.filter((f) => !present(f, false)).map((f) => {
      const item = new vscode.CompletionItem(f, vscode.CompletionItemKind.Field)
      item.detail = fieldSpec(f as EditableField).label
      item.documentation = fieldSpec(f as EditableField).prompt
      item.insertText = new vscode.SnippetString(`"${f}": ${f === "size" || f === "monthly_spend" ? "${1:0}" : "\"$1\""}`)
      item.range = keyRange(document, position)
      item.filterText = `"${f}"`
      return item
    })
  }
  if (!location.isAtPropertyKey && path.length === 2 && path[0] === CUSTOM_KEY) {
    const attribute = (await docs.definitions())?.get(String(path[1]))
    const values = attribute?.data_type === "boolean" ? ["true", "false"] : (attribute?.options ?? []).map((o) => JSON.stringify(o))
    return values.map((v) => new vscode.CompletionItem(v, vscode.CompletionItemKind.Value))
  }
  return []
}

const hover = async (docs: CompanyDocuments, document: vscode.TextDocument, position: vscode.Position) => {
  const { path } = locate(document, position)
  const [top, key] = path
  if (top === READ_ONLY_KEY) return new vscode.Hover(`Read-only: set by Intercom. A save does not send it.`)
  if (top === CUSTOM_KEY && key !== undefined) {
    const defined = await docs.definitions()
    const attribute = defined?.get(String(key))
    if (defined === undefined) return new vscode.Hover(`custom.${String(key)}: Intercom's definitions could not be read.`)
    if (attribute === undefined) {
      return new vscode.Hover(`custom.${String(key)}: **not defined in Intercom**, which ignores writes to undefined attributes. A save offers to create it.`)
    }
    return new vscode.Hover(
      new vscode.MarkdownString(`**custom.${attribute.name}** · ${attribute.data_type} (${dataTypeDescription(attribute.data_type)})` +
        `${attribute.options === undefined ? "" : `\n\nOne of: ${attribute.options.join(", ")}`}` +
        `${attribute.description === undefined ? "" : `\n\n${attribute.description}`}`)
    )
  }
  if (typeof top === "string" && (EDITABLE_FIELDS as ReadonlyArray<string>).includes(top)) {
    const spec = fieldSpec(top as EditableField)
    return new vscode.Hover(`**${spec.label}** (${top}): ${spec.prompt} Saved when changed.`)
  }
  return undefined
}

const contactLenses = (docs: CompanyDocuments, document: vscode.TextDocument): Array<vscode.CodeLens> => {
  const state = docs.loaded(document.uri)
  const contacts = state?.shown.contacts
  const text = document.getText()
  const companyId = state?.shown.company.id
  if (state === undefined || companyId === undefined) return []
  const at = (path: ReadonlyArray<string | number>) => {
    const offset = offsetOf(text, path)
    return offset === undefined ? undefined : new vscode.Range(document.positionAt(offset), document.positionAt(offset))
  }
  const lenses: Array<vscode.CodeLens> = []
  const list = at([READ_ONLY_KEY, "contacts"])
  if (list !== undefined) {
    lenses.push(new vscode.CodeLens(list, { title: "Attach Contact…", command: Commands.attachContact, arguments: [companyId] }))
  }
  if (typeof contacts !== "object") return lenses
  contacts.contacts.forEach(({ contact }, i) => {
    const range = at([READ_ONLY_KEY, "contacts", i])
    if (range === undefined) return
    const label = contactLabel(contact)
    lenses.push(
      new vscode.CodeLens(range, { title: `Add Note to ${label}…`, command: Commands.addNote, arguments: [contact.id, companyId, label] }),
      new vscode.CodeLens(range, { title: "Detach", command: Commands.detachContact, arguments: [companyId, contact.id, label] })
    )
  })
  return lenses
}
