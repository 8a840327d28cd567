// Composition root: builds the extension's services once, wires them to VS Code, and owns their
// lifetime through context.subscriptions. Feature code lives in the folders next to this file:
//   auth/      the access token (SecretStorage), sign-in/out commands
//   client/    ClientSession: token + settings -> a ManagedRuntime of IntercomClient.layer
//   logging/   the "Intercom" log channel and the redaction every log line goes through
//   settings/  the validated `intercom.*` settings
//   tree/      the Companies, Segments and Tags views (models, providers, drag and drop)
//   replica/   the workspace's local replica (file, sync, background sync) and its commands
//   commands/  the edit commands on companies and tags
//   demo/ export/ find/ status/   features registered in the block marked below
//
// Activation imports nothing that imports effect (of core only its light entry,
// @intercom-explorer/core/connection): that code is the engine (engine.ts, dist/engine.js), loaded
// through lazy.ts when the first effect runs on a client (a view loads, a command runs, the token check).
import * as vscode from "vscode"
import { signIn } from "./auth/SignInCommand"
import { signOut } from "./auth/SignOutCommand"
import { TokenStore } from "./auth/TokenStore"
import { ClientSession } from "./client/ClientSession"
import { Commands } from "./contributions"
import { registerDemo } from "./demo/registerDemo"
import { registerExport } from "./export/registerExport"
import type { CommandContext, Links } from "./commands/CommandContext"
import { registerEditCommands } from "./commands/registerEditCommands"
import type { FeatureDeps } from "./FeatureDeps"
import { registerFind } from "./find/registerFind"
import { registerReplica } from "./replica/registerReplica"
import { ReplicaSession } from "./replica/ReplicaSession"
import { Log } from "./logging/Log"
import { Settings } from "./settings/Settings"
import { Trees } from "./tree/Trees"
import { registerStatus } from "./status/registerStatus"
import { type PlansApi, registerPlans } from "./plans/registerPlans"
import { guardedCommand } from "./guardedCommand"
import { registerDocuments } from "./document/registerDocuments"
import { engine, engineLoaded } from "./lazy"

/**
 * What `activate` returns while the extension runs under its integration tests, and only then:
 * `exports` is readable by every other installed extension, and this object reaches the token.
 */
export interface TestApi {
  readonly log: Log
  readonly tokens: TokenStore
  readonly settings: Settings
  readonly session: ClientSession
  /** The three views (models, providers, TreeViews). */
  readonly trees: Trees
  /** Where web-app links go; tests replace `open` to see the URL. */
  readonly links: Links
  /** Whether the engine (effect, core: see lazy.ts) has been loaded; not by activation. */
  readonly engineLoaded: () => boolean
  /** The engine the extension runs (loading it): its module state, such as the contacts' event. */
  readonly engine: typeof engine
  /** The workspace's replica (file, sync, model). */
  readonly replica: ReplicaSession
  /** Bulk changes: the Plan view and its plan, once used. */
  readonly plans: PlansApi
}

export async function activate(context: vscode.ExtensionContext): Promise<TestApi | undefined> {
  const log = Log.create()
  const tokens = new TokenStore(context.secrets, log)
  const settings = new Settings(log)
  const session = new ClientSession(tokens, settings, log)
  context.subscriptions.push(log, tokens, settings, session)

  // Every command body is wrapped (guardedCommand): a failure is logged (redacted) and shown once.
  const register = (id: string, run: (...args: Array<unknown>) => Promise<unknown>) =>
    context.subscriptions.push(guardedCommand(id, run, log))
  register(Commands.signIn, () => signIn(session, log))
  // The workspace's local replica (SQLite under the global storage; the demo's in a temp folder).
  const replica = new ReplicaSession(session, settings, log, context.globalStorageUri.fsPath, context.globalState)
  context.subscriptions.push(replica)
  register(Commands.signOut, () => signOut(session, log, replica))
  register(Commands.showLogs, async () => log.show())

  // The three views, then their edit commands (which report their writes to the views).
  const links: Links = { open: (url) => vscode.env.openExternal(vscode.Uri.parse(url)) }
  const trees = new Trees(session, log, replica, settings)
  const commands: CommandContext = { session, trees, log, links }
  context.subscriptions.push(trees)
  registerEditCommands(register, commands)
  registerReplica(register, trees, log)
  // The company document: a company opened in an editor tab (document/).
  registerDocuments(context, commands)

  const deps: FeatureDeps = { log, settings, tokens, session, companiesTree: trees }

  // feature registrations (demo, export, find, status)
  // Each feature adds exactly one line here: registerX(context, deps).
  registerDemo(context, deps)
  registerExport(context, deps)
  registerFind(context, deps)
  registerStatus(context, deps)
  const plans = registerPlans(context, { ...deps, trees, replica, storageDir: context.globalStorageUri.fsPath })
  // end of feature registrations

  // Before this resolves the context keys are unset, which `when` clauses read as false: the
  // signed-out welcome shows until the stored token has been read, never a flash of an empty view.
  await session.start()
  log.info(
    `Intercom Explorer ${String(context.extension.packageJSON.version)} activated in ${vscode.env.appName} ${vscode.version};`,
    `region ${settings.current.region}${settings.current.baseUrl ? `, server ${settings.current.baseUrl}` : ""}.`
  )

  return context.extensionMode === vscode.ExtensionMode.Test
    ? { log, tokens, settings, session, trees, links, engineLoaded, engine, replica, plans }
    : undefined
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions (the session disposes its runtime).
}
