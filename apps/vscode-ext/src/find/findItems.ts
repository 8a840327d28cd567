/**
 * What a row needs of a company: core's Company has these fields, and so has the Companies tree's
 * lighter record of the companies it has loaded.
 */
export interface Company {
  readonly id: string
  readonly company_id?: string | undefined
  readonly name?: string | null | undefined
  readonly plan?: { readonly name?: string | undefined } | null | undefined
  readonly user_count?: number | undefined
  readonly website?: string | null | undefined
}

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

const companyItem = (company: Company, exact: boolean): FindItem => {
  const facts = [
    company.plan?.name,
    company.user_count === undefined ? undefined : `${company.user_count} users`,
    company.website ?? undefined
  ].filter((s) => s !== undefined && s !== "")
  return {
    label: company.name ?? company.company_id ?? company.id,
    // The company_id is in the description so that typing it also matches loaded rows.
    ...(company.company_id === undefined ? {} : { description: company.company_id }),
    ...(exact ? { detail: ["exact match", ...facts].join(" · "), alwaysShow: true } : facts.length > 0 ? { detail: facts.join(" · ") } : {}),
    companyId: company.id
  }
}

/**
 * The rows to show: exact matches from the API first (always shown), then the companies the
 * Companies tree has already loaded (VS Code's filter narrows those as the user types). A company
 * found both ways is listed once, as the exact match.
 */
export const findItems = (exact: ReadonlyArray<Company>, loaded: ReadonlyArray<Company>): Array<FindItem> => {
  const seen = new Set<string>()
  const items: Array<FindItem> = []
  for (const [companies, isExact] of [[exact, true], [loaded, false]] as const) {
    for (const company of companies) {
      if (seen.has(company.id)) continue
      seen.add(company.id)
      items.push(companyItem(company, isExact))
    }
  }
  return items
}
