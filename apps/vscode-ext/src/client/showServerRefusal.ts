import * as vscode from "vscode"

/**
 * Tells the user that the configured server is refused (plain http:// to another machine), with a
 * way straight to the `intercom.baseUrl` setting.
 */
export const showServerRefusal = (message: string): void => {
  void vscode.window.showErrorMessage(message, "Open Settings").then((choice) => {
    if (choice === "Open Settings") void vscode.commands.executeCommand("workbench.action.openSettings", "intercom.baseUrl")
  })
}
