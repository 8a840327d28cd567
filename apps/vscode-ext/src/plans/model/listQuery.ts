// Pure: what Bulk Edit on a list node of the Companies view acts on. The query is the one the view's
// model runs for that list (ReplicaCompaniesModel.queryOf, set when it handed the list out), so it
// is never derived a second time here; only the words for the Bulk Edit title are.
import type { SavedQuery } from "../../tree/model/savedQueries"

export interface ListQuery {
  readonly query: string
  /** For the Bulk Edit title: the saved query's label, or "plan: Pro". */
  readonly description: string
}

/** What is read of the Companies view's model (ReplicaCompaniesModel). */
export interface ShownLists {
  readonly filter: string
  readonly queries: ReadonlyArray<SavedQuery>
  queryOf(listId: string): string | undefined
}

/** `query:0` -> its label; `group:plan:=Pro` -> "plan: Pro", `group:plan:` -> "plan: (none)". */
const descriptionOf = (listId: string, lists: ShownLists): string | undefined => {
  const saved = /^query:(\d+)$/.exec(listId)
  if (saved !== null) return lists.queries[Number(saved[1])]?.label
  const group = /^group:(\w+):(?:=([\s\S]*))?$/.exec(listId)
  if (group !== null) return `${group[1]}: ${group[2] ?? "(none)"}`
  return undefined
}

/** The list's query as the view runs it, and its description; undefined when the view does not show it (now). */
export const listQueryOf = (listId: string, lists: ShownLists): ListQuery | undefined => {
  const query = lists.queryOf(listId)
  if (query === undefined) return undefined
  return { query, description: descriptionOf(listId, lists) ?? (lists.filter.trim() === "" ? "every company" : lists.filter.trim()) }
}
