import type * as vscode from "vscode"
import { Commands } from "../contributions"
import type { FeatureDeps } from "../FeatureDeps"
import { guardedCommand } from "../guardedCommand"
import { lazy } from "../lazy"

/** Find Company's code (effect, core), loaded when it first runs: see ../lazy.ts. */
const findCommand = lazy("find/FindCompanyCommand", () => require("./FindCompanyCommand") as typeof import("./FindCompanyCommand"))

/** "Intercom: Find Company...". */
export const registerFind = (context: vscode.ExtensionContext, { session, companiesTree, log }: FeatureDeps): void => {
  context.subscriptions.push(
    guardedCommand(
      Commands.findCompany,
      () =>
        findCommand().findCompany({
          session,
          log,
          revealCompany: (id) => companiesTree.revealCompany(id),
          loadedCompanies: () => companiesTree.loadedCompanies()
        }),
      log
    )
  )
}
