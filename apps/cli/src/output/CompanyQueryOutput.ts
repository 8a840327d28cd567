import { type Company, exportPreamble, formatCompanies } from "@intercom-explorer/core"
import { type RawCompany, toCompany } from "@intercom-explorer/replica"
import { Stream } from "effect"
import { type Column, shortDay, tableHeader, tableRow, tableWidths } from "./Table.js"

/*
 * `companies query`'s output as text, batch by batch as the replica's rows stream by (the replica
 * hands them over in batches), so 100,000 matches never sit in memory at once:
 * - ndjson: each company exactly as Intercom sent it (the JSON the replica stored), one per line;
 * - csv: core's export format (header, RFC 4180), the same as `companies export --format csv`;
 * - table: the main columns, widths from the first batch, narrowed to the terminal's width.
 */

export type QueryFormat = "table" | "ndjson" | "csv"

/** A stored company as `Company` (an odd one with the fields that decode; at worst its id alone). */
const decoded = (raw: RawCompany): Company => {
  try {
    return toCompany(raw.json)
  } catch {
    // The sync stores only companies with a string id; the brand is the schema's, the value is that id.
    return { id: raw.id } as unknown as Company
  }
}

/** NDJSON: the stored JSON text, on one line (JSON.stringify escapes newlines inside strings). */
const ndjsonLine = (raw: RawCompany): string => (raw.json.includes("\n") ? JSON.stringify(JSON.parse(raw.json)) : raw.json) + "\n"

const tagNames = (company: Company): string => (company.tags?.tags ?? []).map((tag) => tag.name).join(", ")

export const companyTableColumns: ReadonlyArray<Column<Company>> = [
  { header: "NAME", value: (c) => c.name, maxWidth: 36 },
  { header: "COMPANY_ID", value: (c) => c.company_id, maxWidth: 24 },
  { header: "PLAN", value: (c) => c.plan?.name, maxWidth: 16 },
  { header: "SIZE", value: (c) => c.size, numeric: true },
  { header: "SPEND", value: (c) => c.monthly_spend, numeric: true },
  { header: "USERS", value: (c) => c.user_count, numeric: true },
  { header: "SESSIONS", value: (c) => c.session_count, numeric: true },
  { header: "SEEN", value: (c) => shortDay(c.last_request_at) },
  { header: "CREATED", value: (c) => shortDay(c.created_at) },
  { header: "TAGS", value: tagNames, maxWidth: 30 }
]

/** The table, batch by batch: header and widths with the first batch. `width`: the terminal's columns, if any. */
const tableText = <E, R>(companies: Stream.Stream<RawCompany, E, R>, width: number | undefined) => {
  let widths: Array<number> | undefined
  return Stream.mapArray(companies, (batch) => {
    const rows = batch.map(decoded)
    let text = ""
    if (widths === undefined) {
      widths = tableWidths(companyTableColumns, rows, width)
      text += `${tableHeader(companyTableColumns, widths)}\n`
    }
    for (const row of rows) text += `${tableRow(companyTableColumns, widths, row)}\n`
    return [text] as const
  })
}

/** The companies as text in `format`, in their order. */
export const queryText = <E, R>(
  format: QueryFormat,
  companies: Stream.Stream<RawCompany, E, R>,
  options: { readonly terminalWidth?: number | undefined } = {}
): Stream.Stream<string, E, R> => {
  switch (format) {
    case "ndjson":
      return Stream.mapArray(companies, (batch) => [batch.map(ndjsonLine).join("")] as const)
    case "csv":
      return Stream.concat(
        Stream.succeed(exportPreamble("csv")),
        Stream.mapArray(companies, (batch) => [formatCompanies("csv", batch.map(decoded))] as const)
      )
    case "table":
      return tableText(companies, options.terminalWidth)
  }
}
