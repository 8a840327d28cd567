import * as vscode from "vscode"
import type { Log } from "../logging/Log"

/**
 * "Intercom: Open Demo Workspace" is offered by the signed-out welcome content, so the command has to
 * exist from the start. Starting the simulator inside the extension host and pointing the client at
 * it (DESIGN.md, "Demo workspace") lands with the tree views, on top of @intercom-explorer/core and
 * @intercom-explorer/simulator; until then the command says so instead of failing with
 * "command not found".
 */
export const openDemo = async (log: Log): Promise<void> => {
  log.info("Open Demo Workspace: the demo workspace is not available in this build yet.")
  void vscode.window.showInformationMessage(
    "The Intercom demo workspace is not available in this build yet. Sign in with an access token instead."
  )
}
