// The Plan view's node objects: kept per id while one plan is open (VS Code keeps expansion by the
// object), forgotten when another plan opens, since ids like `warning/0` recur with other text.
import { describe, expect, it } from "vitest"
import { PlanNodeCache } from "../../src/plans/model/planNodeCache.ts"
import { childrenOf, type PlanNode, presentationOf } from "../../src/plans/model/planNodes.ts"
import { samplePlan } from "./planFixture.ts"

const warning = (text: string): PlanNode => ({ kind: "warning", id: "warning/0", text })

describe("PlanNodeCache", () => {
  it("hands out the same object for an id while the same plan stays open", () => {
    const nodes = new PlanNodeCache()
    nodes.opened({ id: "plan-1", file: "/p/plan-1.json" })
    const first = nodes.get(warning("3 rows share company_id 1"))
    nodes.opened({ id: "plan-1", file: "/p/plan-1.json" })
    expect(nodes.get(warning("3 rows share company_id 1"))).toBe(first)
  })

  it("forgets the nodes when another plan opens: its warning/0 shows its own text", () => {
    const nodes = new PlanNodeCache()
    const warned = { ...samplePlan(), warnings: ["the import's warning"] }
    nodes.opened({ id: warned.id, file: "/p/plan-1.json" })
    const group = nodes.get(childrenOf(warned).at(-1)!)
    expect(nodes.get(childrenOf(warned, group)[0]!)).toEqual(warning("the import's warning"))

    const undo = { ...samplePlan(), id: "undo-plan-1", warnings: ["the undo's warning"] }
    nodes.opened({ id: undo.id, file: "/p/undo-plan-1.json" })
    expect(nodes.size).toBe(0)
    const shown = nodes.get(childrenOf(undo, nodes.get(childrenOf(undo).at(-1)!))[0]!)
    expect(presentationOf(undo, shown).label).toBe("the undo's warning")
  })

  it("forgets them when the same plan id opens from another file, and when the plan closes", () => {
    const nodes = new PlanNodeCache()
    nodes.opened({ id: "plan-1", file: "/a/plan.json" })
    nodes.get(warning("a"))
    nodes.opened({ id: "plan-1", file: "/b/plan.json" })
    expect(nodes.size).toBe(0)
    nodes.get(warning("b"))
    nodes.opened(undefined)
    expect(nodes.size).toBe(0)
  })

  it("replaces a node whose content changed under the same id (a `~more` count)", () => {
    const nodes = new PlanNodeCache()
    nodes.opened({ id: "plan-1", file: "/p/plan-1.json" })
    nodes.get({ kind: "more", id: "group/updates/~more", count: 5 })
    expect(nodes.get({ kind: "more", id: "group/updates/~more", count: 4 })).toEqual({ kind: "more", id: "group/updates/~more", count: 4 })
  })
})
