// The compact row model of a company: only what the trees show (label, description, tooltip,
// children). A 100,000-company workspace keeps 100,000 of these, never the full API objects with
// their custom attributes and nested segment objects. Pure (no vscode), unit-tested with vitest.
import type { Company } from "@intercom-explorer/core/connection"

export interface Named {
  readonly id: string
  readonly name: string
}

export interface CompanyRow {
  /** Intercom's id: every call and tree id uses it. */
  readonly id: string
  /** The workspace's own id (`company_id`). */
  readonly companyId: string | undefined
  readonly name: string | undefined
  readonly plan: string | undefined
  readonly size: number | undefined
  readonly userCount: number | undefined
  readonly monthlySpend: number | undefined
  readonly website: string | undefined
  readonly industry: string | undefined
  readonly tags: ReadonlyArray<Named>
  readonly segments: ReadonlyArray<Named>
}

const orUndefined = <A>(value: A | null | undefined): A | undefined => (value === null ? undefined : value)

/** Keeps the fields the trees show; strings are copied so that the API object can be collected. */
export const toCompanyRow = (company: Company): CompanyRow => ({
  id: company.id,
  companyId: company.company_id,
  name: orUndefined(company.name),
  plan: orUndefined(company.plan)?.name,
  size: orUndefined(company.size),
  userCount: company.user_count,
  monthlySpend: company.monthly_spend,
  website: orUndefined(company.website),
  industry: orUndefined(company.industry),
  tags: (company.tags?.tags ?? []).map((t) => ({ id: t.id, name: t.name })),
  segments: (company.segments?.segments ?? []).map((s) => ({ id: s.id, name: s.name }))
})

/** The row label: the name, else the workspace's id, else Intercom's. */
export const companyLabel = (row: CompanyRow): string =>
  row.name !== undefined && row.name.trim() !== "" ? row.name : (row.companyId ?? row.id)

// Made on first use: the first Intl object of a process loads ICU data (~10 ms), which activation
// should not pay for.
let number: Intl.NumberFormat | undefined
export const formatCount = (n: number): string => (number ??= new Intl.NumberFormat("en-US")).format(n)

const plural = (n: number, one: string, many: string): string => `${formatCount(n)} ${n === 1 ? one : many}`

/** The row description: "Pro · 120 people · 5 users · $1,200/mo" (what is known of it). */
export const companyDescription = (row: CompanyRow): string => {
  const parts: Array<string> = []
  if (row.plan !== undefined) parts.push(row.plan)
  if (row.size !== undefined) parts.push(plural(row.size, "person", "people"))
  if (row.userCount !== undefined) parts.push(plural(row.userCount, "user", "users"))
  if (row.monthlySpend !== undefined) parts.push(`$${formatCount(row.monthlySpend)}/mo`)
  return parts.join(" · ")
}

const escapeMarkdown = (s: string): string => s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, "\\$&")

/** The rich tooltip, as Markdown (the provider wraps it in a MarkdownString). */
export const companyTooltip = (row: CompanyRow): string => {
  const lines = [`**${escapeMarkdown(companyLabel(row))}**`, ""]
  const field = (name: string, value: string | undefined) => {
    if (value !== undefined && value !== "") lines.push(`- ${name}: ${escapeMarkdown(value)}`)
  }
  field("Plan", row.plan)
  field("Size", row.size === undefined ? undefined : plural(row.size, "person", "people"))
  field("Users", row.userCount === undefined ? undefined : formatCount(row.userCount))
  field("Monthly spend", row.monthlySpend === undefined ? undefined : `$${formatCount(row.monthlySpend)}`)
  field("Industry", row.industry)
  field("Website", row.website)
  field("Tags", row.tags.map((t) => t.name).join(", "))
  field("Segments", row.segments.map((s) => s.name).join(", "))
  field("company_id", row.companyId)
  field("Intercom id", row.id)
  return lines.join("\n")
}

/** A copy of the row with a tag added (no duplicate) or removed, after a successful (un)tagging. */
export const withTag = (row: CompanyRow, tag: Named): CompanyRow =>
  row.tags.some((t) => t.id === tag.id) ? row : { ...row, tags: [...row.tags, { id: tag.id, name: tag.name }] }

export const withoutTag = (row: CompanyRow, tagId: string): CompanyRow =>
  row.tags.some((t) => t.id === tagId) ? { ...row, tags: row.tags.filter((t) => t.id !== tagId) } : row

/** A tag renamed: rows carry tag names for their children. */
export const withTagRenamed = (row: CompanyRow, tag: Named): CompanyRow =>
  row.tags.some((t) => t.id === tag.id) ? { ...row, tags: row.tags.map((t) => (t.id === tag.id ? { ...t, name: tag.name } : t)) } : row
