import type { CustomAttributeType } from "@intercom-explorer/replica"
import { customField } from "../FieldValues.js"
import type { FieldValue } from "../PlanFile.js"
import type { ColumnTarget } from "../source/ColumnMapping.js"
import type { SourceFormat, SourceRecord } from "../source/SourceRecords.js"
import { type CellValue, csvCellValue, jsonCellValue, shownCell, tagNames } from "./CellValues.js"
import { fieldProblems } from "./FieldValidation.js"

/** One source row as what it asks for: the match key, field values, tags to add, and what is wrong with it. */
export interface RowRequest {
  readonly row: number
  /** The match key (trimmed); null when the cell is empty. */
  readonly key: string | null
  /** Field -> value to send, in column order; fields left as they are are absent. */
  readonly values: ReadonlyMap<string, FieldValue>
  /** Tags to add (each once, by name ignoring case). */
  readonly tags: ReadonlyArray<string>
  /** Every problem, each naming its column. */
  readonly reasons: ReadonlyArray<string>
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
  const values = new Map<string, FieldValue>()
  const tags = new Map<string, string>()
  const reasons: Array<string> = []
  let key: string | null = null

  const take = (column: string, field: string, raw: unknown, cell: CellValue) => {
    if (cell.kind === "leave") return
    const shown = `column "${column}" (${JSON.stringify(shownCell(raw))})`
    if (cell.kind === "invalid") {
      reasons.push(`${shown}: ${cell.reason}`)
      return
    }
    const problems = fieldProblems(field, cell.value)
    if (problems.length > 0) for (const problem of problems) reasons.push(`${shown}: ${problem}`)
    else values.set(field, cell.value as FieldValue)
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
    const raw = record.cells[column]
    const target = context.targetOf(column)
    switch (target.kind) {
      case "match":
        key = keyOf(raw)
        if (key === null && raw !== undefined && raw !== null && raw !== "" && typeof raw !== "string") {
          reasons.push(`column "${column}" (${shownCell(raw)}): must be text`)
        }
        break
      case "ignore":
        break
      case "field":
        take(column, target.field, raw, cellOf(target.field, raw))
        break
      case "tags": {
        const names = tagNames(raw)
        if (names === undefined) reasons.push(`column "${column}" (${shownCell(raw)}): tags must be names separated by ";"`)
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
          reasons.push(`column "${column}" (${shownCell(raw)}): custom_attributes must be a JSON object`)
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
  if (key === null && !reasons.some((r) => r.startsWith(`column "${context.matchColumn}"`))) {
    reasons.unshift(`column "${context.matchColumn}" is empty: the row cannot be matched to a company`)
  }
  return { row: record.row, key, values, tags: [...tags.values()], reasons }
}
