import type * as vscode from "vscode"
import { Commands } from "../contributions"
import type { FeatureDeps } from "../FeatureDeps"
import { guardedCommand } from "../guardedCommand"
import { lazy } from "../lazy"

/** The export's code (effect, core's formats), loaded when it first runs: see ../lazy.ts. */
const exportCommand = lazy("export/ExportCompaniesCommand", () => require("./ExportCompaniesCommand") as typeof import("./ExportCompaniesCommand"))

/** "Intercom: Export All Companies...". */
export const registerExport = (context: vscode.ExtensionContext, { session, log }: FeatureDeps): void => {
  context.subscriptions.push(guardedCommand(Commands.exportCompanies, () => exportCommand().exportAllCompanies(session, log), log))
}
