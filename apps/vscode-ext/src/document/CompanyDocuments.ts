// The company documents' file system (engine side; the activation side registers a shim that calls
// this): what each open document was rendered from, its text and modification time, loading a
// company on first read and its contacts after, and re-rendering after a save or a contacts change.
// A save is CompanyDocumentSave's; the editor features (diagnostics, completions) are
// CompanyDocumentLanguage's.
import { Companies, type DataAttribute, describeError } from "@intercom-explorer/core"
import * as vscode from "vscode"
import { attributeDefinitionsOf } from "../attributes/AttributeDefinitions"
import { loadCompanyContacts } from "../contacts/CompanyContacts"
import { onDidChangeCompanyContacts } from "../contacts/ContactEvents"
import type { EditContext } from "../commands/CommandContext"
import { companyLabel, toCompanyRow } from "../tree/model/CompanyRow"
import type { CompanyDocumentModel, DocumentContacts } from "./CompanyDocumentModel"
import { renderCompanyDocument } from "./CompanyDocumentText"
import { companyIdOfUri } from "./CompanyDocumentUri"

export interface CompanyDocumentsDeps extends EditContext {
  /** Keeps what each document was opened from, so an edit restored by hot exit is still saved against it. */
  readonly memento: vscode.Memento
}

export interface DocumentState {
  /** What the text VS Code last read was rendered from: the base a save's changes are read against. */
  shown: CompanyDocumentModel
  /** That text, and its time: VS Code's stat (a changed time or size makes it read the file again). */
  text: Uint8Array
  mtime: number
  /** What the document was opened from before a reload (hot exit), when Intercom has changed since. */
  opened: CompanyDocumentModel | undefined
  /** What was shown before the latest re-render, until VS Code has read the new text. */
  previous: CompanyDocumentModel | undefined
  /** Contacts read while the document had unsaved edits: shown at the next render. */
  pendingContacts: DocumentContacts | string | undefined
}

const MEMENTO_KEY = "intercom.companyDocuments"
/** How long a document read at startup waits for the session to connect. */
const CONNECT_WAIT_MS = 20_000
/** Documents remembered for hot exit; the oldest are forgotten first. */
const REMEMBERED = 20

const encoder = new TextEncoder()
const decoder = new TextDecoder()

export class CompanyDocuments implements vscode.Disposable {
  private readonly states = new Map<string, DocumentState>()
  private readonly loading = new Map<string, Promise<DocumentState>>()
  private readonly subscriptions: Array<vscode.Disposable> = []
  /** Why each document was last saved: an auto-save never opens a prompt or a diff. */
  private readonly saveReasons = new Map<string, vscode.TextDocumentSaveReason>()
  private readonly loadedEmitter = new vscode.EventEmitter<vscode.Uri>()
  /** Fires when a document's company has been read (its problems can be read then). */
  readonly onDidLoad = this.loadedEmitter.event

  constructor(
    readonly deps: CompanyDocumentsDeps,
    private readonly fireChanged: (events: ReadonlyArray<vscode.FileChangeEvent>) => void
  ) {
    this.subscriptions.push(
      this.loadedEmitter,
      vscode.workspace.onWillSaveTextDocument((e) => this.saveReasons.set(e.document.uri.toString(), e.reason)),
      onDidChangeCompanyContacts((companyId) => void this.reloadContacts(companyId)),
      vscode.workspace.onDidCloseTextDocument((d) => !d.isDirty && this.closed(d.uri)),
      // A new connection (sign-out, another workspace): documents of the old one are read again.
      deps.session.onDidChange(() => this.states.clear())
    )
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose()
  }

  /** The state of an open document, loading the company on first use. */
  state(uri: vscode.Uri): Promise<DocumentState> {
    const key = uri.toString()
    const known = this.states.get(key)
    if (known !== undefined) return Promise.resolve(known)
    let loading = this.loading.get(key)
    if (loading === undefined) {
      loading = this.load(uri).finally(() => this.loading.delete(key))
      this.loading.set(key, loading)
    }
    return loading
  }

