// Composition root: builds the extension's services once, wires them to VS Code, and owns their
// lifetime through context.subscriptions. Feature code lives in the folders next to this file:
//   auth/      the access token (SecretStorage), sign-in/out, the `intercom.signedIn` context key
//   logging/   the "Intercom" log channel and the redaction every log line goes through
//   settings/  the validated `intercom.*` settings
//   demo/      the demo workspace (a local simulator instead of a real account)
// The tree views (Companies, Segments, Tags) register their providers here too, on top of
// @intercom-explorer/core; until they do, the views show their welcome content.
import * as vscode from "vscode"
import { signIn } from "./auth/SignInCommand"
import { SignedInContext } from "./auth/SignedInContext"
import { signOut } from "./auth/SignOutCommand"
import { TokenStore } from "./auth/TokenStore"
import { Commands } from "./contributions"
import { openDemo } from "./demo/OpenDemoCommand"
import { Log } from "./logging/Log"
import { Settings } from "./settings/Settings"

/**
 * What `activate` returns while the extension runs under its integration tests, and only then:
 * `exports` is readable by every other installed extension, and this object reaches the token.
 */
export interface TestApi {
  readonly log: Log
  readonly tokens: TokenStore
  readonly signedIn: SignedInContext
  readonly settings: Settings
}

export async function activate(context: vscode.ExtensionContext): Promise<TestApi | undefined> {
  const log = Log.create()
  const tokens = new TokenStore(context.secrets, log)
  const signedIn = new SignedInContext(tokens, log)
  const settings = new Settings(log)
  context.subscriptions.push(log, tokens, signedIn, settings)

  // Every command body is wrapped: a failure is logged (redacted) and shown once, instead of
  // surfacing as VS Code's generic "command resulted in an error" without any detail in our log.
  const register = (id: string, run: (...args: Array<unknown>) => Promise<unknown>) =>
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: Array<unknown>) => {
        try {
          return await run(...args)
        } catch (error) {
          log.error(`Command ${id} failed:`, error)
          void vscode.window.showErrorMessage(`Intercom: ${error instanceof Error ? error.message : String(error)}`)
          return undefined
        }
      })
    )
  register(Commands.signIn, () => signIn(tokens, signedIn, log))
  register(Commands.signOut, () => signOut(tokens, signedIn, log))
  register(Commands.showLogs, async () => log.show())
  register(Commands.openDemo, () => openDemo(log))

  // Before this resolves the key is unset, which `when` clauses read as false: the signed-out
  // welcome shows until the stored token has been read, never a flash of an empty signed-in view.
  await signedIn.refresh()
  log.info(
    `Intercom Explorer ${String(context.extension.packageJSON.version)} activated in ${vscode.env.appName} ${vscode.version};`,
    `region ${settings.current.region}${settings.current.baseUrl ? `, server ${settings.current.baseUrl}` : ""}.`
  )

  return context.extensionMode === vscode.ExtensionMode.Test ? { log, tokens, signedIn, settings } : undefined
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
