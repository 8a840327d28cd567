// Pure: the query behind a list node of the Companies view on the replica, for Bulk Edit on it: a
// saved query as saved, a group as the view's filter plus the group's term.
import { composeQuery, groupTerm } from "../../tree/model/companyQuery"
import type { GroupBy } from "../../tree/model/ReplicaReader"
import type { SavedQuery } from "../../tree/model/savedQueries"

export interface ListQuery {
  readonly query: string
  /** For the Bulk Edit title: the saved query's label, or "plan: Pro". */
  readonly description: string
}

const GROUPS: ReadonlyArray<string> = ["plan", "industry", "tag", "segment"]

/** `query:0` or `group:plan:=Pro` / `group:plan:` (no plan); undefined for any other list. */
export const listQueryOf = (listId: string, lists: { readonly filter: string; readonly queries: ReadonlyArray<SavedQuery> }): ListQuery | undefined => {
  const saved = /^query:(\d+)$/.exec(listId)
  if (saved !== null) {
    const query = lists.queries[Number(saved[1])]
    return query === undefined ? undefined : { query: query.query, description: query.label }
  }
  const group = /^group:(\w+):(?:=([\s\S]*))?$/.exec(listId)
  if (group === null || !GROUPS.includes(group[1]!)) return undefined
  const by = group[1] as GroupBy
  const key = group[2] ?? null
  return { query: composeQuery(lists.filter, { group: groupTerm(by, key) }), description: `${by}: ${key ?? "(none)"}` }
}
