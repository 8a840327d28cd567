import type { Company } from "@intercom-explorer/models"
import { type CsvValue, csvRecord } from "./Csv.js"

/** The formats a company export is written in (the CLI's `companies export`, the extension's Export). */
export type ExportFormat = "ndjson" | "csv"

/** The CSV columns, in order. Timestamps are ISO 8601 (UTC); NDJSON keeps Intercom's unix seconds. */
export const companyCsvColumns = [
  "id",
  "company_id",
  "name",
  "plan",
  "size",
  "website",
  "industry",
  "monthly_spend",
  "user_count",
  "session_count",
  "created_at",
  "updated_at",
  "last_request_at",
  "tags",
  "custom_attributes"
] as const

const isoTime = (seconds: number | null | undefined): string | undefined =>
  seconds === null || seconds === undefined ? undefined : new Date(seconds * 1000).toISOString()

/** The CSV values of one company, in `companyCsvColumns` order. */
export const companyCsvValues = (company: Company): ReadonlyArray<CsvValue> => [
  company.id,
  company.company_id,
  company.name,
  // `plan` comes as {} in Intercom's examples: the name when there is one, else the id, else empty.
  company.plan?.name ?? company.plan?.id,
  company.size,
  company.website,
  company.industry,
  company.monthly_spend,
  company.user_count,
  company.session_count,
  isoTime(company.created_at),
  isoTime(company.updated_at),
  isoTime(company.last_request_at),
  // Tag names joined by ";" keep one company on one row.
  (company.tags?.tags ?? []).map((tag) => tag.name).join(";"),
  company.custom_attributes === undefined || Object.keys(company.custom_attributes).length === 0
    ? undefined
    : JSON.stringify(company.custom_attributes)
]

export const csvHeader: string = csvRecord(companyCsvColumns)

/** Text for a batch of companies (a scroll page), one line per company. */
export const formatCompanies = (format: ExportFormat, companies: ReadonlyArray<Company>): string => {
  let text = ""
  if (format === "csv") {
    for (const company of companies) text += csvRecord(companyCsvValues(company))
  } else {
    for (const company of companies) text += JSON.stringify(company) + "\n"
  }
  return text
}

/** The text written before the first company: the CSV header, nothing for NDJSON. */
export const exportPreamble = (format: ExportFormat): string => (format === "csv" ? csvHeader : "")
