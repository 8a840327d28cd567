/*
 * A plain-text table: a header, a dashed rule, left-aligned columns (numbers right-aligned), long
 * cells cut with an ellipsis so a row stays on one line. The widths come from the rows at hand, or,
 * for a table printed as it streams (`companies query`), from a first batch, and can be narrowed to
 * fit a terminal.
 */

export interface Column<A> {
  readonly header: string
  readonly value: (row: A) => string | number | null | undefined
  /** Right-align (numbers). */
  readonly numeric?: boolean
  /** Cells longer than this are cut (default 40). */
  readonly maxWidth?: number
}

const text = (value: string | number | null | undefined): string =>
  value === null || value === undefined ? "" : String(value).replace(/[\r\n\t]+/g, " ")

/** Cut to `width` with an ellipsis; numbers are never cut (a wider one only shifts its row). */
const fit = (value: string, width: number, numeric: boolean): string =>
  numeric || value.length <= width ? value : `${value.slice(0, Math.max(0, width - 1))}…`

/**
 * Column widths for `sample`: each column as wide as its header and its widest cell (up to its
 * maxWidth). With `totalWidth` (a terminal's columns), the widest text columns give way, down to
 * their header or 6 characters, until a row fits.
 */
export const tableWidths = <A>(columns: ReadonlyArray<Column<A>>, sample: ReadonlyArray<A>, totalWidth?: number): Array<number> => {
  const widths = columns.map((column) =>
    Math.max(column.header.length, ...sample.map((row) => Math.min(text(column.value(row)).length, column.maxWidth ?? 40)))
  )
  if (totalWidth === undefined) return widths
  const rowWidth = () => widths.reduce((sum, width) => sum + width, 0) + 2 * (widths.length - 1)
  for (let over = rowWidth() - totalWidth; over > 0; over--) {
    let widest = -1
    columns.forEach((column, i) => {
      const floor = Math.max(column.header.length, 6)
      if (column.numeric !== true && widths[i]! > floor && (widest < 0 || widths[i]! > widths[widest]!)) widest = i
    })
    if (widest < 0) break
    widths[widest]!--
  }
  return widths
}

const line = <A>(columns: ReadonlyArray<Column<A>>, widths: ReadonlyArray<number>, values: ReadonlyArray<string>) =>
  values
    .map((value, i) => {
      const numeric = columns[i]!.numeric === true
      const cell = fit(value, widths[i]!, numeric)
      return numeric ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)
    })
    .join("  ")
    .trimEnd()

/** The header line and the dashed rule under it. */
export const tableHeader = <A>(columns: ReadonlyArray<Column<A>>, widths: ReadonlyArray<number>): string =>
  `${line(columns, widths, columns.map((column) => column.header))}\n${line(columns, widths, widths.map((width) => "-".repeat(width)))}`

/** One row, cells cut to their column's width. */
export const tableRow = <A>(columns: ReadonlyArray<Column<A>>, widths: ReadonlyArray<number>, row: A): string =>
  line(columns, widths, columns.map((column) => text(column.value(row))))

export const renderTable = <A>(columns: ReadonlyArray<Column<A>>, rows: ReadonlyArray<A>): string => {
  const widths = tableWidths(columns, rows)
  return [tableHeader(columns, widths), ...rows.map((row) => tableRow(columns, widths, row))].join("\n")
}

/** "2026-01-01 12:00" (UTC) from unix seconds. */
export const shortTime = (seconds: number | null | undefined): string | undefined =>
  seconds === null || seconds === undefined
    ? undefined
    : new Date(seconds * 1000).toISOString().slice(0, 16).replace("T", " ")

/** "2026-01-01" (UTC) from unix seconds. */
export const shortDay = (seconds: number | null | undefined): string | undefined => shortTime(seconds)?.slice(0, 10)
