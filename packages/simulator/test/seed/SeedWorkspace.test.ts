import { describe, expect, it } from "vitest"
import { startSimulator } from "../../src/index.js"
import { seedWorkspace } from "../../src/seed/SeedWorkspace.js"

const snapshot = (seed: number, companies: number): string => {
  const ws = seedWorkspace({ seed, companies, referenceTime: 1_767_225_600, clock: () => 0 })
  return Array.from(ws.companies.values(), (c) => ws.companyJson(c)).join("\n")
}

describe("seeded data", () => {
  it("is deterministic: the same seed gives the same workspace, another seed a different one", () => {
    expect(snapshot(5, 50)).toBe(snapshot(5, 50))
    expect(snapshot(5, 50)).not.toBe(snapshot(6, 50))
  })

  it("a larger workspace starts with the same companies as a smaller one", () => {
    const small = snapshot(5, 20).split("\n")
    const large = snapshot(5, 40).split("\n")
    expect(large.slice(0, 20).map((c) => JSON.parse(c).name)).toEqual(small.map((c) => JSON.parse(c).name))
  })

  it("looks like a real workspace", async () => {
    const sim = await startSimulator({ companies: 400, seed: 2 })
    try {
      const state = sim.state
      const companies = state.companies.ids().map((id) => state.companies.get(id))
      expect(state.counts()).toMatchObject({ companies: 400, tags: 12, segments: 6 })
      expect(state.counts().contacts).toBeGreaterThan(400)
      expect(state.counts().notes).toBeGreaterThan(20)
      expect(new Set(companies.map((c) => c?.name)).size).toBe(400)
      expect(new Set(companies.map((c) => c?.company_id)).size).toBe(400)
      expect(new Set(companies.map((c) => c?.plan.name))).toEqual(new Set(["Free", "Starter", "Growth", "Pro", "Enterprise"]))
      expect(new Set(companies.map((c) => c?.industry)).size).toBeGreaterThan(10)
      const withUsers = companies.filter((c) => (c?.user_count ?? 0) > 0).length
      expect(withUsers / 400).toBeGreaterThan(0.75)
      expect(withUsers).toBeLessThan(400) // some have none, and drop out of /companies/list
      for (const c of companies) {
        if (c === undefined) throw new Error("missing")
        expect(c.created_at).toBeLessThanOrEqual(1_767_225_600)
        expect(c.updated_at).toBeGreaterThanOrEqual(c.created_at)
        if (c.last_request_at !== undefined) expect(c.last_request_at).toBeGreaterThanOrEqual(c.created_at)
        expect(c.custom_attributes).toHaveProperty("health_score")
        expect(c.id.slice(0, 8)).toBe(c.created_at.toString(16).padStart(8, "0"))
      }
      // Every tag is used, and every segment has members.
      for (const tag of state.tags()) expect(state.companiesWithTag(tag.id).length, tag.name).toBeGreaterThan(0)
      for (const segment of state.segments()) expect(segment.count, segment.name).toBeGreaterThan(0)
    } finally {
      await sim.close()
    }
  })
})
