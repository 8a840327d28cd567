// The Plan view's "Attributes to create" group (issue 13): each custom attribute the apply creates
// before the writes, as "name: type", with a check box that leaves it out together with every
// change of its key (Intercom would drop them), counted in the summary as the apply runs it.
import { type Plan, summarizePlan } from "@intercom-explorer/plans"
import { describe, expect, it } from "vitest"
import { excludedCount, isIncluded, withExclusion } from "../../src/plans/model/exclusion.ts"
import { childrenOf, exclusionTargetOf, type PlanNode, presentationOf, summaryText } from "../../src/plans/model/planNodes.ts"
import { samplePlan } from "./planFixture.ts"

/** The sample plan with custom.tier (set on company 1, a string) and custom.seats to create. */
const withAttributes = (): Plan => {
  const base = samplePlan()
  return {
    ...base,
    operations: [
      ...base.operations,
      { seq: 5, kind: "update", id: "id5", companyId: "100005", label: "Company 5", updatedAt: null, changes: [{ field: "custom.tier", before: null, after: "silver" }], tags: [] }
    ],
    summary: { ...base.summary, updates: 3 },
    attributes: [{ name: "tier", data_type: "string" }, { name: "seats", data_type: "integer" }]
  }
}

const labels = (plan: Plan, node?: PlanNode) => childrenOf(plan, node).map((n) => presentationOf(plan, n).label)
const nodeOf = (plan: Plan, label: string, node?: PlanNode): PlanNode => {
  const found = childrenOf(plan, node).find((n) => presentationOf(plan, n).label === label)
  if (found === undefined) throw new Error(`no node "${label}" in ${labels(plan, node).join(", ")}`)
  return found
}

describe("the Plan view's attributes to create", () => {
  it("a group before Updates, each attribute as name: type with a check box; none without the section", () => {
    const plan = withAttributes()
    expect(labels(plan)).toEqual(["companies-import.csv", "Attributes to create", "Updates", "Creates", "Tag changes", "Invalid rows"])
    const group = nodeOf(plan, "Attributes to create")
    expect(presentationOf(plan, group).description).toBe("2")
    expect(presentationOf(plan, group).included).toBeUndefined()
    expect(labels(plan, group)).toEqual(["tier: string", "seats: integer"])
    const tier = presentationOf(plan, nodeOf(plan, "tier: string", group))
    expect([tier.included, tier.contextValue, tier.description]).toEqual([true, "planAttribute", ""])
    expect(tier.tooltip).toContain("custom.tier is created as string before the writes")
    expect(labels(samplePlan())).not.toContain("Attributes to create")
  })

  it("unchecked: not created, and its key's changes left out with it; a company with nothing else is excluded; checked again, all back", () => {
    const plan = withAttributes()
    const tierNode = nodeOf(plan, "tier: string", nodeOf(plan, "Attributes to create"))
    const target = exclusionTargetOf(tierNode)!
    expect(target).toEqual({ kind: "attribute", name: "tier" })
    const excluded = withExclusion(plan, target, true, summarizePlan)
    expect(excluded.attributes).toEqual([{ name: "tier", data_type: "string", excluded: true }, { name: "seats", data_type: "integer" }])
    expect(excluded.operations, "the file keeps the changes; the apply leaves them out").toEqual(plan.operations)
    expect(isIncluded(excluded, target)).toBe(false)
    const shown = presentationOf(excluded, nodeOf(excluded, "tier: string", nodeOf(excluded, "Attributes to create")))
    expect([shown.included, shown.contextValue, shown.description]).toEqual([false, "planAttribute.excluded", "not created: its writes are left out"])
    expect(presentationOf(excluded, nodeOf(excluded, "Attributes to create")).description).toBe("1 of 2")
    // Company 5 only set custom.tier: left out, as the apply will count it.
    expect(excludedCount(excluded)).toBe(1)
    expect(excluded.summary.updates).toBe(2)
    expect(summaryText(excluded)).toContain("1 excluded")
    const company1 = nodeOf(excluded, "Company 1", nodeOf(excluded, "Updates"))
    const tierChange = childrenOf(excluded, company1).find((n) => n.kind === "field" && n.field === "custom.tier")!
    expect(presentationOf(excluded, tierChange).description).toBe("(not set) → gold (attribute not created: not written)")

    const back = withExclusion(excluded, target, false, summarizePlan)
    expect(back.attributes).toEqual(plan.attributes)
    expect([excludedCount(back), back.summary.updates]).toEqual([0, 3])
  })
})
