// The plan under review: exclusions are written to the plan file, and refused once an apply began
// (the journal keys a resume on the file's content).
import { summarizePlan } from "@intercom-explorer/plans"
import type { Plan } from "@intercom-explorer/plans"
import { describe, expect, it } from "vitest"
import { PlanModel } from "../../src/plans/model/PlanModel.ts"
import { samplePlan } from "./planFixture.ts"

describe("PlanModel", () => {
  it("an exclusion rewrites the file and tells the view", async () => {
    const saved: Array<[string, Plan]> = []
    const model = new PlanModel(summarizePlan, async (file, plan) => void saved.push([file, plan]))
    let changes = 0
    model.onDidChange(() => changes++)
    model.open(samplePlan(), "/plans/plan-1.json")
    await model.setExcluded({ kind: "operation", seq: 3 }, true)
    expect(saved.map(([file, plan]) => [file, plan.summary.creates])).toEqual([["/plans/plan-1.json", 0]])
    expect(model.current?.plan.operations[2]?.excluded).toBe(true)
    expect(changes).toBe(2)
  })

  it("once an apply began (or the plan was opened to resume one), exclusions are refused and nothing is written", async () => {
    const saved: Array<Plan> = []
    const model = new PlanModel(summarizePlan, async (_file, plan) => void saved.push(plan))
    model.open(samplePlan(), "/plans/plan-1.json")
    model.setPhase("applying")
    await expect(model.setExcluded({ kind: "operation", seq: 1 }, true)).rejects.toThrow(/can no longer change/)
    model.lock()
    model.setPhase("review")
    expect(model.current?.locked).toBe(true)
    await expect(model.setExcluded({ kind: "operation", seq: 1 }, true)).rejects.toThrow(/can no longer change/)
    model.open(samplePlan(), "/plans/plan-1.json", { locked: true })
    await expect(model.setExcluded({ kind: "field", seq: 1, field: "size" }, true)).rejects.toThrow(/can no longer change/)
    expect(saved).toEqual([])
  })

  it("exclusions clicked during a slow save are written in turn, none lost; settled() waits for them", async () => {
    const saved: Array<Plan> = []
    let release: () => void = () => {}
    const model = new PlanModel(summarizePlan, (_file, plan) => new Promise<void>((resolve) => {
      saved.push(plan)
      release = resolve
    }))
    model.open(samplePlan(), "/plans/plan-1.json")
    const first = model.setExcluded({ kind: "operation", seq: 1 }, true)
    const second = model.setExcluded({ kind: "operation", seq: 3 }, true)
    let settled = false
    void model.settled().then(() => (settled = true))
    await Promise.resolve()
    release()
    await first
    await new Promise((resolve) => setTimeout(resolve, 0))
    release()
    await second
    await model.settled()
    expect(settled).toBe(true)
    // The second save started from the first one's plan: both exclusions are in the file and the view.
    expect(saved.at(-1)?.operations.filter((op) => op.excluded === true).map((op) => op.seq)).toEqual([1, 3])
    expect(model.current?.plan.operations.filter((op) => op.excluded === true).map((op) => op.seq)).toEqual([1, 3])
  })
})
