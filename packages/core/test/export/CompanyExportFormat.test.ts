import { describe, expect, it } from "vitest"
import { companyCsvColumns, companyCsvValues, formatCompanies } from "../../src/export/CompanyExportFormat.js"
import { csvField, csvRecord, parseCsv } from "../../src/export/Csv.js"
import type { Company } from "@intercom-explorer/models"

describe("CSV quoting (RFC 4180)", () => {
  it("leaves plain fields alone and renders null/undefined as empty", () => {
    expect(csvField("Acme")).toBe("Acme")
    expect(csvField(42)).toBe("42")
    expect(csvField(false)).toBe("false")
    expect(csvField(null)).toBe("")
    expect(csvField(undefined)).toBe("")
    expect(csvField("")).toBe("")
  })

  it("quotes commas, quotes, CR and LF, doubling inner quotes", () => {
    expect(csvField("Acme, Inc.")).toBe("\"Acme, Inc.\"")
    expect(csvField("The \"Best\" Co")).toBe("\"The \"\"Best\"\" Co\"")
    expect(csvField("line1\nline2")).toBe("\"line1\nline2\"")
    expect(csvField("a\r\nb")).toBe("\"a\r\nb\"")
    expect(csvField("\"")).toBe("\"\"\"\"")
  })

  it("quotes leading and trailing spaces so they survive", () => {
    expect(csvField(" padded ")).toBe("\" padded \"")
    expect(csvField("inner space")).toBe("inner space")
  })

  it("ends records with CRLF", () => {
    expect(csvRecord(["a", "b,c", null])).toBe("a,\"b,c\",\r\n")
  })

  it("round-trips awkward values through the parser", () => {
    const rows = [
      ["id", "name", "note"],
      ["1", "Acme, Inc.", "say \"hi\""],
      ["2", "multi\nline", ""],
      ["3", "", "ünïcødé 🚀"],
      ["4", " x ", "a\r\nb"]
    ]
    expect(parseCsv(rows.map(csvRecord).join(""))).toEqual(rows)
  })
})

describe("company rows", () => {
  const company = {
    type: "company",
    id: "abc123",
    company_id: "ext-1",
    name: "Quote \"Corp\", Ltd",
    plan: { type: "plan", id: "p1", name: "Pro" },
    size: 12,
    website: null,
    monthly_spend: 99,
    user_count: 3,
    session_count: 4,
    created_at: 1_700_000_000,
    updated_at: 1_700_000_100,
    custom_attributes: { tier: "gold", "odd,key": [1, 2] },
    tags: { type: "tag.list", tags: [{ type: "tag", id: "t1", name: "VIP" }, { type: "tag", id: "t2", name: "Churn; risk" }] }
  } as unknown as Company

  it("maps a company onto the fixed columns", () => {
    const values = companyCsvValues(company)
    expect(values).toHaveLength(companyCsvColumns.length)
    const byColumn = Object.fromEntries(companyCsvColumns.map((column, i) => [column, values[i]]))
    expect(byColumn).toMatchObject({
      id: "abc123",
      plan: "Pro",
      website: null,
      industry: undefined,
      created_at: "2023-11-14T22:13:20.000Z",
      last_request_at: undefined,
      tags: "VIP;Churn; risk",
      custom_attributes: "{\"tier\":\"gold\",\"odd,key\":[1,2]}"
    })
  })

  it("formats a page as CSV that parses back, and as NDJSON lines", () => {
    const [row] = parseCsv(formatCompanies("csv", [company]))
    expect(row?.[2]).toBe("Quote \"Corp\", Ltd")
    expect(JSON.parse(row![14]!)).toEqual(company.custom_attributes)
    const ndjson = formatCompanies("ndjson", [company, company])
    expect(ndjson.split("\n")).toHaveLength(3)
    expect(JSON.parse(ndjson.split("\n")[0]!)).toEqual(company)
  })
})
