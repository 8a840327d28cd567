// Pure: the rows of "Find Company...", from company rows (the Companies view's, and the exact
// lookups' answers made rows the same way). Unit-tested with vitest.
import { type CompanyRow, companyLabel, formatCount } from "../tree/model/CompanyRow"

/** A QuickPick row of "Find Company...": the company it stands for plus what VS Code displays. */
export interface FindItem {
  readonly label: string
  readonly description?: string
  readonly detail?: string
  /** Exact lookups are shown whatever VS Code's fuzzy filter thinks of the typed text. */
  readonly alwaysShow?: boolean
  readonly companyId: string
}

/** What to ask the API for, or undefined when the text cannot name a company (empty, whitespace). */
export const lookupQuery = (value: string): string | undefined => {
  const query = value.trim()
  return query.length === 0 ? undefined : query
}

const companyItem = (row: CompanyRow, exact: boolean): FindItem => {
  const facts = [
    row.plan,
    row.userCount === undefined ? undefined : `${formatCount(row.userCount)} users`,
    row.website
  ].filter((s) => s !== undefined && s !== "")
  return {
    label: companyLabel(row),
    // The company_id is in the description so that typing it also matches loaded rows.
    ...(row.companyId === undefined ? {} : { description: row.companyId }),
    ...(exact ? { detail: ["exact match", ...facts].join(" · "), alwaysShow: true } : facts.length > 0 ? { detail: facts.join(" · ") } : {}),
    companyId: row.id
  }
}

/**
 * The rows to show: exact matches from the API first (always shown), then the companies the
 * Companies tree has already loaded (VS Code's filter narrows those as the user types). A company
 * found both ways is listed once, as the exact match.
 */
export const findItems = (exact: ReadonlyArray<CompanyRow>, loaded: ReadonlyArray<CompanyRow>): Array<FindItem> => {
  const seen = new Set<string>()
  const items: Array<FindItem> = []
  for (const [rows, isExact] of [[exact, true], [loaded, false]] as const) {
    for (const row of rows) {
      if (seen.has(row.id)) continue
      seen.add(row.id)
      items.push(companyItem(row, isExact))
    }
  }
  return items
}

/** The replica's matches: the query chose them, so VS Code's fuzzy filter must not hide any. */
export const replicaItems = (rows: ReadonlyArray<CompanyRow>): Array<FindItem> => rows.map((row) => ({ ...companyItem(row, false), alwaysShow: true }))
