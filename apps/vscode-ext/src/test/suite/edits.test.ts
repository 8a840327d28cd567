import * as assert from "node:assert/strict"
import * as vscode from "vscode"
import { COMPANIES_MIME, Commands } from "../../contributions"
import type { TestApi } from "../../extension"
import type { CompanyGroupNode, CompanyNode, TreeNode } from "../../tree/nodes"
import { activateExtension, waitFor } from "./helpers"
import { scripted } from "./prompts"
import { connectTo, requestCount, type Simulator, startTestSimulator } from "./sim"
import { companiesLoaded, description, groupExpanded, groupsLoaded, label } from "./treeHelpers"

suite("edit commands", () => {
  let api: TestApi
  let sim: Simulator

  suiteSetup(async () => {
    ;({ api } = await activateExtension())
    sim = await startTestSimulator({ companies: 80, seed: 11 })
    await connectTo(api, sim)
    await companiesLoaded(api)
  })

  suiteTeardown(async () => {
    await api.session.signOut()
    await sim.close()
  })

  /** The company rows of the Companies root, loaded. */
  const rows = async (): Promise<Array<CompanyNode>> =>
    (await companiesLoaded(api)).filter((n): n is CompanyNode => n.kind === "company")
  const wire = (id: string) => sim.state.companies.get(id)!
  /** Records which elements the Companies view refreshes while `body` runs. */
  const refreshed = async (body: () => Thenable<unknown>): Promise<Array<TreeNode | Array<TreeNode> | undefined>> => {
    const fired: Array<TreeNode | Array<TreeNode> | undefined> = []
    const sub = api.trees.companies.onDidChangeTreeData((e) => fired.push(e))
    try {
      await body()
    } finally {
      sub.dispose()
    }
    return fired
  }

  test("Rename Company from the row: an input box with the name, PUT, only that row re-rendered", async () => {
    const [node] = await rows()
    const before = wire(node!.companyId)
    const fired = await scripted({ inputs: ["Renamed Integration Co"] }, async (calls) => {
      const events = await refreshed(() => vscode.commands.executeCommand(Commands.renameCompany, node))
      assert.equal(calls.inputs[0]?.value, before.name, "the box starts with the current name")
      assert.ok(calls.inputs[0]?.validateInput, "the box validates as you type")
      assert.deepEqual(calls.errors, [])
      return events
    })
    assert.equal(wire(node!.companyId).name, "Renamed Integration Co")
    assert.equal(label(api.trees.companies, node!), "Renamed Integration Co")
    assert.ok(fired.length > 0)
    for (const e of fired) {
      assert.ok(Array.isArray(e), "a whole-view refresh was fired for a one-row edit")
      for (const n of e) assert.equal((n as CompanyNode).companyId, node!.companyId)
    }
  })

  test("Edit Company: a QuickPick of fields, then each field saved (plan, size, website, industry, spend)", async () => {
    const [, node] = await rows()
    const edits: Array<[string, string]> = [["Plan", "Growth"], ["Size", "250"], ["Website", "https://example.org"], ["Industry", "Robotics"], ["Monthly spend", "1234"]]
    for (const [field, value] of edits) {
      await scripted({ picks: [field], inputs: [value] }, async (calls) => {
        await vscode.commands.executeCommand(Commands.editCompany, node)
        assert.deepEqual(calls.errors, [], `editing ${field}`)
        assert.deepEqual(calls.picks[0]?.items.map((i) => i.label), ["Name", "Plan", "Size", "Website", "Industry", "Monthly spend", "Custom attribute…"])
      })
    }
    const company = wire(node!.companyId)
    assert.equal(company.plan.name, "Growth")
    assert.equal(company.size, 250)
    assert.equal(company.website, "https://example.org")
    assert.equal(company.industry, "Robotics")
    assert.equal(company.monthly_spend, 1234)
    assert.match(description(api.trees.companies, node!), /Growth · 250 people · .* · \$1,234\/mo/)
  })

  test("the input boxes validate with the request's rules (size, website, monthly spend)", async () => {
    const [node] = await rows()
    const validators = new Map<string, (value: string) => unknown>()
    for (const field of ["Size", "Website", "Monthly spend"]) {
      await scripted({ picks: [field], inputs: [(options) => (validators.set(field, options!.validateInput!), undefined)] }, () =>
        vscode.commands.executeCommand(Commands.editCompany, node))
    }
    const size = validators.get("Size")!
    assert.match(String(await size("abc")), /size must be a whole number/)
    assert.match(String(await size("-3")), /size must be a whole number/)
    assert.match(String(await size("1.5")), /size must be a whole number/)
    assert.equal(await size("12"), undefined)
    assert.match(String(await validators.get("Website")!("not a website")), /website must be a web address/)
    assert.equal(await validators.get("Website")!("https://acme.example"), undefined)
    const spend = validators.get("Monthly spend")!
    assert.match(String(await spend("2147483648")), /between 0 and 2147483647/)
    assert.match(String(await spend("-1")), /between 0 and 2147483647/)
    assert.equal(await spend("2147483647"), undefined)
  })

  test("a rejected edit (bad size) says why, sends no request and changes nothing", async () => {
    const [node] = await rows()
    const before = wire(node!.companyId)
    const requests = requestCount(sim)
    await scripted({ picks: ["Size"], inputs: ["twelve"] }, async (calls) => {
      await vscode.commands.executeCommand(Commands.editCompany, node)
      assert.equal(calls.errors.length, 1)
      assert.match(calls.errors[0]!, /size must be a whole number/)
    })
    assert.equal(requestCount(sim), requests, "a request was sent")
    assert.deepEqual(wire(node!.companyId), before)
  })

  test("Edit Custom Attribute: an existing key, a new key (created first), and a nested value refused", async () => {
    const [node] = await rows()
    // A text attribute (defined by the seed) keeps what was typed as text.
    await scripted({ picks: ["account_manager"], inputs: ["42"] }, () => vscode.commands.executeCommand(Commands.editCustomAttribute, node))
    assert.equal(wire(node!.companyId).custom_attributes["account_manager"], "42")
    await scripted({ picks: ["New attribute…"], inputs: ["tier", "gold"], warning: "Create as string and Save" }, () =>
      vscode.commands.executeCommand(Commands.editCustomAttribute, node))
    assert.equal(wire(node!.companyId).custom_attributes["tier"], "gold")
    const requests = requestCount(sim)
    await scripted({ picks: ["New attribute…"], inputs: ["shape", '{"nested": true}'] }, async (calls) => {
      await vscode.commands.executeCommand(Commands.editCustomAttribute, node)
      assert.match(calls.errors[0] ?? "", /custom attribute must be text, a number, true\/false or null/)
    })
    assert.equal(requestCount(sim), requests + 1, "only the read of the attributes was sent")
    assert.equal(wire(node!.companyId).custom_attributes["tier"], "gold")
  })

  test("Create Company (company_id + name) shows it first; an existing company_id is refused", async () => {
    await scripted({ inputs: ["it-created-1", "Created In Test"] }, () => vscode.commands.executeCommand(Commands.createCompany))
    const created = sim.state.companies.byCompanyId("it-created-1")
    assert.equal(created?.name, "Created In Test")
    const [first] = await rows()
    assert.equal(first?.companyId, created!.id)
    await scripted({ inputs: ["it-created-1", "Another name"] }, async (calls) => {
      await vscode.commands.executeCommand(Commands.createCompany)
      assert.match(calls.errors[0] ?? "", /already exists/)
    })
    assert.equal(sim.state.companies.byCompanyId("it-created-1")?.name, "Created In Test")
  })

  test("Delete Company asks first (modal); cancelling keeps it, confirming deletes it", async () => {
    const node = (await rows()).at(-1)!
    await scripted({ warning: undefined }, async (calls) => {
      await vscode.commands.executeCommand(Commands.deleteCompany, node)
      assert.match(calls.warnings[0] ?? "", /^Delete company '.+'\?$/)
    })
    assert.ok(sim.state.companies.get(node.companyId))
    await scripted({ warning: "Delete" }, () => vscode.commands.executeCommand(Commands.deleteCompany, node))
    assert.equal(sim.state.companies.get(node.companyId), undefined)
    assert.ok(!(await rows()).some((n) => n.companyId === node.companyId), "the row is gone")
  })

  test("Tag Companies on a multi-selection: one POST /tags, every row gains the tag", async () => {
    const all = await rows()
    const picked = all.filter((n) => !sim.state.tagsOf(n.companyId).some((t) => t.name === "Partner")).slice(0, 3)
    const marker = sim.state.requests.length
    await scripted({ picks: ["Partner"] }, () => vscode.commands.executeCommand(Commands.tagCompany, picked[0], picked))
    const posts = sim.state.requests.slice(marker).filter((r) => r.method === "POST" && r.path === "/tags")
    assert.equal(posts.length, 1, "one tagging request for the whole selection")
    for (const node of picked) {
      assert.ok(sim.state.tagsOf(node.companyId).some((t) => t.name === "Partner"))
      assert.ok(api.trees.companies.getChildren(node).some((k) => k.kind === "companyTag" && label(api.trees.companies, k) === "Partner"))
    }
  })

  test("Tag Companies with a new tag; Remove Tag from the tag under a company", async () => {
    const [node] = await rows()
    await scripted({ picks: ["New tag…"], inputs: ["Integration Tag"] }, () => vscode.commands.executeCommand(Commands.tagCompany, node))
    const tag = sim.state.tagByName("Integration Tag")
    assert.ok(tag, "the tag was created")
    assert.ok(sim.state.companiesWithTag(tag.id).includes(node!.companyId))
    const tagRow = api.trees.companies.getChildren(node).find((k): k is CompanyGroupNode => k.kind === "companyTag" && k.named.id === tag.id)
    assert.ok(tagRow, "the tag shows under the company")
    await scripted({}, () => vscode.commands.executeCommand(Commands.untagCompany, tagRow))
    assert.ok(!sim.state.companiesWithTag(tag.id).includes(node!.companyId))
    assert.ok(!api.trees.companies.getChildren(node).some((k) => k.id === tagRow.id))
  })

  test("dropping company rows on a tag tags them", async () => {
    const tags = await groupsLoaded(api, "tags")
    const beta = tags.find((n) => label(api.trees.tags, n) === "Beta tester")!
    const companies = (await rows()).filter((n) => !sim.state.tagsOf(n.companyId).some((t) => t.name === "Beta tester")).slice(0, 2)
    const transfer = new vscode.DataTransfer()
    api.trees.companies.handleDrag(companies, transfer)
    assert.ok(transfer.get(COMPANIES_MIME), "the drag carries the companies mime type")
    await api.trees.tags.handleDrop(beta, transfer)
    for (const node of companies) assert.ok(sim.state.tagsOf(node.companyId).some((t) => t.name === "Beta tester"))
  })

  test("Attach and Detach Contact by contact id", async () => {
    const [node] = await rows()
    const contact = sim.state.contactIds().find((c) => !sim.state.contactsOfCompany(node!.companyId).includes(c))!
    await scripted({ inputs: [contact] }, () => vscode.commands.executeCommand(Commands.attachContact, node))
    assert.ok(sim.state.contactsOfCompany(node!.companyId).includes(contact))
    assert.equal(api.trees.companies.rowOf(node!)?.userCount, wire(node!.companyId).user_count)
    await scripted({ inputs: [contact] }, () => vscode.commands.executeCommand(Commands.detachContact, node))
    assert.ok(!sim.state.contactsOfCompany(node!.companyId).includes(contact))
  })

  test("Open in Intercom (company and segment) and Copy Company Id", async () => {
    const [node] = await rows()
    const opened: Array<string> = []
    const open = api.links.open
    api.links.open = async (url) => (opened.push(url), true)
    try {
      await vscode.commands.executeCommand(Commands.openCompany, node)
      const segments = await groupsLoaded(api, "segments")
      await vscode.commands.executeCommand(Commands.openSegment, segments[0])
    } finally {
      api.links.open = open
    }
    const segmentId = (await groupsLoaded(api, "segments"))[0]!.id.replace("segment/", "")
    assert.deepEqual(opened, [
      `https://app.intercom.com/a/apps/${sim.state.appId}/companies/${node!.companyId}`,
      `https://app.intercom.com/a/apps/${sim.state.appId}/users/segments/${segmentId}`
    ])
    const copied = await vscode.commands.executeCommand(Commands.copyCompanyId, node)
    assert.equal(copied, node!.companyId)
  })

  test("from the command palette (no row), Rename Company asks which company in a QuickPick", async () => {
    const [node] = await rows()
    const name = label(api.trees.companies, node!)
    await scripted({ picks: [name], inputs: ["Picked From Palette"] }, async (calls) => {
      await vscode.commands.executeCommand(Commands.renameCompany)
      assert.ok(calls.picks[0]?.items.some((i) => i.label.includes("Enter a company's Intercom id")))
    })
    assert.equal(wire(node!.companyId).name, "Picked From Palette")
  })

  test("while a write is in flight the row shows saving… with a spinner", async () => {
    const [node] = await rows()
    const fault = sim.faults.inject("latency@p=1&delay=800&method=PUT")
    try {
      await scripted({ inputs: ["Slow Save Co"] }, async () => {
        const done = vscode.commands.executeCommand(Commands.renameCompany, node)
        await waitFor("the saving… description", () => description(api.trees.companies, node!) === "saving…")
        const icon = api.trees.companies.getTreeItem(node!).iconPath as vscode.ThemeIcon
        assert.equal(icon.id, "loading~spin")
        await done
      })
    } finally {
      sim.faults.remove(fault)
    }
    assert.notEqual(description(api.trees.companies, node!), "saving…")
    assert.equal(label(api.trees.companies, node!), "Slow Save Co")
  })

  test("Tags: create, rename and delete; a tag segments depend on is refused in plain words", async () => {
    await scripted({ inputs: ["Temp Tag"] }, () => vscode.commands.executeCommand(Commands.createTag))
    const created = sim.state.tagByName("Temp Tag")
    assert.ok(created)
    assert.ok((await groupsLoaded(api, "tags")).some((n) => n.id === `tag/${created.id}`))
    const node = api.trees.tags.groupNode(created.id)
    await scripted({ inputs: ["Temp Tag Renamed"] }, () => vscode.commands.executeCommand(Commands.renameTag, node))
    assert.equal(sim.state.tags().find((t) => t.id === created.id)?.name, "Temp Tag Renamed")
    assert.equal(label(api.trees.tags, node), "Temp Tag Renamed")
    await scripted({ warning: "Delete" }, () => vscode.commands.executeCommand(Commands.deleteTag, node))
    assert.equal(sim.state.tags().find((t) => t.id === created.id), undefined)

    const vip = sim.state.tagByName("VIP")!
    const outcome = await scripted({ warning: "Delete" }, async (calls) => {
      const result = await vscode.commands.executeCommand(Commands.deleteTag, api.trees.tags.groupNode(vip.id))
      assert.deepEqual(calls.errors, [
        "Tag 'VIP' can't be deleted because segment(s) depend on it: VIP accounts. Remove it from those segments in Intercom first."
      ])
      return result
    })
    assert.equal(outcome, "refused")
    assert.ok(sim.state.tagByName("VIP"), "the tag is still there")
    assert.ok((await groupsLoaded(api, "tags")).some((n) => n.id === `tag/${vip.id}`))
  })

  test("an edit shows in every view that lists the company (Companies and under its tag)", async () => {
    const vip = sim.state.tagByName("VIP")!
    const children = await groupExpanded(api, "tags", vip.id)
    // A company both views list (the Companies view shows companies with users, a page at a time).
    const listed = new Set((await rows()).map((n) => n.companyId))
    const underTag = children.find((n): n is CompanyNode => n.kind === "company" && listed.has(n.companyId))
    assert.ok(underTag, "no VIP company is on the Companies view's first page: the test would prove nothing")
    await scripted({ inputs: ["Renamed Under Tag"] }, () => vscode.commands.executeCommand(Commands.renameCompany, underTag))
    assert.equal(wire(underTag.companyId).name, "Renamed Under Tag")
    assert.equal(label(api.trees.tags, underTag), "Renamed Under Tag")
    const inCompanies = (await rows()).find((n) => n.companyId === underTag.companyId)
    assert.ok(inCompanies, "the company left the Companies view")
    assert.equal(label(api.trees.companies, inCompanies), "Renamed Under Tag")
  })
})
