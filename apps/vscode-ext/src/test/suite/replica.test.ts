import * as assert from "node:assert/strict"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import * as vscode from "vscode"
import { Commands, ReplicaCommands } from "../../contributions"
import type { TestApi } from "../../extension"
import { formatCount } from "../../tree/model/CompanyRow"
import type { ListNode, TreeNode } from "../../tree/nodes"
import { activateExtension, waitFor } from "./helpers"
import { scripted } from "./prompts"
import { FakeQuickPick, withWindowStubs } from "./windowStubs"
import { connectTo, type Simulator, startTestSimulator } from "./sim"
import { description, label } from "./treeHelpers"

const COMPANIES = 300
const config = () => vscode.workspace.getConfiguration("intercom")
const setSetting = (key: string, value: unknown) => config().update(key, value, vscode.ConfigurationTarget.Global)

suite("the Companies view on the replica", () => {
  let api: TestApi
  let sim: Simulator
  const companies = () => sim.state.companies.ids().map((id) => sim.state.companies.get(id)!)
  const root = (): Array<TreeNode> => api.trees.companies.getChildren()
  const companyIds = (nodes: ReadonlyArray<TreeNode>) => nodes.flatMap((n) => (n.kind === "company" ? [n.companyId] : []))
  const lists = (nodes: ReadonlyArray<TreeNode>) => nodes.filter((n): n is ListNode => n.kind === "list")
  // The replica is read on a worker thread: the view answers from what it read and asks again once
  // the answers are in, as VS Code does when told. These ask until no read runs.
  const read = async (ask: () => Array<TreeNode>): Promise<Array<TreeNode>> => {
    for (;;) {
      const nodes = ask()
      if (!api.trees.companies.lists.busy) return nodes
      await api.trees.companies.lists.settled()
    }
  }
  const rootRead = () => read(root)

  suiteSetup(async () => {
    ;({ api } = await activateExtension())
    await setSetting("companies.queries", [])
    await setSetting("replica.autoSync", true)
    sim = await startTestSimulator({ companies: COMPANIES })
  })

  suiteTeardown(async () => {
    await setSetting("replica.autoSync", false)
    for (const key of ["companies.queries", "companies.groupBy", "companies.sort"]) await setSetting(key, undefined)
    api.trees.companies.setFilter("")
    await api.session.signOut()
    await sim.close()
  })

  test("no replica yet: the view syncs in the background, with progress in the view, then reads every company from it", async () => {
    await connectTo(api, sim)
    const seen = { syncingRow: false, progress: 0 }
    const off = api.replica.model.onDidChange(() => {
      seen.progress = Math.max(seen.progress, api.replica.model.progress?.companies ?? 0)
      if (api.replica.model.syncing) seen.syncingRow ||= root().some((n) => n.kind === "syncing")
    })
    try {
      root()
      await waitFor("the background sync to start", () => api.replica.model.syncing || api.replica.model.reader !== undefined, 10_000)
      await waitFor("the replica", () => api.replica.model.reader !== undefined && !api.replica.model.syncing, 30_000)
    } finally {
      off()
    }
    assert.ok(seen.syncingRow, "a Syncing row showed while it ran")
    assert.equal(seen.progress, COMPANIES, "progress counted every company")
    const file = api.replica.model.file!
    assert.ok(fs.existsSync(file), "the replica file is on disk")
    const nodes = await rootRead()
    assert.equal(companyIds(nodes).length, 100, "the first page of 100")
    const more = nodes.at(-1)!
    assert.equal(more.kind, "listMore")
    assert.equal(description(api.trees.companies, more), `100 of ${COMPANIES}`)
    assert.equal(api.trees.companies.view.description, `${COMPANIES} companies · synced just now`)
    // Load more reads the next page from the database.
    await vscode.commands.executeCommand(ReplicaCommands.loadMoreInList, more)
    assert.equal(companyIds(await rootRead()).length, 200)
    // Sorted by name, as the replica's default order.
    const names = companyIds(await rootRead()).map((id) => (sim.state.companies.get(id)?.name ?? "").toLowerCase())
    assert.deepEqual(names, [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
  })

  test("instant start: signed in again, the view shows the replica at once, before GET /me answers", async () => {
    await api.session.signOut()
    // GET /me held: the rows must come from the file this connection had, not from its answer.
    const held = sim.faults.inject("latency@p=1&delay=5000&path=/me")
    try {
      await connectTo(api, sim)
      const meBefore = sim.state.requests.filter((r) => r.path === "/me").length
      root()
      let confirmed = false
      const confirming = api.replica.ensureAttached().then(() => (confirmed = true))
      await waitFor("the replica's first page", () => api.trees.companies.onReplica && companyIds(root()).length === 100, 4_500)
      assert.equal(confirmed, false, "shown before GET /me answered")
      // GET /me confirms the file meanwhile.
      await confirming
      assert.ok(sim.state.requests.filter((r) => r.path === "/me").length > meBefore, "GET /me was asked")
    } finally {
      sim.faults.remove(held)
    }
  })

  test("Sync Companies: the title bar's sync runs again and the view reads the new replica", async () => {
    const created = sim.state.companies.ids().length
    const before = api.replica.model.generation
    await vscode.commands.executeCommand(ReplicaCommands.sync)
    assert.ok(api.replica.model.generation > before, "a new replica was swapped in")
    assert.equal(await api.replica.model.reader?.count(""), created)
  })

  test("Filter Companies...: validated as you type with the parser's message; the description counts and shows the filter; Clear Filter", async () => {
    const pro = companies().filter((c) => c.plan?.name === "Pro")
    await scripted({ inputs: ["plan:Pro"] }, async (calls) => {
      await vscode.commands.executeCommand(ReplicaCommands.filter)
      const validate = calls.inputs[0]?.validateInput
      assert.ok(validate, "the box validates as you type")
      assert.equal(await validate("colour:red"), `unknown field "colour" in "colour:red" at column 1`)
      assert.match(String(await validate("plan:Pro spend>")), /"spend>" at column 10/)
      assert.equal(await validate("plan:Pro spend>1000"), undefined)
    })
    const ids = companyIds(await rootRead())
    assert.deepEqual(new Set(ids), new Set(pro.map((c) => c.id)))
    assert.equal(api.trees.companies.view.description, `${formatCount(pro.length)} of ${formatCount(COMPANIES)} · plan:Pro`)
    // Kept for the connection: signed out (the view forgets it), then in again (a reload restores it the same way).
    await api.session.signOut()
    assert.equal(api.trees.companies.lists.filter, "")
    await connectTo(api, sim)
    assert.equal(api.trees.companies.lists.filter, "plan:Pro")
    await waitFor("the filtered rows", () => new Set(companyIds(root())).size === pro.length)
    await vscode.commands.executeCommand(ReplicaCommands.clearFilter)
    await rootRead()
    assert.equal(api.trees.companies.view.description, `${COMPANIES} companies · synced just now`)
  })

  test("saved queries are nodes with their counts, expanding to their companies; Edit Query opens settings at the entry", async () => {
    await setSetting("companies.queries", [{ label: "Big spenders", query: "spend>1000 sort:-spend" }, { label: "Typo", query: "spend>lots" }])
    await waitFor("the saved query nodes", () => lists(root()).length === 2)
    const [big, typo] = lists(await rootRead())
    const expected = companies().filter((c) => (c.monthly_spend ?? 0) > 1000)
    assert.equal(label(api.trees.companies, big!), "Big spenders")
    assert.equal(description(api.trees.companies, big!), formatCount(expected.length))
    assert.equal(api.trees.companies.getTreeItem(big!).contextValue, "savedQuery")
    assert.equal(description(api.trees.companies, typo!), "invalid query")
    const kids = await read(() => api.trees.companies.getChildren(big!))
    const spends = companyIds(kids).map((id) => sim.state.companies.get(id)!.monthly_spend)
    assert.equal(spends.length, Math.min(100, expected.length))
    assert.deepEqual(spends, [...spends].sort((a, b) => b - a), "in the query's own order (sort:-spend)")
    await vscode.commands.executeCommand(ReplicaCommands.editQuery, typo)
    const editor = vscode.window.activeTextEditor
    assert.ok(editor, "settings.json is open")
    assert.equal(editor.document.getText(editor.selection), `"label": "Typo"`)
    await vscode.commands.executeCommand("workbench.action.closeActiveEditor")
    await setSetting("companies.queries", [])
  })

  test("Group Companies By...: a node per plan with its count, each expanding to that plan's companies", async () => {
    await scripted({ picks: ["Plan"] }, () => vscode.commands.executeCommand(ReplicaCommands.groupBy))
    await waitFor("the groups", () => lists(root()).length > 0)
    await rootRead()
    const expected = new Map<string, number>()
    for (const c of companies()) expected.set(c.plan?.name ?? "(no plan)", (expected.get(c.plan?.name ?? "(no plan)") ?? 0) + 1)
    const groups = lists(root())
    assert.deepEqual(new Map(groups.map((g) => [label(api.trees.companies, g), Number(description(api.trees.companies, g).replace(/,/g, ""))])), expected)
    const group = groups.find((g) => label(api.trees.companies, g) !== "(no plan)")!
    const ids = companyIds(await read(() => api.trees.companies.getChildren(group)))
    assert.ok(ids.length > 0)
    for (const id of ids) assert.equal(sim.state.companies.get(id)?.plan?.name, label(api.trees.companies, group))
    await scripted({ picks: ["None"] }, () => vscode.commands.executeCommand(ReplicaCommands.groupBy))
    await waitFor("the ungrouped list", () => lists(root()).length === 0 && companyIds(root()).length > 0)
  })

  test("Sort Companies By...: highest spend first", async () => {
    await scripted({ picks: ["Monthly spend (highest first)"] }, () => vscode.commands.executeCommand(ReplicaCommands.sortBy))
    await waitFor("the sorted list", () => {
      const top = companyIds(root())[0]
      return top !== undefined && sim.state.companies.get(top)?.monthly_spend === Math.max(...companies().map((c) => c.monthly_spend ?? 0))
    })
    await setSetting("companies.sort", undefined)
  })

  test("edit -> the row and the counts update (write-through into the replica)", async () => {
    const newName = "Renamed On The Replica"
    await setSetting("companies.queries", [{ label: "Renamed", query: `name:"${newName}"` }])
    await waitFor("the saved query node", () => lists(root()).length === 1)
    await rootRead()
    const renamed = () => lists(root())[0]!
    assert.equal(description(api.trees.companies, renamed()), "0")
    const node = (await rootRead()).find((n) => n.kind === "company")!
    await scripted({ inputs: [newName] }, () => vscode.commands.executeCommand("intercom.company.rename", node))
    assert.equal(label(api.trees.companies, node), newName, "the row shows the answer at once")
    assert.equal(sim.state.companies.get((node as { companyId: string }).companyId)?.name, newName)
    await waitFor("the saved query's count to follow the edit", () => description(api.trees.companies, renamed()) === "1")
    assert.equal(await api.replica.model.reader?.count(`name:"${newName}"`), 1, "the replica holds the edit without a sync")

    // Tagging with a new tag: the Tags view counts it from the replica.
    await scripted({ picks: ["New tag…"], inputs: ["Fresh From Replica"] }, () => vscode.commands.executeCommand("intercom.company.tag", node))
    const tag = sim.state.tagByName("Fresh From Replica")
    assert.ok(tag, "the tag was created")
    await waitFor("the tag's count from the replica", () => {
      api.trees.tags.getChildren()
      return description(api.trees.tags, api.trees.tags.groupNode(tag.id)) === "1 company"
    })
    const companyOf = [(node as { companyId: string }).companyId]
    await waitFor("the tag's companies, from the replica", () => {
      const under = api.trees.tags.getChildren(api.trees.tags.groupNode(tag.id))
      return JSON.stringify(companyIds(under)) === JSON.stringify(companyOf)
    })
    await setSetting("companies.queries", [])
  })

  test("Delete Local Data removes the replica files; the view lists from Intercom again", async () => {
    const file = api.replica.model.file!
    await setSetting("replica.autoSync", false)
    await scripted({ warning: "Delete Local Data" }, async (calls) => {
      await vscode.commands.executeCommand(ReplicaCommands.deleteLocalData)
      assert.equal(calls.warnings.length, 1)
    })
    assert.equal(fs.existsSync(file), false)
    assert.equal(api.replica.model.reader, undefined)
    assert.equal(api.trees.companies.onReplica, false)
    await waitFor("rows from Intercom", () => companyIds(root()).length > 0 && api.trees.companies.model.busy === undefined, 15_000)
  })

  test("Stop Sync: a sync stopped halfway leaves the replica as the last completed sync left it", async () => {
    await setSetting("replica.autoSync", true)
    await connectTo(api, sim)
    root()
    await waitFor("the replica", () => api.replica.model.reader !== undefined && !api.replica.model.syncing, 30_000)
    const before = await api.replica.model.reader!.count("")
    const generation = api.replica.model.generation
    // Slow pages, so that the sync is still scrolling when it is stopped.
    const fault = sim.faults.inject("latency@p=1&delay=400")
    try {
      const syncing = api.replica.sync("command")
      await waitFor("the sync to run", () => api.replica.model.syncing)
      assert.ok(root().some((n) => n.kind === "syncing"), "the view shows the sync, with a row that stops it")
      await vscode.commands.executeCommand(ReplicaCommands.cancelSync)
      assert.deepEqual(await syncing, { _tag: "interrupted" })
    } finally {
      sim.faults.remove(fault)
    }
    assert.equal(api.replica.model.generation, generation, "no new replica was swapped in")
    assert.equal(await api.replica.model.reader!.count(""), before)
    assert.ok(!root().some((n) => n.kind === "syncing"))
  })

  test("Find Company searches the whole replica as you type, and reveals a company not on the pages shown", async () => {
    type Item = vscode.QuickPickItem & { companyId: string }
    // The last company in name order: not on the first page of the view.
    const target = [...companies()].sort((a, b) => (b.name ?? "").toLowerCase().localeCompare((a.name ?? "").toLowerCase()))[0]!
    const proIds = new Set(companies().filter((c) => c.plan?.name === "Pro").map((c) => c.id))
    let pick: FakeQuickPick<Item> | undefined
    const requests = sim.state.requests.length
    await withWindowStubs({ createQuickPick: (() => (pick = new FakeQuickPick<Item>())) as unknown as typeof vscode.window.createQuickPick }, async () => {
      const result = vscode.commands.executeCommand<string | undefined>(Commands.findCompany)
      await waitFor("the QuickPick to show", () => pick?.shown === true)
      // A query works too: every match is shown, whatever VS Code's fuzzy filter makes of it.
      pick!.type("plan:Pro")
      await waitFor("the replica's answer", () => !pick!.busy)
      assert.ok(pick!.items.length > 0 && pick!.items.every((i) => proIds.has(i.companyId) && i.alwaysShow === true))
      pick!.type(target.name!)
      await waitFor("the replica's answer", () => !pick!.busy)
      assert.ok(pick!.items.some((i) => i.companyId === target.id), "the replica found it, with no lookup")
      pick!.acceptItem((i) => i.companyId === target.id)
      assert.equal(await result, target.id)
    })
    // Find Company's lookups in Intercom are GETs of /companies (by company_id, by name, by id).
    const lookups = sim.state.requests.slice(requests).filter((r) => r.method === "GET" && r.path.startsWith("/companies")).map((r) => r.path)
    assert.deepEqual(lookups, [], "no lookup went to Intercom")
    // The selection comes back from the workbench's renderer: slow under CI's parallel load.
    await waitFor("the company selected in the view", () =>
      api.trees.companies.view.selection.some((node) => node.kind === "company" && node.companyId === target.id), 15_000)
  })

  test("Sign Out offers to delete the local data, and deletes it when asked", async () => {
    const file = api.replica.model.file!
    assert.ok(fs.existsSync(file))
    const offered = new Promise<string>((resolve) => {
      const window = vscode.window as unknown as { showInformationMessage: (message: string, ...items: Array<string>) => Thenable<string | undefined> }
      const original = window.showInformationMessage
      window.showInformationMessage = async (message: string, ...items: Array<string>) => {
        window.showInformationMessage = original
        resolve(message)
        return items.includes("Delete Local Data") ? "Delete Local Data" : undefined
      }
    })
    await vscode.commands.executeCommand(Commands.signOut)
    assert.match(await offered, /Delete the local copy/)
    await waitFor("the replica files to go", () => !fs.existsSync(file))
  })

  test("the demo's replica lives in a temporary folder, never with a real workspace's, and goes with the demo", async () => {
    await vscode.commands.executeCommand(Commands.openDemo)
    root()
    await waitFor("the demo's replica", () => api.replica.model.reader !== undefined && !api.replica.model.syncing, 30_000)
    const file = api.replica.model.file!
    assert.ok(file.startsWith(path.join(os.tmpdir(), "intercom-explorer-demo-")), `the demo's replica is at ${file}`)
    await rootRead()
    assert.equal(api.trees.companies.view.description, "300 companies · synced just now")
    await vscode.commands.executeCommand(Commands.stopDemo)
    await waitFor("the demo's folder to go", () => !fs.existsSync(path.dirname(path.dirname(file))))
  })
})
