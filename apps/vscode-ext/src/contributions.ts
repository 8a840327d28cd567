// Every identifier the extension shares with package.json `contributes`, in one place, so that code,
// tests and the manifest cannot drift apart silently (the integration tests compare them).

export const EXTENSION_ID = "intercom-explorer.intercom-explorer"

export const VIEW_CONTAINER_ID = "intercom"

export const Views = {
  companies: "intercom.companies",
  segments: "intercom.segments",
  tags: "intercom.tags"
} as const

export const Commands = {
  signIn: "intercom.signIn",
  signOut: "intercom.signOut",
  showLogs: "intercom.showLogs",
  openDemo: "intercom.openDemo",
  stopDemo: "intercom.stopDemo",
  exportCompanies: "intercom.exportCompanies",
  findCompany: "intercom.findCompany",

  refreshCompanies: "intercom.companies.refresh",
  refreshSegments: "intercom.segments.refresh",
  refreshTags: "intercom.tags.refresh",
  /** The Retry of an in-tree error row (hidden from the palette: it needs the row). */
  retry: "intercom.retry",
  loadMoreCompanies: "intercom.companies.loadMore",
  loadAllCompanies: "intercom.companies.loadAll",
  stopLoadingCompanies: "intercom.companies.stopLoading",
  /** "Load more" under a segment or a tag (needs the row). */
  loadMoreInGroup: "intercom.group.loadMore",

  createCompany: "intercom.company.create",
  renameCompany: "intercom.company.rename",
  editCompany: "intercom.company.edit",
  editCustomAttribute: "intercom.company.editCustomAttribute",
  deleteCompany: "intercom.company.delete",
  tagCompany: "intercom.company.tag",
  untagCompany: "intercom.company.untag",
  attachContact: "intercom.company.attachContact",
  detachContact: "intercom.company.detachContact",
  /** "Add Note..." on a contact: `(contactId, companyId?, contactLabel?)` from the company document, or picked. */
  addNote: "intercom.contact.addNote",
  openCompany: "intercom.company.openInIntercom",
  copyCompanyId: "intercom.company.copyId",

  createTag: "intercom.tag.create",
  renameTag: "intercom.tag.rename",
  deleteTag: "intercom.tag.delete",
  showTagCompanies: "intercom.tag.showCompanies",

  openSegment: "intercom.segment.openInIntercom"
} as const

/** Context keys read by `when` clauses in package.json (viewsWelcome, menus). */
export const ContextKeys = {
  /** true while a client is connected: a stored token, or the demo workspace. */
  signedIn: "intercom.signedIn",
  /** true while the demo workspace (a local simulator) is in use. */
  demo: "intercom.demo",
  /** true after Intercom answered 401 to the token: the welcome says so. */
  authRejected: "intercom.authRejected",
  /** true while the configured server is refused (plain http:// to another machine, no opt-in). */
  serverRefused: "intercom.serverRefused"
} as const

/** Per-view state keys, `intercom.<view>.<state>`: loading, empty, offline (welcome content). */
export const viewStateKey = (view: "companies" | "segments" | "tags", state: "loading" | "empty" | "offline"): string =>
  `intercom.${view}.${state}`

/** The settings section; every setting is `intercom.<name>`. */
export const CONFIG_SECTION = "intercom"

/** The drag-and-drop mime type of company rows (VS Code's `application/vnd.code.tree.<viewid>`). */
export const COMPANIES_MIME = "application/vnd.code.tree.intercom.companies"

/** Commands of the Companies view on the replica, and Delete Local Data. */
export const ReplicaCommands = {
  sync: "intercom.companies.sync",
  cancelSync: "intercom.companies.cancelSync",
  filter: "intercom.companies.filter",
  clearFilter: "intercom.companies.clearFilter",
  groupBy: "intercom.companies.groupBy",
  sortBy: "intercom.companies.sortBy",
  editQuery: "intercom.companies.editQuery",
  /** "Load more" under a saved query, a group or the filtered list (needs the row). */
  loadMoreInList: "intercom.companies.loadMoreInList",
  deleteLocalData: "intercom.deleteLocalData"
} as const

/** Context keys of the replica: a completed sync is open, a sync runs, a filter is set. */
export const ReplicaContextKeys = {
  ready: "intercom.replica.ready",
  syncing: "intercom.replica.syncing",
  filtered: "intercom.companies.filtered"
} as const

/** The company document (document/): a company opened as a JSONC file of this scheme. */
export const COMPANY_DOCUMENT_SCHEME = "intercom-company"

export const DocumentCommands = {
  /** "Intercom: Open Company...": a row's company (a click on it), else one found with Find Company. */
  open: "intercom.company.openDocument"
} as const
