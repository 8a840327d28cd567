import { describe, expect, it } from "vitest"
import { composeQuery, groupTerm, hasSortTerm, quoteValue } from "../../src/tree/model/companyQuery.ts"

describe("companyQuery", () => {
  it("quotes a value as one term of the language, escaping quotes and backslashes", () => {
    expect(quoteValue("Financial services")).toBe(`"Financial services"`)
    expect(quoteValue(`say "hi" \\ bye`)).toBe(`"say \\"hi\\" \\\\ bye"`)
  })

  it("a group's term selects the group, or the companies without one", () => {
    expect(groupTerm("plan", "Pro")).toBe(`plan:"Pro"`)
    expect(groupTerm("tag", "Do not contact")).toBe(`tag:"Do not contact"`)
    expect(groupTerm("industry", null)).toBe("no:industry")
  })

  it("adds the view's sort unless the query orders itself (a sort: outside quotes)", () => {
    expect(composeQuery("plan:Pro", { sort: "-spend" })).toBe("plan:Pro sort:-spend")
    expect(composeQuery("plan:Pro", { sort: "name" })).toBe("plan:Pro")
    expect(composeQuery("spend>10 sort:size", { sort: "-spend" })).toBe("spend>10 sort:size")
    expect(hasSortTerm(`name:"sort:x"`)).toBe(false)
    expect(composeQuery(`name:"sort:x"`, { sort: "-spend" })).toBe(`name:"sort:x" sort:-spend`)
    expect(composeQuery("", { sort: "-seen" })).toBe("sort:-seen")
  })

  it("puts the group's term into each alternative of an OR (terms bind tighter than OR)", () => {
    expect(composeQuery("plan:Pro OR spend>1000", { group: `tag:"VIP"` })).toBe(`plan:Pro tag:"VIP" OR spend>1000 tag:"VIP"`)
    expect(composeQuery("", { group: "no:plan" })).toBe("no:plan")
    expect(composeQuery(`name:"Salt OR Pepper" OR plan:Pro`, { group: "no:tag" })).toBe(`name:"Salt OR Pepper" no:tag OR plan:Pro no:tag`)
  })
})
