import type * as vscode from "vscode"
import { Commands } from "../contributions"
import type { FeatureDeps } from "../FeatureDeps"
import { guardedCommand } from "../guardedCommand"
import { findCompany } from "./FindCompanyCommand"

/** "Intercom: Find Company...". */
export const registerFind = (context: vscode.ExtensionContext, { session, companiesTree, log }: FeatureDeps): void => {
  context.subscriptions.push(
    guardedCommand(
      Commands.findCompany,
      () =>
        findCompany({
          session,
          log,
          revealCompany: (id) => companiesTree.revealCompany(id),
          loadedCompanies: () => companiesTree.loadedCompanies()
        }),
      log
    )
  )
}
