import { describe, expect, it } from "vitest"
import { companyCsvColumns, companyCsvValues, exportPreamble, formatCompanies, parseCsv } from "@intercom-explorer/core"
import { type Company, exportFileType } from "../../src/export/companyRows.ts"

// The decoded shape core hands out; ids are branded strings there.
const company = (fields: Record<string, unknown>): Company => ({ type: "company", id: "c1", ...fields }) as unknown as Company

const full = company({
  id: "6716",
  company_id: "ACME-1",
  name: "Acme, \"the\" Company",
  plan: { type: "plan", id: "p1", name: "Pro" },
  size: 120,
  website: "https://acme.test",
  industry: "Manufacturing",
  monthly_spend: 990,
  user_count: 12,
  session_count: 340,
  created_at: 1_700_000_000,
  updated_at: 1_700_000_100,
  last_request_at: 1_700_000_200,
  tags: { type: "tag.list", tags: [{ type: "tag", id: "t1", name: "VIP" }, { type: "tag", id: "t2", name: "EU" }] },
  custom_attributes: { tier: "gold", seats: 3, note: "a,b\nc" }
})

describe("CSV rows of companies", () => {
  it("has the documented columns in order", () => {
    expect(companyCsvColumns).toEqual([
      "id", "company_id", "name", "plan", "size", "website", "industry", "monthly_spend", "user_count",
      "session_count", "created_at", "updated_at", "last_request_at", "tags", "custom_attributes"
    ])
    expect(exportPreamble("csv")).toBe(companyCsvColumns.join(",") + "\r\n")
  })

  it("writes every field, timestamps as ISO 8601, tags joined, custom attributes as JSON", () => {
    const [row] = parseCsv(formatCompanies("csv", [full]))
    expect(row).toEqual([
      "6716",
      "ACME-1",
      "Acme, \"the\" Company",
      "Pro",
      "120",
      "https://acme.test",
      "Manufacturing",
      "990",
      "12",
      "340",
      "2023-11-14T22:13:20.000Z",
      "2023-11-14T22:15:00.000Z",
      "2023-11-14T22:16:40.000Z",
      "VIP;EU",
      "{\"tier\":\"gold\",\"seats\":3,\"note\":\"a,b\\nc\"}"
    ])
    expect(row).toHaveLength(companyCsvColumns.length)
  })

  it("leaves missing and null fields empty; a plan without a name falls back to its id", () => {
    const sparse = company({ id: "9", name: null, plan: { type: "plan", id: "p7" }, custom_attributes: {}, last_request_at: null })
    const values = companyCsvValues(sparse)
    expect(values).toHaveLength(companyCsvColumns.length)
    expect(parseCsv(formatCompanies("csv", [sparse]))[0]).toEqual(["9", "", "", "p7", "", "", "", "", "", "", "", "", "", "", ""])
  })
})

describe("NDJSON", () => {
  it("writes one JSON object per line, exactly the company, and no preamble", () => {
    const text = formatCompanies("ndjson", [full, company({ id: "2" })])
    const lines = text.split("\n")
    expect(lines).toHaveLength(3)
    expect(lines[2]).toBe("")
    expect(JSON.parse(lines[0]!)).toEqual(full)
    expect(JSON.parse(lines[1]!)).toEqual({ type: "company", id: "2" })
    expect(exportPreamble("ndjson")).toBe("")
  })

  it("names the file types", () => {
    expect(exportFileType("csv")).toEqual({ extension: "csv", label: "CSV" })
    expect(exportFileType("ndjson")).toEqual({ extension: "ndjson", label: "NDJSON" })
  })
})
