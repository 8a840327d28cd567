// The file a command works on: the one its caller passed (the Explorer's context menu, a test), or
// one picked in VS Code's open dialog, starting in the workspace folder. Undefined when cancelled.
import * as vscode from "vscode"

export const givenOrPickedFile = async (
  given: unknown,
  dialog: { readonly title: string; readonly openLabel: string; readonly filters: Record<string, Array<string>> }
): Promise<vscode.Uri | undefined> => {
  if (given instanceof vscode.Uri) return given
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri
  const picked = await vscode.window.showOpenDialog({ ...dialog, canSelectMany: false, ...(folder === undefined ? {} : { defaultUri: folder }) })
  return picked?.[0]
}
