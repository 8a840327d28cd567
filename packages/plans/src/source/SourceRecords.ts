import { createReadStream } from "node:fs"
import { stat } from "node:fs/promises"
import { createInterface } from "node:readline"
import { pipeline } from "node:stream"
import { parse } from "csv-parse"
import { Effect, Stream } from "effect"
import { planError, type PlanError, SourceInvalid } from "../PlanErrors.js"

// A bulk change's source file read as records, in batches, without holding the file: a 100,000-row
// CSV costs one batch of records at a time (the plan keeps only what changes).

export type SourceFormat = "csv" | "ndjson"

/** One record: its line in the file (CSV: the record's first line, the header is line 1) and its cells by column. */
export interface SourceRecord {
  readonly row: number
  /** CSV: the cell's text; NDJSON: the JSON value. */
  readonly cells: Readonly<Record<string, unknown>>
}

/**
 * A batch of records. A CSV's first batch carries its header (`columns`) and no records, so the
 * columns are checked even when no row follows; NDJSON has no header (`columns` stays undefined).
 */
export interface SourceBatch {
  readonly columns: ReadonlyArray<string> | undefined
  readonly records: ReadonlyArray<SourceRecord>
}

/** `.ndjson`, `.jsonl` or `.json` is NDJSON; anything else is CSV (a source, and the CLI's result log). */
export const sourceFormatOf = (file: string): SourceFormat => /\.(nd)?jsonl?$/i.test(file) ? "ndjson" : "csv"

/** A file-level problem found while reading, turned into `SourceInvalid` by `sourceBatches`. */
class SourceProblem extends Error {
  constructor(readonly detail: string, readonly row?: number, readonly column?: string) {
    super(detail)
  }
}

const DELIMITERS: ReadonlyArray<readonly [string, string]> = [[";", "semicolon (;)"], ["\t", "tab"], ["|", "pipe (|)"]]

const checkHeader = (header: ReadonlyArray<string>): ReadonlyArray<string> => {
  if (header.length === 1) {
    const found = DELIMITERS.find(([ch]) => header[0]!.includes(ch))
    if (found !== undefined) {
      throw new SourceProblem(`the header is one column that contains ${found[1]}: the file looks ${found[1].split(" ")[0]}-separated, but it must be comma-separated`, 1)
    }
  }
  const names = header.map((name) => name.trim())
  const seen = new Set<string>()
  for (const name of names) {
    if (name === "") throw new SourceProblem("the header has an empty column name", 1)
    if (seen.has(name)) throw new SourceProblem(`the column "${name}" appears twice in the header`, 1, name)
    seen.add(name)
  }
  return names
}

// The line a record starts on: where it ends, less the line breaks inside it (blank lines skipped
// before it are part of `raw`, hence the trim).
const firstLine = (endLine: number, raw: string): number => {
  const body = raw.replace(/^[\r\n]+/, "").replace(/\r?\n$/, "")
  let breaks = 0
  for (let i = body.indexOf("\n"); i !== -1; i = body.indexOf("\n", i + 1)) breaks++
  return endLine - breaks
}

interface CsvInfoRecord {
  readonly record: ReadonlyArray<string>
  readonly info: { readonly lines: number }
  readonly raw: string
}

async function* csvBatches(file: string, size: number): AsyncGenerator<SourceBatch> {
  const parser = parse({ bom: true, info: true, raw: true, skip_empty_lines: true })
  // pipeline: when the reader stops early the parser is destroyed, and with it the file stream.
  pipeline(createReadStream(file), parser, () => {})
  let header: ReadonlyArray<string> | undefined
  let lastLine = 0
  let batch: Array<SourceRecord> = []
  try {
    for await (const item of parser as AsyncIterable<CsvInfoRecord>) {
      const row = firstLine(item.info.lines, item.raw)
      lastLine = item.info.lines
      if (header === undefined) {
        header = checkHeader(item.record)
        yield { columns: header, records: [] }
        continue
      }
      const cells: Record<string, unknown> = {}
      for (let i = 0; i < header.length; i++) cells[header[i]!] = item.record[i]
      batch.push({ row, cells })
      if (batch.length >= size) {
        yield { columns: undefined, records: batch }
        batch = []
      }
    }
  } catch (error) {
    if (error instanceof SourceProblem) throw error
    const code = (error as { code?: unknown }).code
    if (code === "CSV_QUOTE_NOT_CLOSED") {
      throw new SourceProblem("a quoted value opened here is never closed (an unbalanced \" quote)", lastLine + 1)
    }
    if (code === "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH") {
      const line = Number((error as { lines?: unknown }).lines)
      throw new SourceProblem(`the row has a different number of cells than the header (${String((error as Error).message).replace(/ on line \d+$/, "")})`, Number.isFinite(line) ? line : undefined)
    }
    if (typeof code === "string" && code.startsWith("CSV_")) {
      throw new SourceProblem(`not a readable CSV: ${(error as Error).message}`, lastLine + 1)
    }
    throw new SourceProblem(`cannot read the file: ${(error as Error).message}`)
  }
  if (header === undefined) throw new SourceProblem("the file is empty (no header)")
  if (batch.length > 0) yield { columns: undefined, records: batch }
}

async function* ndjsonBatches(file: string, size: number): AsyncGenerator<SourceBatch> {
  const input = createReadStream(file, { encoding: "utf8" })
  const lines = createInterface({ input, crlfDelay: Infinity })
  let line = 0
  let batch: Array<SourceRecord> = []
  try {
    for await (const text of lines) {
      line++
      if (text.trim() === "") continue
      let value: unknown
      try {
        value = JSON.parse(line === 1 ? text.replace(/^\uFEFF/, "") : text)
      } catch (error) {
        throw new SourceProblem(`line ${line} is not JSON: ${(error as Error).message}`, line)
      }
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        throw new SourceProblem(`line ${line} is not a JSON object (NDJSON holds one company object per line)`, line)
      }
      batch.push({ row: line, cells: value as Record<string, unknown> })
      if (batch.length >= size) {
        yield { columns: undefined, records: batch }
        batch = []
      }
    }
  } catch (error) {
    if (error instanceof SourceProblem) throw error
    throw new SourceProblem(`cannot read the file: ${(error as Error).message}`)
  } finally {
    lines.close()
    input.destroy()
  }
  if (batch.length > 0) yield { columns: undefined, records: batch }
}

const toSourceInvalid = (file: string) => (error: unknown): PlanError =>
  error instanceof SourceProblem
    ? planError(new SourceInvalid({
      file,
      detail: error.detail,
      ...(error.row === undefined ? {} : { row: error.row }),
      ...(error.column === undefined ? {} : { column: error.column })
    }))
    : planError(new SourceInvalid({ file, detail: `cannot read the file: ${String((error as Error)?.message ?? error)}` }))

/**
 * The file's records in batches of `size`, in file order. Fails with `SourceInvalid` when the file
 * cannot be read or parsed (unreadable, empty, a wrong delimiter, a duplicate column, an unclosed
 * quote, a line that is not a JSON object), naming the row where there is one.
 */
export const sourceBatches = (
  file: string,
  format: SourceFormat,
  size = 1000
): Stream.Stream<SourceBatch, PlanError> =>
  Stream.unwrap(
    Effect.tryPromise({
      try: async () => {
        const info = await stat(file)
        if (!info.isFile()) throw new SourceProblem("cannot read the file: it is not a file")
        return Stream.fromAsyncIterable(
          format === "csv" ? csvBatches(file, size) : ndjsonBatches(file, size),
          toSourceInvalid(file)
        )
      },
      catch: toSourceInvalid(file)
    })
  )
