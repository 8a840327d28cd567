// The Plan view's grouping of a plan (summary, kinds, companies, fields and tags, invalid rows with
// their reasons) and the reviewer's exclusions, with the plans package's own summary count.
import { summarizePlan } from "@intercom-explorer/plans"
import { describe, expect, it } from "vitest"
import { companyJson } from "../../src/plans/model/companyJson.ts"
import { excludedCount, isIncluded, withExclusion } from "../../src/plans/model/exclusion.ts"
import { childrenOf, MAX_SHOWN_PER_GROUP, type PlanNode, presentationOf, summaryText } from "../../src/plans/model/planNodes.ts"
import { samplePlan } from "./planFixture.ts"

const labels = (plan = samplePlan(), node?: PlanNode) => childrenOf(plan, node).map((n) => presentationOf(plan, n).label)
const child = (plan: ReturnType<typeof samplePlan>, label: string, node?: PlanNode): PlanNode => {
  const found = childrenOf(plan, node).find((n) => presentationOf(plan, n).label === label)
  if (found === undefined) throw new Error(`no node "${label}" in ${labels(plan, node).join(", ")}`)
  return found
}

describe("the Plan view's nodes", () => {
  it("a summary line, then one group per kind present, then the invalid rows", () => {
    const plan = samplePlan()
    expect(labels(plan)).toEqual(["companies-import.csv", "Updates", "Creates", "Tag changes", "Invalid rows"])
    expect(presentationOf(plan, childrenOf(plan)[0]!).description).toBe("2 updates · 1 create · 1 tag change · 1 unchanged · 2 invalid")
    expect(presentationOf(plan, child(plan, "Invalid rows")).description).toBe("2 left out")
  })

  it("group -> company -> field \"old → new\" and \"+ tag\" / \"- tag\"", () => {
    const plan = samplePlan()
    const updates = child(plan, "Updates")
    expect(labels(plan, updates)).toEqual(["Company 1", "Company 2"])
    const company = child(plan, "Company 1", updates)
    expect(presentationOf(plan, company).description).toBe("company_id 100001 · row 2")
    const items = childrenOf(plan, company).map((n) => [presentationOf(plan, n).label, presentationOf(plan, n).description])
    expect(items).toEqual([["size", "34 → 50"], ["custom.tier", "(not set) → gold"], ["+ VIP", ""]])
    const tagOnly = child(plan, "Company 4", child(plan, "Tag changes"))
    expect(labels(plan, tagOnly)).toEqual(["- Churn risk"])
  })

  it("an invalid row expands to its reasons", () => {
    const plan = samplePlan()
    const row = child(plan, "Row 7", child(plan, "Invalid rows"))
    expect(presentationOf(plan, row).description).toBe("100006 · column \"size\": Expected a whole number, got \"lots\"")
    expect(labels(plan, row)).toEqual(["column \"size\": Expected a whole number, got \"lots\""])
  })

  it("a big group shows its first companies, then how many more the plan file lists", () => {
    const base = samplePlan()
    const template = base.operations[1]!
    const operations = Array.from({ length: MAX_SHOWN_PER_GROUP + 5 }, (_, i) => ({ ...template, seq: i + 1, id: `id${i + 1}`, label: `Company ${i + 1}` }))
    const plan = { ...base, operations }
    const shown = childrenOf(plan, child(plan, "Updates"))
    expect(shown.length).toBe(MAX_SHOWN_PER_GROUP + 1)
    const more = shown.at(-1)!
    expect([presentationOf(plan, more).label, presentationOf(plan, more).included]).toEqual(["5 more", undefined])
    expect(presentationOf(plan, shown[MAX_SHOWN_PER_GROUP - 1]!).label).toBe(`Company ${MAX_SHOWN_PER_GROUP}`)
  })

  it("companies, fields and tags carry a check box; groups and invalid rows do not", () => {
    const plan = samplePlan()
    const company = child(plan, "Company 1", child(plan, "Updates"))
    expect(presentationOf(plan, company).included).toBe(true)
    expect(presentationOf(plan, company).contextValue).toBe("planOperation")
    for (const node of childrenOf(plan, company)) expect(presentationOf(plan, node).included).toBe(true)
    expect(presentationOf(plan, child(plan, "Updates")).included).toBeUndefined()
    expect(presentationOf(plan, child(plan, "Row 7", child(plan, "Invalid rows"))).included).toBeUndefined()
  })
})

