import type * as vscode from "vscode"
import { Commands } from "../contributions"
import type { FeatureDeps } from "../FeatureDeps"
import { guardedCommand } from "../guardedCommand"
import { engine } from "../lazy"

/** "Intercom: Export All Companies...". */
export const registerExport = (context: vscode.ExtensionContext, { session, log }: FeatureDeps): void => {
  context.subscriptions.push(guardedCommand(Commands.exportCompanies, () => engine().exportCommand.exportAllCompanies(session, log), log))
}
