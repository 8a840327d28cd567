import type { CompaniesShape } from "@intercom-explorer/core"
import type { Stream } from "effect"
import { type CsvValue, csvRecord } from "./csv"

/** A company as core's scroll stream delivers it (the extension depends on core, not on models). */
export type Company = Stream.Success<ReturnType<CompaniesShape["scroll"]>>

/** What "Export All Companies..." can write. */
export type ExportFormat = "ndjson" | "csv"

/**
 * The CSV columns, in order; the same as the CLI's `companies export --format csv`, so an export
 * from either reads the same. Timestamps become ISO 8601 (UTC); NDJSON keeps Intercom's unix seconds.
 */
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
  // Tag names joined by ";" keep one company on one row; a tag name with ";" is rare enough.
  (company.tags?.tags ?? []).map((tag) => tag.name).join(";"),
  company.custom_attributes === undefined || Object.keys(company.custom_attributes).length === 0
    ? undefined
    : JSON.stringify(company.custom_attributes)
]

/** The text written before the first company: the CSV header, nothing for NDJSON. */
export const exportPreamble = (format: ExportFormat): string => (format === "csv" ? csvRecord(companyCsvColumns) : "")

/** The text of a batch of companies (one scroll page at a time), one line or record per company. */
export const formatCompanies = (format: ExportFormat, companies: ReadonlyArray<Company>): string => {
  let text = ""
  if (format === "csv") {
    for (const company of companies) text += csvRecord(companyCsvValues(company))
  } else {
    // The company exactly as the API sent it (after decoding), so NDJSON loses nothing.
    for (const company of companies) text += JSON.stringify(company) + "\n"
  }
  return text
}

/** The file extension and save-dialog filter of a format. */
export const exportFileType = (format: ExportFormat): { readonly extension: string; readonly label: string } =>
  format === "csv" ? { extension: "csv", label: "CSV" } : { extension: "ndjson", label: "NDJSON" }
