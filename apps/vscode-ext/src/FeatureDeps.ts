import type { TokenStore } from "./auth/TokenStore"
import type { ClientSession } from "./client/ClientSession"
import type { Log } from "./logging/Log"
import type { Settings } from "./settings/Settings"
import type { CompanyRow } from "./tree/model/CompanyRow"

/** The Companies view, as other features see it. */
export interface CompaniesTreeApi {
  /**
   * Shows the company with this Intercom id in the Companies view: selects and focuses its row,
   * adding the row (fetched with GET /companies/{id}) when it is not loaded yet. Resolves false
   * when the company could not be found or the session is signed out.
   */
  revealCompany(companyId: string): Promise<boolean>
  /** The companies loaded so far, as Find Company offers them before its lookups answer. */
  loadedCompanies(): ReadonlyArray<CompanyRow>
  /**
   * Companies of the whole replica matching the text (a query, or else the text as a quoted word),
   * first 50 in the view's order (read on the replica's thread); undefined while the workspace has no replica.
   */
  searchCompanies(text: string): Promise<ReadonlyArray<CompanyRow>> | undefined
}

/**
 * What extension.ts hands to each feature's `register*(context, deps)` (demo, export, find, status).
 * Features keep their own disposables on `context.subscriptions`.
 */
export interface FeatureDeps {
  readonly log: Log
  readonly settings: Settings
  readonly tokens: TokenStore
  readonly session: ClientSession
  readonly companiesTree: CompaniesTreeApi
}
