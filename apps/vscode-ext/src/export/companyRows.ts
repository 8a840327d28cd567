import type { CompaniesShape, ExportFormat } from "@intercom-explorer/core"
import type * as Stream from "effect/Stream"

// The CSV and NDJSON formats are core's (`CompanyExportFormat`), shared with the CLI's export.

/** A company as core's scroll stream delivers it (the extension depends on core, not on models). */
export type Company = Stream.Success<ReturnType<CompaniesShape["scroll"]>>

/** The file extension and save-dialog filter of a format. */
export const exportFileType = (format: ExportFormat): { readonly extension: string; readonly label: string } =>
  format === "csv" ? { extension: "csv", label: "CSV" } : { extension: "ndjson", label: "NDJSON" }
