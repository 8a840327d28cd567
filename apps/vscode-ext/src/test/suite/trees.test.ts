import * as assert from "node:assert/strict"
import * as vscode from "vscode"
import { Commands } from "../../contributions"
import type { TestApi } from "../../extension"
import { companyDescription, formatCount, toCompanyRow } from "../../tree/model/CompanyRow"
import type { TreeNode } from "../../tree/nodes"
import { activateExtension, waitFor } from "./helpers"
import { connectTo, type Simulator, startTestSimulator } from "./sim"
import { companiesLoaded, companyIds, description, groupExpanded, groupsLoaded, label, statusKinds } from "./treeHelpers"

suite("trees against the simulator", () => {
  let api: TestApi
  let sim: Simulator
  /** Companies POST /companies/list reaches: those with users. */
  let listed: number

  suiteSetup(async () => {
    ;({ api } = await activateExtension())
    // A short scroll TTL: the scroll abandoned at the cap must not hold the next Load all for a minute.
    sim = await startTestSimulator({ companies: 120, scrollTtlMs: 1_500 })
    listed = sim.state.companies.ids().filter((id) => (sim.state.companies.get(id)?.user_count ?? 0) > 0).length
    await connectTo(api, sim)
  })

  suiteTeardown(async () => {
    await api.session.signOut()
    await sim.close()
  })

  test("Companies: the first page, with ids, labels, descriptions and the count in the view", async () => {
    const children = await companiesLoaded(api)
    const tree = api.trees.companies
    const ids = companyIds(children)
    assert.equal(ids.length, 50)
    assert.deepEqual(statusKinds(children), ["loadMore", "loadAll"])
    for (const node of children.filter((n) => n.kind === "company")) assert.equal(node.id, `company/${(node as { companyId: string }).companyId}`)
    const first = sim.state.companies.get(ids[0]!)!
    assert.equal(label(tree, children[0]!), first.name)
    const expected = companyDescription(toCompanyRow(first as never))
    assert.equal(description(tree, children[0]!), expected)
    assert.match(expected, new RegExp(`\\$${formatCount(first.monthly_spend).replace(",", ",")}/mo`))
    const item = tree.resolveTreeItem(tree.getTreeItem(children[0]!), children[0]!)
    assert.ok(item.tooltip instanceof vscode.MarkdownString, "a Markdown tooltip, filled on hover")
    assert.match((item.tooltip as vscode.MarkdownString).value, /Monthly spend/)
    assert.equal(item.contextValue, "company")
    // POST /companies/list counts only companies with users; the view says so.
    assert.equal(tree.view.description, `50 of ${formatCount(listed)} with users`)
  })

  test("a company expands to its tags and segments, with path-qualified ids", async () => {
    const tree = api.trees.companies
    const children = await companiesLoaded(api)
    const node = children.find((n) => n.kind === "company" && (tree.rowOf(n)?.tags.length ?? 0) > 0 && (tree.rowOf(n)?.segments.length ?? 0) > 0)
    assert.ok(node && node.kind === "company", "a company with tags and segments on the first page")
    const wire = sim.state.companies.get(node.companyId)!
    const kids = tree.getChildren(node)
    assert.deepEqual(
      kids.map((k) => k.id),
      [
        ...wire.tags.tags.map((t) => `company/${wire.id}/tag/${t.id}`),
        ...wire.segments.segments.map((s) => `company/${wire.id}/segment/${s.id}`)
      ]
    )
    assert.deepEqual(kids.map((k) => label(tree, k)), [...wire.tags.tags.map((t) => t.name), ...wire.segments.segments.map((s) => s.name)])
  })

  test("Load more appends the next page; Load all brings every company, users or not", async () => {
    const tree = api.trees.companies
    await companiesLoaded(api)
    await vscode.commands.executeCommand(Commands.loadMoreCompanies)
    let children = await companiesLoaded(api, "the second page")
    assert.equal(companyIds(children).length, 100)
    assert.equal(tree.view.description, `100 of ${formatCount(listed)} with users`)

    await vscode.commands.executeCommand(Commands.loadAllCompanies)
    await waitFor("Load all to finish", () => tree.model.busy === undefined && tree.model.complete, 20_000)
    children = tree.getChildren()
    assert.equal(companyIds(children).length, 120, "every company, including those without users")
    assert.deepEqual(new Set(companyIds(children)), new Set(sim.state.companies.ids()))
    assert.deepEqual(statusKinds(children), [], "no Load more / Load all once everything is there")
    assert.equal(tree.view.description, "120")
    assert.equal(sim.state.scroll.completed, 1, "the scroll was read to its end")
  })

  test("Load all stops at the row cap, releases the scroll and offers Find Company", async () => {
    const tree = api.trees.companies
    await vscode.commands.executeCommand(Commands.refreshCompanies)
    await companiesLoaded(api)
    tree.model.maxRows = 60
    try {
      tree.model.reset()
      await companiesLoaded(api)
      await vscode.commands.executeCommand(Commands.loadAllCompanies)
      await waitFor("Load all to stop at the cap", () => tree.model.busy === undefined && tree.model.capped, 20_000)
      const children = tree.getChildren()
      assert.equal(companyIds(children).length, 60)
      assert.deepEqual(statusKinds(children), ["capped"])
      assert.equal(tree.getTreeItem(children.at(-1)!).command?.command, "intercom.findCompany")
    } finally {
      tree.model.maxRows = 25_000
      tree.model.reset()
      await companiesLoaded(api)
    }
  })

  test("Segments: counts in descriptions and view, expanding to their companies", async () => {
    const tree = api.trees.segments
    const roots = await groupsLoaded(api, "segments")
    const expected = sim.state.segments().sort((a, b) => a.name.localeCompare(b.name, "en", { sensitivity: "base" }))
    assert.deepEqual(roots.map((n) => label(tree, n)), expected.map((s) => s.name))
    assert.deepEqual(roots.map((n) => n.id), expected.map((s) => `segment/${s.id}`))
    assert.deepEqual(roots.map((n) => description(tree, n)), expected.map((s) => `${formatCount(s.count)} ${s.count === 1 ? "company" : "companies"}`))
    assert.equal(tree.view.description, `${expected.length} segments`)

    const segment = expected.find((s) => s.count > 0 && s.count <= 50)!
    const children = await groupExpanded(api, "segments", segment.id)
    assert.deepEqual(new Set(companyIds(children)), new Set(sim.state.companiesInSegment(segment.id)))
    for (const node of children) if (node.kind === "company") assert.equal(node.id, `segment/${segment.id}/company/${node.companyId}`)
  })

  test("Tags expand to their companies; Load more under a big group", async () => {
    const roots = await groupsLoaded(api, "tags")
    assert.deepEqual(roots.map((n) => label(api.trees.tags, n)), sim.state.tags().map((t) => t.name).sort((a, b) => a.localeCompare(b, "en", { sensitivity: "base" })))
    const tag = sim.state.tags().find((t) => sim.state.companiesWithTag(t.id).length > 0)!
    const children = await groupExpanded(api, "tags", tag.id)
    assert.deepEqual(new Set(companyIds(children)), new Set(sim.state.companiesWithTag(tag.id)))
    for (const node of children) if (node.kind === "company") assert.equal(node.id, `tag/${tag.id}/company/${node.companyId}`)
    assert.equal(api.trees.tags.getTreeItem(children.find((n) => n.kind === "company")!).contextValue, "company;underTag")

    // A segment bigger than a page: 50 first, then Load more under it.
    const big = sim.state.segments().find((s) => s.count > 50)
    if (big !== undefined) {
      let rows = await groupExpanded(api, "segments", big.id)
      assert.equal(companyIds(rows).length, 50)
      const more = rows.find((n) => n.kind === "loadMore")!
      assert.ok(more, "a Load more row under the segment")
      await vscode.commands.executeCommand(Commands.loadMoreInGroup, more)
      await waitFor("the next companies of the segment", () => api.trees.segments.model.companiesOf(big.id).rows.size > 50)
      rows = api.trees.segments.getChildren(api.trees.segments.groupNode(big.id))
      assert.equal(companyIds(rows).length, Math.min(100, big.count))
    }
  })

  test("ids and node objects stay the same across a refresh (expansion is kept by id)", async () => {
    const tree = api.trees.companies
    const before = await companiesLoaded(api)
    const segmentsBefore = await groupsLoaded(api, "segments")
    await vscode.commands.executeCommand(Commands.refreshCompanies)
    await vscode.commands.executeCommand(Commands.refreshSegments)
    const after = await companiesLoaded(api, "the refresh")
    const segmentsAfter = await groupsLoaded(api, "segments")
    assert.deepEqual(after.map((n) => n.id), before.map((n) => n.id))
    for (let i = 0; i < before.length; i++) assert.equal(after[i], before[i], `node ${before[i]!.id} is a new object`)
    assert.deepEqual(segmentsAfter.map((n) => n.id), segmentsBefore.map((n) => n.id))
    const company = after.find((n): n is Extract<TreeNode, { kind: "company" }> => n.kind === "company")!
    assert.deepEqual(tree.getChildren(company).map((k) => k.id), tree.getChildren(company).map((k) => k.id))
  })
})
