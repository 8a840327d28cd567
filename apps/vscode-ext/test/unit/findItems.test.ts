import { describe, expect, it } from "vitest"
import { findItems, lookupQuery, replicaItems } from "../../src/find/findItems.ts"
import { row } from "./rows.ts"

describe("lookupQuery", () => {
  it("trims, and refuses text that cannot name a company", () => {
    expect(lookupQuery("  ACME-1 ")).toBe("ACME-1")
    expect(lookupQuery("")).toBeUndefined()
    expect(lookupQuery("   ")).toBeUndefined()
  })
})

describe("findItems", () => {
  const acme = row("1", { companyId: "ACME-1", name: "Acme", plan: "Pro", userCount: 3 })
  const beta = row("2", { companyId: "BETA-2", name: "Beta" })
  const nameless = row("3", { companyId: "GAMMA-3" })

  it("lists exact matches first, always shown, then loaded companies, each company once", () => {
    const items = findItems([acme], [beta, acme, nameless])
    expect(items.map((i) => i.companyId)).toEqual(["1", "2", "3"])
    expect(items[0]).toMatchObject({ label: "Acme", description: "ACME-1", alwaysShow: true })
    expect(items[0]!.detail).toBe("exact match · Pro · 3 users")
    expect(items[1]).toEqual({ label: "Beta", description: "BETA-2", companyId: "2" })
  })

  it("labels a company without a name by its company_id, then by its id, like its row in the tree", () => {
    expect(findItems([], [nameless])[0]!.label).toBe("GAMMA-3")
    expect(findItems([], [row("4")])[0]).toEqual({ label: "4", companyId: "4" })
    expect(findItems([], [row("5", { companyId: "E-5", name: "  " })])[0]!.label).toBe("E-5")
  })
})

describe("replicaItems", () => {
  it("shows every match of the replica, whatever VS Code's fuzzy filter makes of a query like plan:Pro", () => {
    const items = replicaItems([row("1", { name: "Acme", companyId: "acme-1", plan: "Pro" }), row("2", { name: "Beta" })])
    expect(items.map((i) => [i.label, i.description, i.alwaysShow, i.companyId])).toEqual([
      ["Acme", "acme-1", true, "1"],
      ["Beta", undefined, true, "2"]
    ])
    expect(items[0]?.detail).toBe("Pro")
  })
})
