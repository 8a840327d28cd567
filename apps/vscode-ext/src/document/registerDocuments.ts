// Activation side of the company document: the file system of `intercom-company:` documents and
// Open Company..., each a shim that loads the engine (../lazy.ts) on first use. VS Code activates
// the extension on the scheme too, so a document restored by a window reload (hot exit) reads again.
import * as vscode from "vscode"
import { COMPANY_DOCUMENT_SCHEME, Commands, DocumentCommands } from "../contributions"
import type { CommandContext } from "../commands/CommandContext"
import { guardedCommand } from "../guardedCommand"
import { engine } from "../lazy"

export const registerDocuments = (context: vscode.ExtensionContext, ctx: CommandContext) => {
  const changes = new vscode.EventEmitter<Array<vscode.FileChangeEvent>>()
  type Docs = ReturnType<ReturnType<typeof engine>["documents"]["startDocuments"]>
  let started: Docs | undefined
  const docs = () => (started ??= engine().documents.startDocuments({ ...ctx, memento: context.workspaceState }, (e) => changes.fire([...e])))
  const readOnly = () => {
    throw vscode.FileSystemError.NoPermissions("A company document can only be edited and saved.")
  }
  const provider: vscode.FileSystemProvider = {
    onDidChangeFile: changes.event,
    watch: () => new vscode.Disposable(() => undefined),
    stat: (uri) => docs().stat(uri),
    readFile: (uri) => docs().readFile(uri),
    writeFile: (uri, content) => engine().documents.writeFile(docs(), uri, content),
    readDirectory: () => [],
    createDirectory: readOnly,
    delete: readOnly,
    rename: readOnly
  }
  context.subscriptions.push(
    changes,
    vscode.workspace.registerFileSystemProvider(COMPANY_DOCUMENT_SCHEME, provider, { isCaseSensitive: true }),
    guardedCommand(
      DocumentCommands.open,
      (...args) => engine().documents.open(docs(), args, async () => vscode.commands.executeCommand<string | undefined>(Commands.findCompany)),
      ctx.log
    ),
    { dispose: () => started?.features.dispose() }
  )
}