describe("excluding and including", () => {
  it("a company left out: unchecked, its items too, the summary and its group count it", () => {
    const plan = withExclusion(samplePlan(), { kind: "operation", seq: 2 }, true, summarizePlan)
    expect(plan.operations[1]?.excluded).toBe(true)
    expect(plan.summary.updates).toBe(1)
    expect(excludedCount(plan)).toBe(1)
    expect(summaryText(plan)).toBe("1 update · 1 create · 1 tag change · 1 unchanged · 2 invalid · 1 excluded")
    const company = child(plan, "Company 2", child(plan, "Updates"))
    expect(presentationOf(plan, company).contextValue).toBe("planOperation.excluded")
    expect(presentationOf(plan, child(plan, "Updates")).description).toBe("1 of 2")
    expect(isIncluded(plan, { kind: "field", seq: 2, field: "name" })).toBe(false)
    const back = withExclusion(plan, { kind: "operation", seq: 2 }, false, summarizePlan)
    expect(back).toEqual(samplePlan())
  })

  it("one field left out keeps the company; its last item left out leaves the company out; including an item takes the company back", () => {
    let plan = withExclusion(samplePlan(), { kind: "field", seq: 1, field: "size" }, true, summarizePlan)
    expect(plan.operations[0]?.changes[0]).toEqual({ field: "size", before: 34, after: 50, excluded: true })
    expect(plan.operations[0]?.excluded).toBeUndefined()
    expect(plan.summary.updates).toBe(2)
    plan = withExclusion(plan, { kind: "field", seq: 1, field: "custom.tier" }, true, summarizePlan)
    expect(plan.summary.updates).toBe(1)
    expect(plan.summary.tagChanges).toBe(2)
    plan = withExclusion(plan, { kind: "tag", seq: 1, tag: "VIP", action: "add" }, true, summarizePlan)
    expect(plan.operations[0]?.excluded).toBe(true)
    plan = withExclusion(plan, { kind: "field", seq: 1, field: "size" }, false, summarizePlan)
    expect(plan.operations[0]?.excluded).toBeUndefined()
    expect(isIncluded(plan, { kind: "field", seq: 1, field: "size" })).toBe(true)
    expect(isIncluded(plan, { kind: "field", seq: 1, field: "custom.tier" })).toBe(false)
  })

  it("an update whose fields are all left out but a tag is counted and grouped as a tag change, the tree as the summary", () => {
    let plan = withExclusion(samplePlan(), { kind: "field", seq: 1, field: "size" }, true, summarizePlan)
    plan = withExclusion(plan, { kind: "field", seq: 1, field: "custom.tier" }, true, summarizePlan)
    expect(summaryText(plan)).toBe("1 update · 1 create · 2 tag changes · 1 unchanged · 2 invalid")
    expect(presentationOf(plan, child(plan, "Updates")).description).toBe("1")
    expect(labels(plan, child(plan, "Updates"))).toEqual(["Company 2"])
    const tagChanges = child(plan, "Tag changes")
    expect(presentationOf(plan, tagChanges).description).toBe("2")
    expect(labels(plan, tagChanges)).toEqual(["Company 1", "Company 4"])
    // Left out as a whole, it stays in that group, unchecked, and the summary counts it excluded.
    plan = withExclusion(plan, { kind: "operation", seq: 1 }, true, summarizePlan)
    expect(presentationOf(plan, child(plan, "Tag changes")).description).toBe("1 of 2")
    expect(summaryText(plan)).toBe("1 update · 1 create · 1 tag change · 1 unchanged · 2 invalid · 1 excluded")
  })

  it("a hand-edited plan with every item of an update excluded (the company not flagged) shows it left out", () => {
    const sample = samplePlan()
    const plan = { ...sample, operations: sample.operations.map((op) => (op.seq === 2 ? { ...op, changes: op.changes.map((c) => ({ ...c, excluded: true })) } : op)) }
    expect(isIncluded(plan, { kind: "operation", seq: 2 })).toBe(false)
    expect(excludedCount(plan)).toBe(1)
    expect(presentationOf(plan, child(plan, "Updates")).description).toBe("1 of 2")
  })

  it("checking a company whose every item was left out takes them all back", () => {
    let plan = withExclusion(samplePlan(), { kind: "field", seq: 2, field: "name" }, true, summarizePlan)
    expect(plan.operations[1]?.excluded).toBe(true)
    plan = withExclusion(plan, { kind: "operation", seq: 2 }, false, summarizePlan)
    expect(plan).toEqual(samplePlan())
  })
})

describe("the diff editor's JSON", () => {
  it("before and after of the planned fields and tags; an excluded item keeps its before value", () => {
    const plan = withExclusion(samplePlan(), { kind: "field", seq: 1, field: "size" }, true, summarizePlan)
    const op = plan.operations[0]!
    expect(JSON.parse(companyJson(op, "before"))).toEqual({ id: "id1", company_id: "100001", size: 34, custom_attributes: { tier: null }, tags: { VIP: false } })
    expect(JSON.parse(companyJson(op, "after"))).toEqual({ id: "id1", company_id: "100001", size: 34, custom_attributes: { tier: "gold" }, tags: { VIP: true } })
  })

  it("a create has no before", () => {
    const op = samplePlan().operations[2]!
    expect(JSON.parse(companyJson(op, "before"))).toBeNull()
    expect(JSON.parse(companyJson(op, "after"))).toEqual({ company_id: "900001", name: "Brand New Co", plan: "Pro" })
  })
})
