import * as vscode from "vscode"
import type { TokenStore } from "../auth/TokenStore"
import type { Log } from "../logging/Log"

/**
 * The file whose presence at the root of a workspace folder asks for the demo workspace, like the
 * repository's demo-workspace/ (what `pnpm demo` opens). package.json activates the extension on
 * `workspaceContains:.intercom-demo`, so no other folder pays for an activation.
 */
export const DEMO_MARKER = ".intercom-demo"

/**
 * Whether an open folder asks for the demo workspace. A folder may: all it can start is a simulator
 * on 127.0.0.1 with its own throwaway token, which can neither see nor redirect the user's token.
 */
export const autoStartRequested = async (): Promise<boolean> => {
  const has = async (folder: vscode.WorkspaceFolder): Promise<boolean> => {
    try {
      const stat = await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder.uri, DEMO_MARKER))
      return (stat.type & vscode.FileType.File) !== 0
    } catch {
      return false
    }
  }
  const found = await Promise.all((vscode.workspace.workspaceFolders ?? []).map(has))
  return found.includes(true)
}

/**
 * Runs Open Demo Workspace once at activation when a folder asks for it, unless the user has a
 * stored token: a real workspace is never replaced by the demo behind the user's back.
 */
export const maybeAutoStartDemo = async (tokens: TokenStore, log: Log, openDemo: () => PromiseLike<unknown>): Promise<void> => {
  if (!(await autoStartRequested())) return
  if ((await tokens.read()) !== undefined) {
    log.info(`This folder has a ${DEMO_MARKER} file, but you are signed in: the demo workspace was not started.`)
    return
  }
  log.info(`This folder has a ${DEMO_MARKER} file: opening the demo workspace.`)
  await openDemo()
}