  /** The state when already loaded (diagnostics do not load). */
  loaded(uri: vscode.Uri): DocumentState | undefined {
    return this.states.get(uri.toString())
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const s = await this.state(uri)
    return { type: vscode.FileType.File, ctime: 0, mtime: s.mtime, size: s.text.byteLength }
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return (await this.state(uri)).text
  }

  private async load(uri: vscode.Uri): Promise<DocumentState> {
    const id = companyIdOfUri(uri)
    if (id === undefined) throw vscode.FileSystemError.FileNotFound(uri)
    if (!(await this.connected())) {
      throw vscode.FileSystemError.Unavailable("Sign in to Intercom (or open the demo workspace) to open this company.")
    }
    let company
    try {
      company = await this.deps.session.run(Companies.use((c) => c.retrieve(id)))
    } catch (error) {
      this.deps.log.warn(`Couldn't open company ${id}:`, error)
      throw vscode.FileSystemError.Unavailable(`Couldn't read company ${id} from Intercom: ${describeError(error)}`)
    }
    const remembered = this.remembered(uri)
    const state: DocumentState = {
      shown: { company, contacts: undefined },
      text: new Uint8Array(),
      // The company's own time: the same after a window reload, so VS Code does not refuse the
      // save of a restored document as "newer on disk" unless the company did change.
      mtime: company.updated_at === undefined ? Date.now() : company.updated_at * 1000,
      opened: remembered !== undefined && remembered.company.updated_at !== company.updated_at ? remembered : undefined,
      previous: undefined,
      pendingContacts: undefined
    }
    state.text = encoder.encode(renderCompanyDocument(state.shown))
    this.states.set(uri.toString(), state)
    // A remembered version the document may still be made from is kept until it is saved or closed.
    if (state.opened === undefined) this.remember(uri, state.shown)
    // Contacts and their notes take a request each: the company shows at once, they follow.
    void this.readContacts(id).then((contacts) => this.showContacts(uri, contacts))
    setTimeout(() => this.loadedEmitter.fire(uri), 0)
    return state
  }

