import type { Company } from "@intercom-explorer/core"
import { describe, expect, it } from "vitest"
import { companyDescription, companyLabel, companyTooltip, toCompanyRow, withTag, withoutTag } from "../../src/tree/model/CompanyRow.ts"
import { companyNodeId, companySegmentNodeId, companyTagNodeId, segmentNodeId, tagNodeId } from "../../src/tree/model/ids.ts"

const company = {
  id: "6500a",
  company_id: "acme-1",
  name: "Acme",
  plan: { type: "plan", id: "1", name: "Pro" },
  size: 120,
  user_count: 5,
  monthly_spend: 1200,
  website: "https://acme.example",
  industry: "Software",
  custom_attributes: { big: "x".repeat(1000) },
  tags: { type: "tag.list", tags: [{ type: "tag", id: "7", name: "VIP" }] },
  segments: { type: "segment.list", segments: [{ type: "segment", id: "s1", name: "Large", created_at: 1, person_type: "user" }] }
} as unknown as Company

describe("CompanyRow", () => {
  it("keeps only what the trees show (no custom attributes)", () => {
    const row = toCompanyRow(company)
    expect(row).toEqual({
      id: "6500a",
      companyId: "acme-1",
      name: "Acme",
      plan: "Pro",
      size: 120,
      userCount: 5,
      monthlySpend: 1200,
      website: "https://acme.example",
      industry: "Software",
      tags: [{ id: "7", name: "VIP" }],
      segments: [{ id: "s1", name: "Large" }]
    })
  })

  it("describes plan, size, users and spend", () => {
    expect(companyDescription(toCompanyRow(company))).toBe("Pro · 120 people · 5 users · $1,200/mo")
    expect(companyDescription(toCompanyRow({ id: "x", user_count: 1 } as Company))).toBe("1 user")
  })

  it("labels with the name, else company_id, else the Intercom id", () => {
    expect(companyLabel(toCompanyRow({ id: "x", company_id: "c", name: null } as unknown as Company))).toBe("c")
    expect(companyLabel(toCompanyRow({ id: "x" } as Company))).toBe("x")
  })

  it("escapes Markdown in the tooltip", () => {
    const tooltip = companyTooltip(toCompanyRow({ ...company, name: "*Bold* [link](x)" } as Company))
    expect(tooltip).toContain("\\*Bold\\* \\[link\\]\\(x\\)")
    expect(tooltip).toContain("- Monthly spend: $1,200")
    expect(tooltip).toContain("- Tags: VIP")
  })

  it("adds and removes tags without duplicates", () => {
    const row = toCompanyRow(company)
    expect(withTag(row, { id: "7", name: "VIP" })).toBe(row)
    expect(withTag(row, { id: "8", name: "New" }).tags.map((t) => t.id)).toEqual(["7", "8"])
    expect(withoutTag(row, "7").tags).toEqual([])
  })
})

describe("tree ids", () => {
  it("qualify a company by the path it is listed under", () => {
    expect(companyNodeId(undefined, "c1")).toBe("company/c1")
    expect(companyNodeId(segmentNodeId("s1"), "c1")).toBe("segment/s1/company/c1")
    expect(companyNodeId(tagNodeId("t1"), "c1")).toBe("tag/t1/company/c1")
    expect(companyTagNodeId("company/c1", "t1")).toBe("company/c1/tag/t1")
    expect(companySegmentNodeId("tag/t1/company/c1", "s1")).toBe("tag/t1/company/c1/segment/s1")
  })
})
