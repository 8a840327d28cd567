import { describe, expect, it } from "vitest"
import { companyNodeId, tagNodeId } from "../../src/tree/model/ids"
import { type CompanyNode, type GroupRef, NodeCache } from "../../src/tree/nodes"

const tag = (id: string): GroupRef => ({ kind: "tag", groupId: id, nodeId: tagNodeId(id) })
const company = (companyId: string, group?: GroupRef): CompanyNode => ({
  kind: "company",
  id: companyNodeId(group?.nodeId, companyId),
  companyId,
  group
})

describe("NodeCache", () => {
  it("hands out one object per id and finds every node of a company, under every group", () => {
    const nodes = new NodeCache()
    const top = nodes.get(company("c1"))
    expect(nodes.get(company("c1"))).toBe(top)
    const underVip = nodes.get(company("c1", tag("vip")))
    const underNew = nodes.get(company("c1", tag("new")))
    nodes.get(company("c2", tag("vip")))
    expect(nodes.companyNodes("c1")).toEqual([top, underVip, underNew])
    expect(nodes.companyNodes("nobody")).toEqual([])
  })

  it("forgets the nodes under a cleared prefix, and all of them on clear()", () => {
    const nodes = new NodeCache()
    const top = nodes.get(company("c1"))
    nodes.get(company("c1", tag("vip")))
    nodes.get(company("c2", tag("vip")))
    nodes.clear(`${tagNodeId("vip")}/`)
    expect(nodes.companyNodes("c1")).toEqual([top])
    expect(nodes.companyNodes("c2")).toEqual([])
    expect(nodes.lookup(companyNodeId(tagNodeId("vip"), "c2"))).toBeUndefined()
    nodes.clear()
    expect(nodes.companyNodes("c1")).toEqual([])
  })

  it("a node replaced by another kind under the same id is no longer a company node", () => {
    const nodes = new NodeCache()
    const id = companyNodeId(undefined, "c1")
    nodes.get(company("c1"))
    nodes.get({ kind: "tag", id, groupId: "t" })
    expect(nodes.companyNodes("c1")).toEqual([])
  })
})