  /**
   * Whether a client is connected, waiting a while for one: a document restored by a window reload
   * is read while the extension activates, before the stored token (or the demo) has connected.
   */
  private connected(): Promise<boolean> {
    if (this.deps.session.current() !== undefined) return Promise.resolve(true)
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        sub.dispose()
        resolve(false)
      }, CONNECT_WAIT_MS)
      const sub = this.deps.session.onDidChange((client) => {
        if (client === undefined) return
        clearTimeout(timer)
        sub.dispose()
        resolve(true)
      })
    })
  }

  private readContacts(companyId: string): Promise<DocumentContacts | string> {
    return loadCompanyContacts(this.deps.session, companyId).catch((error: unknown) => {
      this.deps.log.warn(`Couldn't read the contacts of company ${companyId}:`, error)
      return describeError(error)
    })
  }

  private async reloadContacts(companyId: string): Promise<void> {
    const uris = [...this.states.keys()].map((k) => vscode.Uri.parse(k)).filter((u) => companyIdOfUri(u) === companyId)
    if (uris.length === 0) return
    const contacts = await this.readContacts(companyId)
    for (const uri of uris) this.showContacts(uri, contacts)
  }

  private showContacts(uri: vscode.Uri, contacts: DocumentContacts | string): void {
    const state = this.states.get(uri.toString())
    if (state === undefined) return
    const document = openDocument(uri)
    // Not open here yet (a document being restored by a reload may hold unsaved edits): the next
    // read shows them. Open with unsaved edits: shown after the save. Otherwise: shown now.
    if (document === undefined) {
      state.shown = { company: state.shown.company, contacts }
      state.text = encoder.encode(renderCompanyDocument(state.shown))
    } else if (document.isDirty) state.pendingContacts = contacts
    else this.rerender(uri, state, { company: state.shown.company, contacts })
  }

  /** A document closed without unsaved edits: read afresh when opened again, and forgotten. */
  closed(uri: vscode.Uri): void {
    if (!this.states.delete(uri.toString())) return
    const all = { ...this.deps.memento.get<Record<string, unknown>>(MEMENTO_KEY) }
    delete all[uri.toString()]
    void this.deps.memento.update(MEMENTO_KEY, all)
  }

  /**
   * Shows `model` in the document: the next read gives its text, and VS Code reads it again now
   * (the changed time tells it to). Only for a document without unsaved edits (they would conflict).
   */
  rerender(uri: vscode.Uri, state: DocumentState, model: CompanyDocumentModel): void {
    state.previous = state.shown
    state.shown = model
    state.opened = undefined
    state.pendingContacts = undefined
    this.remember(uri, model)
    const text = renderCompanyDocument(model)
    if (text === decoder.decode(state.text)) return
    const size = state.text.byteLength
    state.text = encoder.encode(text)
    // VS Code reads a file again when its size or time changed, but refuses a save of an edited
    // document over a file whose time is newer ("File Modified Since"): a re-render that races the
    // user's first keystroke must not do that, so the time moves only when the size would not.
    if (state.text.byteLength === size) state.mtime += 1
    this.fireChanged([{ type: vscode.FileChangeType.Changed, uri }])
  }

  /** The company answered by a save: the base of the next save, then shown once VS Code settled the save. */
  saved(uri: vscode.Uri, state: DocumentState, model: CompanyDocumentModel): void {
    state.previous = state.shown
    state.shown = model
    state.opened = undefined
    this.remember(uri, model)
    this.deps.trees.companyChanged(toCompanyRow(model.company))
    // The window marks the document saved after this returns (another process): re-render then.
    afterSave(uri, () => {
      if (!isDirty(uri)) this.rerender(uri, state, { company: model.company, contacts: state.pendingContacts ?? model.contacts })
    })
  }

  private remembered(uri: vscode.Uri): CompanyDocumentModel | undefined {
    return this.deps.memento.get<Record<string, CompanyDocumentModel>>(MEMENTO_KEY)?.[uri.toString()]
  }

  /** Keeps the company only: contacts and their notes (people's details) are not written to disk. */
  private remember(uri: vscode.Uri, model: CompanyDocumentModel): void {
    const all = { ...this.deps.memento.get<Record<string, CompanyDocumentModel>>(MEMENTO_KEY) }
    delete all[uri.toString()]
    all[uri.toString()] = { company: model.company, contacts: undefined }
    const keys = Object.keys(all)
    for (const old of keys.slice(0, Math.max(0, keys.length - REMEMBERED))) delete all[old]
    void this.deps.memento.update(MEMENTO_KEY, all)
  }

  /** Whether the save of `uri` under way was asked for (Ctrl+S, Save), not an auto-save. */
  isManualSave(uri: vscode.Uri): boolean {
    return (this.saveReasons.get(uri.toString()) ?? vscode.TextDocumentSaveReason.Manual) === vscode.TextDocumentSaveReason.Manual
  }

  /** The company attributes Intercom defines, or undefined when they cannot be read (values then go unchecked). */
  async definitions(): Promise<ReadonlyMap<string, DataAttribute> | undefined> {
    try {
      return await attributeDefinitionsOf(this.deps.session).definitions()
    } catch (error) {
      this.deps.log.warn("Couldn't read the data attributes Intercom defines; custom attributes are not type-checked:", error)
      return undefined
    }
  }

  /** The label of a document's company, for messages. */
  labelOf(state: DocumentState): string {
    return companyLabel(toCompanyRow(state.shown.company))
  }
}

/** Runs `then` once VS Code says `uri` was saved (or after a while, should it never say so). */
const afterSave = (uri: vscode.Uri, then: () => void): void => {
  const done = () => {
    sub.dispose()
    clearTimeout(timer)
    then()
  }
  const sub = vscode.workspace.onDidSaveTextDocument((d) => d.uri.toString() === uri.toString() && done())
  const timer = setTimeout(done, 3_000)
}

/** The text document of `uri`, when VS Code has it open. */
export const openDocument = (uri: vscode.Uri): vscode.TextDocument | undefined =>
  vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())

export const isDirty = (uri: vscode.Uri): boolean => openDocument(uri)?.isDirty === true
