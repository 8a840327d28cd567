import * as vscode from "vscode"
import type { TokenStore } from "../auth/TokenStore"
import { CONFIG_SECTION } from "../contributions"
import type { Log } from "../logging/Log"

/** `intercom.demo.autoStart`, read per workspace folder (it is resource-scoped). */
export const AUTO_START_SETTING = "demo.autoStart"

/**
 * Whether an open folder asks for the demo workspace at startup (the repository's demo-workspace/
 * folder does, for `pnpm demo`). Unlike the application-scoped `intercom.*` connection settings,
 * this one may come from a folder: all it can do is start a simulator on 127.0.0.1 with its own
 * throwaway token, so it can neither see nor redirect the user's token.
 */
export const autoStartRequested = (): boolean =>
  (vscode.workspace.workspaceFolders ?? []).some((folder) =>
    vscode.workspace.getConfiguration(CONFIG_SECTION, folder.uri).get<boolean>(AUTO_START_SETTING) === true
  )

/**
 * Runs Open Demo Workspace once at activation when a folder asks for it, unless the user has a
 * stored token: a real workspace is never replaced by the demo behind the user's back.
 */
export const maybeAutoStartDemo = async (tokens: TokenStore, log: Log, openDemo: () => PromiseLike<unknown>): Promise<void> => {
  if (!autoStartRequested()) return
  if ((await tokens.read()) !== undefined) {
    log.info(`intercom.${AUTO_START_SETTING} is set, but you are signed in: the demo workspace was not started.`)
    return
  }
  log.info(`intercom.${AUTO_START_SETTING} is set for this folder: opening the demo workspace.`)
  await openDemo()
}
