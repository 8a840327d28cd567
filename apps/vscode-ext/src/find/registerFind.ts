import type * as vscode from "vscode"
import { Commands } from "../contributions"
import type { FeatureDeps } from "../FeatureDeps"
import { guardedCommand } from "../guardedCommand"
import { findCompany } from "./FindCompanyCommand"
import type { Company } from "./findItems"

/** The Companies view may also offer the companies it has loaded (optional: the lookups work without). */
type TreeWithLoaded = FeatureDeps["companiesTree"] & { loadedCompanies?: () => ReadonlyArray<Company> }

/** "Intercom: Find Company...". */
export const registerFind = (context: vscode.ExtensionContext, { session, companiesTree, log }: FeatureDeps): void => {
  const tree: TreeWithLoaded = companiesTree
  context.subscriptions.push(
    guardedCommand(
      Commands.findCompany,
      () =>
        findCompany({
          session,
          log,
          revealCompany: (id) => tree.revealCompany(id),
          ...(tree.loadedCompanies ? { loadedCompanies: () => tree.loadedCompanies?.() ?? [] } : {})
        }),
      log
    )
  )
}
