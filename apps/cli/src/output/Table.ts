/*
 * A plain-text table for the list commands: a header, a dashed rule, left-aligned columns (numbers
 * right-aligned), long cells cut with an ellipsis so a row stays on one line.
 */

export interface Column<A> {
  readonly header: string
  readonly value: (row: A) => string | number | null | undefined
  /** Right-align (numbers). */
  readonly numeric?: boolean
  /** Cells longer than this are cut (default 40). */
  readonly maxWidth?: number
}

const cell = (value: string | number | null | undefined, maxWidth: number): string => {
  if (value === null || value === undefined) return ""
  const text = String(value).replace(/[\r\n\t]+/g, " ")
  return text.length > maxWidth ? `${text.slice(0, maxWidth - 1)}…` : text
}

export const renderTable = <A>(columns: ReadonlyArray<Column<A>>, rows: ReadonlyArray<A>): string => {
  const cells = rows.map((row) => columns.map((column) => cell(column.value(row), column.maxWidth ?? 40)))
  const widths = columns.map((column, i) => Math.max(column.header.length, ...cells.map((r) => r[i]!.length)))
  const line = (values: ReadonlyArray<string>) =>
    values
      .map((value, i) => (columns[i]!.numeric === true ? value.padStart(widths[i]!) : value.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd()
  return [
    line(columns.map((column) => column.header)),
    line(widths.map((width) => "-".repeat(width))),
    ...cells.map(line)
  ].join("\n")
}

/** "2026-01-01 12:00" (UTC) from unix seconds. */
export const shortTime = (seconds: number | null | undefined): string | undefined =>
  seconds === null || seconds === undefined
    ? undefined
    : new Date(seconds * 1000).toISOString().slice(0, 16).replace("T", " ")
