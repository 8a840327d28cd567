// Bulk Edit's assignments as planFromQuery's options (the CLI's --set/--tag/--untag shapes), and the
// words of an apply's progress and end.
import { describe, expect, it } from "vitest"
import { describeAssignment, toQueryOptions, validateAttributeKeyText } from "../../src/plans/model/assignments.ts"
import { listQueryOf } from "../../src/plans/model/listQuery.ts"
import { groupListId, ReplicaCompaniesModel } from "../../src/tree/model/ReplicaCompaniesModel.ts"
import type { ReplicaReader } from "../../src/tree/model/ReplicaReader.ts"
import { progressMessage, summaryMessage } from "../../src/plans/model/progressText.ts"

describe("Bulk Edit's assignments", () => {
  it("become set/tag/untag: custom attributes as custom.KEY, a clear as custom.KEY=, the last of one field wins", () => {
    const options = toQueryOptions("plan:Pro", [
      { kind: "set", field: "size", value: "10" },
      { kind: "set", field: "custom.tier", value: "gold" },
      { kind: "set", field: "size", value: "12" },
      { kind: "clear", key: "account_manager" },
      { kind: "tag", name: "VIP" },
      { kind: "untag", name: "Churn risk" },
      { kind: "untag", name: "vip" }
    ])
    expect(options).toEqual({ query: "plan:Pro", set: ["size=12", "custom.tier=gold", "custom.account_manager="], tag: [], untag: ["Churn risk", "vip"] })
  })

  it("a multi-selection passes its ids with an empty query", () => {
    expect(toQueryOptions("", [{ kind: "tag", name: "VIP" }], ["a", "b"])).toEqual({ query: "", set: [], tag: ["VIP"], untag: [], ids: ["a", "b"] })
  })

  it("are listed as the menu shows them; an attribute name must not be blank nor hold \"=\"", () => {
    expect(describeAssignment({ kind: "clear", key: "tier" })).toBe("clear custom.tier")
    expect(describeAssignment({ kind: "set", field: "plan", value: "Pro" })).toBe("set plan = Pro")
    expect(validateAttributeKeyText(" ")).toBe("The attribute name must not be blank.")
    expect(validateAttributeKeyText("a=b")).toBe("The attribute name must not contain \"=\".")
    expect(validateAttributeKeyText("tier")).toBeUndefined()
  })
})

describe("an apply's words", () => {
  const base = { total: 40, done: 12, applied: 10, unchanged: 1, conflicts: 1, failed: 0, requestsPerSecond: 3.25, secondsLeft: 9 }
  it("progress: done of total, rate, time left", () => {
    expect(progressMessage(base)).toBe("12 of 40 · 3.3/s · about 9 s left")
    expect(progressMessage({ ...base, requestsPerSecond: 0, secondsLeft: undefined })).toBe("12 of 40")
  })

  it("the end: counts, and whether it needs a look", () => {
    const summary = { planId: "p", total: 4, applied: 3, unchanged: 0, conflicts: 0, invalid: 3, failed: 0, excluded: 1, attributes: [], cancelled: false, alreadyFinished: false, resumed: false }
    expect(summaryMessage(summary, "apply")).toEqual({ text: "Bulk change finished: applied 3, unchanged 0, conflicts 0, failed 0 (1 excluded, 3 invalid rows left out).", clean: true })
    const attributes = [{ name: "tier", dataType: "string", state: "created" }, { name: "old", dataType: "integer", state: "existed" }] as const
    expect(summaryMessage({ ...summary, attributes }, "apply").text).toBe(
      "Bulk change finished: applied 3, unchanged 0, conflicts 0, failed 0 (created custom.tier, 1 excluded, 3 invalid rows left out)."
    )
    expect(summaryMessage({ ...summary, conflicts: 1 }, "undo").clean).toBe(false)
    expect(summaryMessage({ ...summary, cancelled: true }, "apply").text).toBe("Bulk change stopped after 3 of 4: applied 3, unchanged 0, conflicts 0, failed 0. Apply again to resume.")
  })
})

describe("Bulk Edit on a list of the Companies view", () => {
  // The view's own model, its lists handed out by rootEntries as the tree does; the reader stands
  // in for the replica (counts only: the queries are what is checked, not what they match).
  const reader = {
    count: async () => 3,
    page: async () => [],
    groupCounts: async () => [{ key: "Pro", count: 2 }, { key: null, count: 1 }]
  } as unknown as ReplicaReader
  const shown = async (groupBy: "none" | "plan") => {
    const lists = new ReplicaCompaniesModel(() => reader)
    lists.filter = "spend>100"
    lists.sort = "-spend"
    lists.groupBy = groupBy
    lists.queries = [{ label: "Top spenders", query: "spend>1000" }]
    // As the tree does: asked again once the reads it started have answered.
    lists.rootEntries()
    while (lists.busy) {
      await lists.settled()
      lists.rootEntries()
    }
    return lists
  }

  it("a saved query or a group runs exactly the query the view runs for it", async () => {
    const lists = await shown("plan")
    for (const listId of ["query:0", groupListId("plan", "Pro"), groupListId("plan", null)]) {
      expect(listQueryOf(listId, lists)?.query).toBe(lists.queryOf(listId))
    }
    expect(listQueryOf("query:0", lists)).toEqual({ query: "spend>1000 sort:-spend", description: "Top spenders" })
    expect(listQueryOf(groupListId("plan", "Pro"), lists)?.description).toBe("plan: Pro")
    expect(listQueryOf(groupListId("plan", null), lists)?.description).toBe("plan: (none)")
  })

  it("a list the view does not show (any more) has none", async () => {
    const lists = await shown("plan")
    expect(listQueryOf("query:3", lists)).toBeUndefined()
    expect(listQueryOf(groupListId("plan", "Enterprise"), lists)).toBeUndefined()
    lists.groupBy = "none"
    lists.resetPaging()
    lists.rootEntries()
    expect(listQueryOf(groupListId("plan", "Pro"), lists)).toBeUndefined()
    expect((await shown("none")).queryOf(groupListId("plan", "Pro"))).toBeUndefined()
  })
})
