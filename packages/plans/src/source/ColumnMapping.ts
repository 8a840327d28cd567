import type { CustomAttributeType } from "@intercom-explorer/replica"
import { customField, isCustomField, isStandardField } from "../FieldValues.js"

// Which field each source column changes. Columns are matched by name; the columns Intercom sends
// but nobody can write are skipped, so a `companies export` (or `query --format csv`) file can be
// edited and fed back as it is. Anything else unknown fails the whole file: a misspelt column
// silently skipped would look like a change that was made.

/** What a column does. */
export type ColumnTarget =
  | { readonly kind: "match" }
  | { readonly kind: "ignore" }
  | { readonly kind: "field"; readonly field: string }
  /** `;`-separated tag names (NDJSON: also an array or Intercom's `{tags: [{name}]}`) to add. */
  | { readonly kind: "tags" }
  /** The export's `custom_attributes` column: a JSON object (NDJSON: the object itself), each key a `custom.KEY`. */
  | { readonly kind: "customAttributes" }

export type MatchKey = "company_id" | "id"

/** Read-only columns of a company as Intercom sends it (and as the export writes it). */
const READ_ONLY = new Set([
  "type",
  "app_id",
  "created_at",
  "updated_at",
  "last_request_at",
  "remote_created_at",
  "user_count",
  "session_count",
  "segments"
])

export interface ColumnMappingOptions {
  readonly match: MatchKey
  /** Column name -> field (`name`.., `custom.KEY`, `tags`, `ignore`, or the match key). */
  readonly mapping?: Readonly<Record<string, string>> | undefined
  /** The custom attributes the replica knows, with the type of their values. */
  readonly known: ReadonlyMap<string, CustomAttributeType>
}

/** The column's target, or a sentence saying why it has none. */
export type ColumnResolution = ColumnTarget | { readonly kind: "unknown"; readonly detail: string }

const targetOfName = (name: string, options: ColumnMappingOptions): ColumnTarget | undefined => {
  const lower = name.toLowerCase()
  if (lower === options.match) return { kind: "match" }
  // The other key: `id` beside company_id is the export's own column; company_id cannot be changed.
  if (lower === "id" || lower === "company_id") return { kind: "ignore" }
  if (lower === "ignore") return { kind: "ignore" }
  if (isStandardField(lower)) return { kind: "field", field: lower }
  if (lower === "tags") return { kind: "tags" }
  if (lower === "custom_attributes") return { kind: "customAttributes" }
  if (isCustomField(name)) return { kind: "field", field: name }
  if (READ_ONLY.has(lower)) return { kind: "ignore" }
  if (options.known.has(name)) return { kind: "field", field: customField(name) }
  return undefined
}

/** Resolves one column (an explicit mapping first, then the column's own name). */
export const resolveColumn = (column: string, options: ColumnMappingOptions): ColumnResolution => {
  // Own keys only: a column named "constructor" is a column, not the mapping's prototype.
  const mapped = options.mapping !== undefined && Object.hasOwn(options.mapping, column) ? options.mapping[column] : undefined
  if (mapped !== undefined) {
    const target = targetOfName(mapped.trim(), options)
    if (target !== undefined) return target
    return {
      kind: "unknown",
      detail: `the mapping sends column "${column}" to "${mapped}", which is not a field (name, plan, size, website, industry, monthly_spend, custom.KEY, tags, ignore or ${options.match})`
    }
  }
  const target = targetOfName(column, options)
  if (target !== undefined) return target
  return {
    kind: "unknown",
    detail: `unknown column "${column}": not a company field (name, plan, size, website, industry, monthly_spend, tags), not a custom attribute defined in Intercom or held by a company in the replica (write custom.${column} to set a new one), and not a column Intercom sends; map it to a field, or to "ignore"`
  }
}
