import { describe, expect, it } from "vitest"
import { type Company, findItems, lookupQuery } from "../../src/find/findItems.ts"

const company = (fields: Record<string, unknown>): Company => fields as unknown as Company

describe("lookupQuery", () => {
  it("trims, and refuses text that cannot name a company", () => {
    expect(lookupQuery("  ACME-1 ")).toBe("ACME-1")
    expect(lookupQuery("")).toBeUndefined()
    expect(lookupQuery("   ")).toBeUndefined()
  })
})

describe("findItems", () => {
  const acme = company({ id: "1", company_id: "ACME-1", name: "Acme", plan: { name: "Pro" }, user_count: 3 })
  const beta = company({ id: "2", company_id: "BETA-2", name: "Beta" })
  const nameless = company({ id: "3", company_id: "GAMMA-3", name: null })

  it("lists exact matches first, always shown, then loaded companies, each company once", () => {
    const items = findItems([acme], [beta, acme, nameless])
    expect(items.map((i) => i.companyId)).toEqual(["1", "2", "3"])
    expect(items[0]).toMatchObject({ label: "Acme", description: "ACME-1", alwaysShow: true })
    expect(items[0]!.detail).toBe("exact match · Pro · 3 users")
    expect(items[1]).toEqual({ label: "Beta", description: "BETA-2", companyId: "2" })
  })

  it("labels a company without a name by its company_id, then by its id", () => {
    expect(findItems([], [nameless])[0]!.label).toBe("GAMMA-3")
    expect(findItems([], [company({ id: "4" })])[0]).toEqual({ label: "4", companyId: "4" })
  })
})
