// `intercom.companies.queries`: saved queries shown as nodes of the Companies view, each with its
// count (like GitHub Pull Requests' `githubPullRequests.queries`). Pure, unit-tested.

export interface SavedQuery {
  readonly label: string
  readonly query: string
}

/** The defaults of the setting (package.json declares the same). */
export const DEFAULT_SAVED_QUERIES: ReadonlyArray<SavedQuery> = [
  { label: "Top spenders", query: "spend>1000 sort:-spend" },
  { label: "Not seen for 90 days", query: "seen>90d OR no:seen" },
  { label: "Without users", query: "users:0 OR no:users" },
  { label: "New this month", query: "created<30d sort:-created" }
]

/**
 * The saved queries from the raw setting: entries without a label or a query are skipped, with a
 * sentence each for the log. A query the parser refuses is kept: its node says why.
 */
export const parseSavedQueries = (raw: unknown): { readonly queries: ReadonlyArray<SavedQuery>; readonly problems: ReadonlyArray<string> } => {
  if (raw === undefined || raw === null) return { queries: DEFAULT_SAVED_QUERIES, problems: [] }
  if (!Array.isArray(raw)) return { queries: DEFAULT_SAVED_QUERIES, problems: ["intercom.companies.queries must be an array of { label, query }; using the defaults."] }
  const queries: Array<SavedQuery> = []
  const problems: Array<string> = []
  raw.forEach((entry: unknown, i) => {
    const label = (entry as { label?: unknown } | null)?.label
    const query = (entry as { query?: unknown } | null)?.query
    if (typeof label === "string" && label.trim() !== "" && typeof query === "string") queries.push({ label: label.trim(), query: query.trim() })
    else problems.push(`intercom.companies.queries[${i}] needs a "label" and a "query" (text); skipped.`)
  })
  return { queries, problems }
}
