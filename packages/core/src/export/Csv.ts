/*
 * RFC 4180 CSV: fields separated by commas, records ended by CRLF, and a field quoted (with
 * inner quotes doubled) when it holds a comma, a quote, CR or LF. Leading/trailing spaces are kept
 * as data, so fields with them are quoted too, which spreadsheet tools otherwise trim.
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
 * Parses CSV text back into records (RFC 4180, as written above). Used by tests and by anyone
 * who wants to check an export; not tuned for huge inputs.
 */
export const parseCsv = (text: string): Array<Array<string>> => {
  const records: Array<Array<string>> = []
  let record: Array<string> = []
  let field = ""
  let i = 0
  let quoted = false
  let atFieldStart = true
  while (i < text.length) {
    const c = text[i]!
    if (quoted) {
      if (c === "\"") {
        if (text[i + 1] === "\"") {
          field += "\""
          i += 2
          continue
        }
        quoted = false
        i += 1
        continue
      }
      field += c
      i += 1
      continue
    }
    if (c === "\"" && atFieldStart) {
      quoted = true
      atFieldStart = false
      i += 1
      continue
    }
    if (c === ",") {
      record.push(field)
      field = ""
      atFieldStart = true
      i += 1
      continue
    }
    if (c === "\r" || c === "\n") {
      record.push(field)
      records.push(record)
      record = []
      field = ""
      atFieldStart = true
      i += c === "\r" && text[i + 1] === "\n" ? 2 : 1
      continue
    }
    field += c
    atFieldStart = false
    i += 1
  }
  if (!atFieldStart || field !== "" || record.length > 0) {
    record.push(field)
    records.push(record)
  }
  return records
}
