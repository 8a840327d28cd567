import type * as vscode from "vscode"
import { Commands } from "../contributions"
import type { FeatureDeps } from "../FeatureDeps"
import { guardedCommand } from "../guardedCommand"
import { engine } from "../lazy"

/** "Intercom: Find Company...". */
export const registerFind = (context: vscode.ExtensionContext, { session, companiesTree, log }: FeatureDeps): void => {
  context.subscriptions.push(
    guardedCommand(
      Commands.findCompany,
      () =>
        engine().findCommand.findCompany({
          session,
          log,
          revealCompany: (id) => companiesTree.revealCompany(id),
          loadedCompanies: () => companiesTree.loadedCompanies(),
          searchCompanies: (text) => companiesTree.searchCompanies(text)
        }),
      log
    )
  )
}
