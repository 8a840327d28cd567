// The company document's code in the engine (dist/engine.js), reached through `engine().documents`
// by the activation side's file system shim (registerDocuments.ts).
import * as vscode from "vscode"
import type { CommandArgs } from "../commands/CommandContext"
import { registerCompanyDocumentLanguage } from "./CompanyDocumentLanguage"
import { CompanyDocuments, type CompanyDocumentsDeps } from "./CompanyDocuments"
import { saveCompanyDocument } from "./CompanyDocumentSave"
import { THEIRS_SCHEME, theirsProvider } from "./ConflictResolution"
import { openCompanyDocument } from "./OpenCompanyDocument"

export { CompanyDocuments } from "./CompanyDocuments"

/** The documents and their editor features, made when the first document is read or opened. */
export const startDocuments = (
  deps: CompanyDocumentsDeps,
  fireChanged: (events: ReadonlyArray<vscode.FileChangeEvent>) => void
): CompanyDocuments & { readonly features: vscode.Disposable } => {
  const docs = new CompanyDocuments(deps, fireChanged)
  const features = vscode.Disposable.from(
    docs,
    registerCompanyDocumentLanguage(docs),
    vscode.workspace.registerTextDocumentContentProvider(THEIRS_SCHEME, theirsProvider)
  )
  return Object.assign(docs, { features })
}

export const writeFile = (docs: CompanyDocuments, uri: vscode.Uri, content: Uint8Array): Promise<void> =>
  saveCompanyDocument(docs, uri, content)

export const open = (docs: CompanyDocuments, args: CommandArgs, find: () => Promise<string | undefined>) =>
  openCompanyDocument(docs.deps, args, find)
