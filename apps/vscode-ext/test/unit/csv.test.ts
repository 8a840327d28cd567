import { describe, expect, it } from "vitest"
import { csvField, csvRecord, parseCsv } from "../../src/export/csv.ts"

describe("csvField (RFC 4180)", () => {
  it.each([
    [undefined, ""],
    [null, ""],
    ["plain", "plain"],
    [42, "42"],
    [true, "true"],
    ["a,b", "\"a,b\""],
    ["say \"hi\"", "\"say \"\"hi\"\"\""],
    ["two\nlines", "\"two\nlines\""],
    ["cr\rhere", "\"cr\rhere\""],
    [" padded ", "\" padded \""],
    ["", ""]
  ])("%j -> %j", (value, expected) => {
    expect(csvField(value)).toBe(expected)
  })
})

describe("csvRecord", () => {
  it("joins with commas and ends with CRLF", () => {
    expect(csvRecord(["a", 1, undefined, "b,c"])).toBe("a,1,,\"b,c\"\r\n")
  })

  it("round-trips through parseCsv, whatever the fields hold", () => {
    const rows = [
      ["id", "name", "notes"],
      ["1", "Acme, Inc.", "line one\r\nline two"],
      ["2", "\"Quoted\" Ltd", ""],
      ["3", " spaced ", "{\"k\":\"v,w\"}"]
    ]
    const text = rows.map((r) => csvRecord(r)).join("")
    expect(parseCsv(text)).toEqual(rows)
  })
})
