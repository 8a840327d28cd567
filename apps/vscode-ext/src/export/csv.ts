/*
 * RFC 4180 CSV: fields separated by commas, records ended by CRLF, a field quoted (inner quotes
 * doubled) when it holds a comma, a quote, CR or LF. Fields with leading or trailing spaces are
 * quoted too, because spreadsheet tools otherwise trim them.
 *
 * The same rules as apps/cli/src/output/CsvWriter.ts. It is a separate copy on purpose: apps must not
 * import each other (DESIGN.md), and the CLI's module is not part of any package. Both sides are
 * pinned by unit tests (test/unit/csv.test.ts here).
 */

export type CsvValue = string | number | boolean | null | undefined

const needsQuoting = /[",\r\n]|^\s|\s$/

/** One field: empty for null/undefined, quoted only when it must be. */
export const csvField = (value: CsvValue): string => {
  if (value === null || value === undefined) return ""
  const text = String(value)
  return needsQuoting.test(text) ? `"${text.replaceAll("\"", "\"\"")}"` : text
}

/** One record, CRLF-terminated as RFC 4180 asks. */
export const csvRecord = (values: ReadonlyArray<CsvValue>): string => values.map(csvField).join(",") + "\r\n"

/**
 * Parses RFC 4180 text back into records. For the tests (an export must read back exactly), not
 * for large inputs; esbuild leaves it out of the extension bundle, which never calls it.
 */
export const parseCsv = (text: string): Array<Array<string>> => {
  const records: Array<Array<string>> = []
  let record: Array<string> = []
  let field = ""
  let quoted = false
  let atFieldStart = true
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c !== "\"") field += c
      else if (text[i + 1] === "\"") {
        field += "\""
        i++
      } else quoted = false
      continue
    }
    if (c === "\"" && atFieldStart) {
      quoted = true
      atFieldStart = false
    } else if (c === ",") {
      record.push(field)
      field = ""
      atFieldStart = true
    } else if (c === "\r" || c === "\n") {
      record.push(field)
      records.push(record)
      record = []
      field = ""
      atFieldStart = true
      if (c === "\r" && text[i + 1] === "\n") i++
    } else {
      field += c
      atFieldStart = false
    }
  }
  if (!atFieldStart || field !== "" || record.length > 0) {
    record.push(field)
    records.push(record)
  }
  return records
}
