import { describe, expect, it } from "vitest"
import { CompanyList } from "../../src/tree/model/CompanyList.ts"
import { GroupModel } from "../../src/tree/model/GroupModel.ts"
import { SegmentsModel, TagsModel } from "../../src/tree/model/GroupsModel.ts"
import { row as companyRow } from "./rows.ts"

const row = (id: string, tags: Array<{ id: string; name: string }> = []) => companyRow(id, { name: id, tags })

describe("SegmentsModel and TagsModel", () => {
  it("sorts by name, describes counts, and counts the view", () => {
    const model = new SegmentsModel()
    model.replace([{ id: "2", name: "beta", count: 1 }, { id: "1", name: "Alpha", count: 1234 }])
    expect(model.groups().map((g) => g.name)).toEqual(["Alpha", "beta"])
    expect(model.groupDescription(model.get("1")!)).toBe("1,234 companies")
    expect(model.groupDescription(model.get("2")!)).toBe("1 company")
    expect(model.description()).toBe("2 segments")
  })

  it("ignores a tag added before the list loaded (the load brings it)", () => {
    const model = new TagsModel()
    model.upsert({ id: "9", name: "New" })
    expect(model.phase).toBe("idle")
    expect(model.groups()).toEqual([])
  })

  it("updates and removes a company wherever it is listed", () => {
    const model = new TagsModel()
    model.replace([{ id: "t1", name: "VIP" }, { id: "t2", name: "Beta" }])
    model.companiesOf("t1").replace(new CompanyList([row("a"), row("b")]), true)
    model.companiesOf("t2").replace(new CompanyList([row("a")]), true)
    expect(model.replaceCompany({ ...row("a"), name: "A2" })).toEqual(["t1", "t2"])
    expect(model.companiesOf("t2").rows.get("a")?.name).toBe("A2")
    expect(model.removeCompany("a", "t1")).toEqual(["t1"])
    expect(model.companiesOf("t1").rows.ids()).toEqual(["b"])
    expect(model.groupDescription(model.get("t1")!)).toBe("1 company")
  })

  it("drops the companies of a group that disappeared", () => {
    const model = new TagsModel()
    model.replace([{ id: "t1", name: "VIP" }])
    model.companiesOf("t1").replace(new CompanyList([row("a")]), true)
    model.replace([])
    expect(model.companies.size).toBe(0)
  })
})

describe("GroupModel", () => {
  it("loading row first, then companies with Load more until done", () => {
    const group = new GroupModel()
    expect(group.entries()).toEqual([{ kind: "loading" }])
    group.replace(new CompanyList([row("a")]), false)
    expect(group.entries().map((e) => e.kind)).toEqual(["company", "loadMore"])
    group.append([row("b")], true)
    expect(group.entries().map((e) => e.kind)).toEqual(["company", "company"])
  })

  it("says when a group has no companies, and keeps rows under an error", () => {
    const group = new GroupModel()
    group.replace(new CompanyList(), true)
    expect(group.entries()).toEqual([{ kind: "empty" }])
    group.replace(new CompanyList([row("a")]), false)
    group.failed({ message: "x", offline: false, at: new Date() })
    expect(group.entries().map((e) => e.kind)).toEqual(["error", "company"])
  })
})
