import type { CustomAttributeType } from "@intercom-explorer/replica"
import { customField } from "../FieldValues.js"
import type { ColumnTarget } from "../source/ColumnMapping.js"
import type { SourceFormat, SourceRecord } from "../source/SourceRecords.js"
import { type CellValue, csvCellValue, jsonCellValue, shownCell, tagNames } from "./CellValues.js"
import { fieldProblems } from "./FieldValidation.js"

/** One source row as what it asks for: the match key, field values, tags to add, and what is wrong with it. */
export interface RowRequest {
  readonly row: number
  /** The match key (trimmed); null when the cell is empty. */
  readonly key: string | null
  /**
   * Field -> value to send, in column order, typed but not yet validated (only the values that
   * change a company are: one it already holds is not sent). Fields left as they are are absent.
   */
  readonly values: ReadonlyMap<string, unknown>
  /** Where each value came from, for its messages: `column "size" ("lots")` and the column's position. */
  readonly origins: ReadonlyMap<string, { readonly label: string; readonly at: number }>
  /** Tags to add (each once, by name ignoring case). */
  readonly tags: ReadonlyArray<string>
  /** Problems found reading the cells, each naming its column, with the column's position. */
  readonly problems: ReadonlyArray<{ readonly at: number; readonly text: string }>
}

export interface RowContext {
  readonly format: SourceFormat
  readonly matchColumn: string
  readonly known: ReadonlyMap<string, CustomAttributeType>
  /** The resolved target of every column of the record (checked before, so never unknown). */
  readonly targetOf: (column: string) => ColumnTarget
}

const keyOf = (value: unknown): string | null =>
  typeof value === "string" ? (value.trim() === "" ? null : value.trim()) : typeof value === "number" ? String(value) : null

/** Reads one record into the change it asks for. */
export const readRow = (record: SourceRecord, context: RowContext): RowRequest => {
  const values = new Map<string, unknown>()
  const origins = new Map<string, { label: string; at: number }>()
  const tags = new Map<string, string>()
  const problems: Array<{ at: number; text: string }> = []
  let key: string | null = null
  let at = 0

  const take = (column: string, field: string, raw: unknown, cell: CellValue) => {
    if (cell.kind === "leave") return
    const label = `column "${column}" (${JSON.stringify(shownCell(raw))})`
    if (cell.kind === "invalid") problems.push({ at, text: `${label}: ${cell.reason}` })
    else {
      values.set(field, cell.value)
      origins.set(field, { label, at })
    }
  }
  const cellOf = (field: string, raw: unknown): CellValue =>
    context.format === "csv" && typeof raw === "string" ? csvCellValue(field, raw, context.known) : jsonCellValue(field, raw)

  const columns = Object.keys(record.cells)
  // A `custom.KEY` column beside the whole-object column has the last word on its key.
  const ownColumn = new Set(columns.flatMap((c) => {
    const target = context.targetOf(c)
    return target.kind === "field" ? [target.field] : []
  }))
  for (const column of columns) {
    at++
    const raw = record.cells[column]
    const target = context.targetOf(column)
    switch (target.kind) {
      case "match":
        key = keyOf(raw)
        if (key === null && raw !== undefined && raw !== null && raw !== "" && typeof raw !== "string") {
          problems.push({ at, text: `column "${column}" (${shownCell(raw)}): must be text` })
        }
        break
      case "ignore":
        break
      case "field":
        take(column, target.field, raw, cellOf(target.field, raw))
        break
      case "tags": {
        const names = tagNames(raw)
        if (names === undefined) problems.push({ at, text: `column "${column}" (${shownCell(raw)}): tags must be names separated by ";"` })
        else for (const name of names) if (!tags.has(name.toLowerCase())) tags.set(name.toLowerCase(), name)
        break
      }
      case "customAttributes": {
        if (raw === undefined || raw === null || raw === "") break
        let object: unknown = raw
        if (typeof raw === "string") {
          try {
            object = JSON.parse(raw)
          } catch {
            object = undefined
          }
        }
        if (typeof object !== "object" || object === null || Array.isArray(object)) {
          problems.push({ at, text: `column "${column}" (${shownCell(raw)}): custom_attributes must be a JSON object` })
          break
        }
        for (const [attribute, value] of Object.entries(object)) {
          if (ownColumn.has(customField(attribute))) continue
          take(column, customField(attribute), value, jsonCellValue(customField(attribute), value))
        }
        break
      }
    }
  }
  if (key === null && !problems.some((p) => p.text.startsWith(`column "${context.matchColumn}"`))) {
    problems.unshift({ at: 0, text: `column "${context.matchColumn}" is empty: the row cannot be matched to a company` })
  }
  return { row: record.row, key, values, origins, tags: [...tags.values()], problems }
}

/**
 * The row's reasons: its reading problems and the request schema's messages for `fields` (the
 * values that would be sent), then `more`'s (a custom attribute's type), each naming its column,
 * in column order.
 */
export const rowReasons = (
  request: RowRequest,
  fields: Iterable<string>,
  more?: (field: string, value: unknown) => string | undefined
): ReadonlyArray<string> => {
  const found = [...request.problems]
  for (const field of fields) {
    const origin = request.origins.get(field)!
    const value = request.values.get(field)
    const problems = fieldProblems(field, value)
    for (const problem of problems) found.push({ at: origin.at, text: `${origin.label}: ${problem}` })
    const extra = problems.length === 0 ? more?.(field, value) : undefined
    if (extra !== undefined) found.push({ at: origin.at, text: `${origin.label}: ${extra}` })
  }
  return found.sort((a, b) => a.at - b.at).map((p) => p.text)
}
