// How the Companies view turns its state (filter, group, sort) into one query of the replica's
// language. Pure, unit-tested.
import type { GroupBy } from "./ReplicaReader"

export type GroupChoice = "none" | GroupBy

export const GROUP_CHOICES: ReadonlyArray<{ readonly value: GroupChoice; readonly label: string }> = [
  { value: "none", label: "None" },
  { value: "plan", label: "Plan" },
  { value: "industry", label: "Industry" },
  { value: "tag", label: "Tag" },
  { value: "segment", label: "Segment" }
]

/** The sort terms the view offers (the query language's `sort:`); `name` is its default order. */
export const SORT_CHOICES: ReadonlyArray<{ readonly value: string; readonly label: string }> = [
  { value: "name", label: "Name (A to Z)" },
  { value: "-spend", label: "Monthly spend (highest first)" },
  { value: "-size", label: "Size (largest first)" },
  { value: "-users", label: "Users (most first)" },
  { value: "-sessions", label: "Sessions (most first)" },
  { value: "-seen", label: "Last seen (most recent first)" },
  { value: "seen", label: "Last seen (longest ago first)" },
  { value: "-created", label: "Created (newest first)" },
  { value: "-updated", label: "Updated (most recent first)" }
]

export const isGroupChoice = (value: unknown): value is GroupChoice => GROUP_CHOICES.some((c) => c.value === value)
export const isSortChoice = (value: unknown): value is string => SORT_CHOICES.some((c) => c.value === value)

/** A value as one term of the language: quoted (no wildcard) with `"` and `\` escaped. */
export const quoteValue = (value: string): string => `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`

/** The term that selects one group: `plan:"Pro"`, or `no:plan` for the companies without one. */
export const groupTerm = (by: GroupBy, key: string | null): string => (key === null ? `no:${by}` : `${by}:${quoteValue(key)}`)

/** Whether the query orders itself (a `sort:` term outside quotes); then the view's sort is not added. */
export const hasSortTerm = (query: string): boolean => /(?:^|\s)-?sort:/.test(query.replace(/"(?:[^"\\]|\\.)*"/g, "\"\""))

/** The alternatives of a query: split at each ` OR ` outside quotes. */
const splitOr = (query: string): Array<string> => {
  const quoted: Array<string> = []
  const masked = query.replace(/"(?:[^"\\]|\\.)*"/g, (q) => `\u0000${quoted.push(q) - 1}\u0000`)
  return masked.split(/\s+OR\s+/).map((part) => part.replace(/\u0000(\d+)\u0000/g, (_, i: string) => quoted[Number(i)]!))
}

/**
 * The query of a list: the filter (or a saved query), its group's term, and the view's sort unless
 * the query has its own. A query with `OR` is parenthesised by nothing (the language has no
 * parentheses), so the group term goes into each alternative.
 */
export const composeQuery = (base: string, options: { readonly group?: string | undefined; readonly sort?: string | undefined } = {}): string => {
  const trimmed = base.trim()
  const alternatives = trimmed === "" ? [""] : splitOr(trimmed)
  const withGroup = options.group === undefined ? alternatives : alternatives.map((a) => `${a} ${options.group}`.trim())
  const query = withGroup.join(" OR ")
  const sort = options.sort === undefined || options.sort === "name" || hasSortTerm(trimmed) ? "" : ` sort:${options.sort}`
  return `${query}${sort}`.trim()
}
