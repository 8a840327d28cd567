// Bulk changes in a real VS Code: the demo CSV imported against the demo's companies (the
// simulator's seed 7, 300 companies), reviewed in the Plan view (groups, invalid rows' reasons,
// the diff editor), one company and one field excluded, applied (the simulator's state, and its
// write log shows nothing of the excluded items), then undone (the state before, exactly).
import * as assert from "node:assert/strict"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import * as vscode from "vscode"
import type { ApplySummary, Plan } from "@intercom-explorer/plans"
import { defineCompanyAttributes } from "@intercom-explorer/simulator"
import type { TestApi } from "../../extension"
import { PLAN_DIFF_SCHEME, PlanCommands } from "../../plans/PlanContributions"
import type { PlanNode } from "../../plans/model/planNodes"
import type { PlanWorkbench } from "../../plans/PlanWorkbench"
import type { CompanyNode } from "../../tree/nodes"
import { activateExtension, waitFor } from "./helpers"
import { scripted } from "./prompts"
import { connectTo, type Simulator, startTestSimulator } from "./sim"
import { withWindowStubs } from "./windowStubs"

/** The companies the demo CSV changes (by company_id), and the two it would create. */
const TOUCHED = ["100000", "100001", "100002", "100003"]

suite("bulk changes: import, review, exclude, apply, undo", () => {
  let api: TestApi
  let sim: Simulator
  let csv: string
  const wb = (): PlanWorkbench => {
    const workbench = api.plans.workbench()
    assert.ok(workbench, "the bulk-change feature is in use")
    return workbench
  }
  const plan = (): Plan => {
    const open = wb().model.current
    assert.ok(open, "a plan is open")
    return open.plan
  }
  const itemOf = (node: PlanNode) => wb().tree.getTreeItem(node)
  const labelOf = (node: PlanNode) => String(itemOf(node).label)
  const kids = (node?: PlanNode) => wb().tree.getChildren(node)
  const find = (label: string, node?: PlanNode): PlanNode => {
    const found = kids(node).find((n) => labelOf(n) === label)
    assert.ok(found, `no "${label}" among ${kids(node).map(labelOf).join(", ")}`)
    return found
  }
  /** A company's state as an undo must restore it: fields, custom attributes, tags. */
  const snapshot = (companyId: string) => {
    const c = sim.state.companies.byCompanyId(companyId)
    assert.ok(c, `company ${companyId}`)
    return {
      name: c.name, plan: c.plan?.name, size: c.size, website: c.website, industry: c.industry, monthly_spend: c.monthly_spend,
      custom: c.custom_attributes, tags: sim.state.tagsOf(c.id).map((t) => t.name).sort()
    }
  }
  let before: Array<ReturnType<typeof snapshot>>

  suiteSetup(async () => {
    const { extension, api: activated } = await activateExtension()
    api = activated
    csv = path.join(extension.extensionPath, "demo-workspace", "companies-import.csv")
    sim = await startTestSimulator({ companies: 300 })
    // The Bulk Edit tests set custom.tier; like Intercom, the simulator drops an undefined attribute.
    await defineCompanyAttributes(sim, { tier: "string" })
    await connectTo(api, sim)
    before = TOUCHED.map(snapshot)
  })

  suiteTeardown(async () => {
    await api.session.signOut()
    await sim.close()
  })

  test("Import Companies from CSV...: the plan opens in the Plan view, grouped by kind, with the invalid rows and their reasons", async () => {
    const made = await scripted({ picks: ["company_id", "Also create companies not found"] }, async (calls) => {
      const result = await vscode.commands.executeCommand<Plan | undefined>(PlanCommands.importCsv, vscode.Uri.file(csv))
      assert.equal(calls.picks.length, 2)
      return result
    })
    assert.ok(made, "a plan was made")
    assert.equal(plan().id, made.id)
    const file = wb().model.current!.file
    assert.equal(path.basename(path.dirname(file)), "plans", `the plan is in the global storage's plans folder: ${file}`)
    assert.deepEqual(JSON.parse(fs.readFileSync(file, "utf8")).id, made.id, "the plan file is on disk")
    assert.deepEqual(kids().map(labelOf), ["companies-import.csv", "Updates", "Creates", "Tag changes", "Invalid rows"])
    assert.equal(itemOf(kids()[0]!).description, "3 updates · 2 creates · 1 tag change · 1 unchanged · 2 invalid")
    assert.deepEqual(kids(find("Updates")).map(labelOf), ["LumenRock Media Co.", "VectorWorks Logistics GmbH", "RidgeBrook Analytics"])
    const lumen = find("LumenRock Media Co.", find("Updates"))
    assert.deepEqual(kids(lumen).map((n) => [labelOf(n), itemOf(n).description]), [["plan", "Starter → Growth"], ["size", "34 → 40"], ["monthly_spend", "163 → 450"], ["+ VIP", ""]])
    assert.equal(itemOf(lumen).checkboxState && (itemOf(lumen).checkboxState as { state: vscode.TreeItemCheckboxState }).state, vscode.TreeItemCheckboxState.Checked)
    assert.deepEqual(kids(find("Creates")).map(labelOf), ["Northwind Demo Traders", "HelixView Security"])
    const invalid = find("Invalid rows")
    assert.deepEqual(kids(invalid).map(labelOf), ["Row 8", "Row 9"])
    assert.deepEqual(kids(find("Row 8", invalid)).map(labelOf), [`column "size" ("lots"): size must be a whole number of employees (0 or more)`])
    assert.deepEqual(kids(find("Row 9", invalid)).map(labelOf), [`column "name" ("   "): name must not be blank`])
    // Open Plan File: the JSON itself.
    await vscode.commands.executeCommand(PlanCommands.openFile)
    assert.equal(vscode.window.activeTextEditor?.document.fileName, file)
    await vscode.commands.executeCommand("workbench.action.closeActiveEditor")
  })

  test("clicking a company opens the diff editor of its before/after JSON", async () => {
    const lumen = find("LumenRock Media Co.", find("Updates"))
    const command = itemOf(lumen).command
    assert.ok(command, "the row has a click command")
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []))
    await waitFor("the diff editor", () => vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputTextDiff)
    const input = vscode.window.tabGroups.activeTabGroup.activeTab!.input as vscode.TabInputTextDiff
    assert.equal(input.original.scheme, PLAN_DIFF_SCHEME)
    const json = async (uri: vscode.Uri) => JSON.parse((await vscode.workspace.openTextDocument(uri)).getText()) as Record<string, unknown>
    const company = sim.state.companies.byCompanyId("100000")!
    assert.deepEqual(await json(input.original), { id: company.id, company_id: "100000", plan: "Starter", size: 34, monthly_spend: 163, tags: { VIP: false } })
    assert.deepEqual(await json(input.modified), { id: company.id, company_id: "100000", plan: "Growth", size: 40, monthly_spend: 450, tags: { VIP: true } })
    await vscode.commands.executeCommand("workbench.action.closeActiveEditor")
  })

  test("excluding a field and a company: unchecked, the plan file says excluded, the summary counts again", async () => {
    const lumen = find("LumenRock Media Co.", find("Updates"))
    await vscode.commands.executeCommand(PlanCommands.exclude, find("size", lumen))
    const helix = find("HelixView Security", find("Creates"))
    await vscode.commands.executeCommand(PlanCommands.exclude, helix)
    const onDisk = JSON.parse(fs.readFileSync(wb().model.current!.file, "utf8")) as Plan
    const lumenOp = onDisk.operations.find((op) => op.companyId === "100000")!
    assert.deepEqual(lumenOp.changes.find((c) => c.field === "size"), { field: "size", before: 34, after: 40, excluded: true })
    assert.equal(onDisk.operations.find((op) => op.companyId === "10O006")?.excluded, true)
    assert.equal(onDisk.summary.creates, 1)
    assert.equal(itemOf(kids()[0]!).description, "3 updates · 1 create · 1 tag change · 1 unchanged · 2 invalid · 1 excluded")
    const state = (node: PlanNode) => (itemOf(node).checkboxState as { state: vscode.TreeItemCheckboxState }).state
    assert.equal(state(find("size", lumen)), vscode.TreeItemCheckboxState.Unchecked)
    assert.equal(state(find("HelixView Security", find("Creates"))), vscode.TreeItemCheckboxState.Unchecked)
    assert.equal(itemOf(find("HelixView Security", find("Creates"))).contextValue, "planOperation.excluded")
    // Included again and out once more, by the Include command and by the check box (as the view reports a click).
    await vscode.commands.executeCommand(PlanCommands.include, find("HelixView Security", find("Creates")))
    assert.equal(plan().summary.creates, 2)
    await wb().tree.checkboxesChanged([[find("HelixView Security", find("Creates")), vscode.TreeItemCheckboxState.Unchecked]])
    assert.equal(plan().summary.creates, 1)
    assert.equal((JSON.parse(fs.readFileSync(wb().model.current!.file, "utf8")) as Plan).summary.creates, 1)
  })

  test("Apply: the simulator holds the plan's after-state, nothing excluded was written, and the replica took every answer", async () => {
    const writesBefore = sim.state.writes.length
    const summary = await scripted({ warning: "Apply" }, async (calls) => {
      const result = await vscode.commands.executeCommand<ApplySummary | undefined>(PlanCommands.apply)
      assert.equal(calls.warnings.length, 1, "a confirmation first")
      assert.match(calls.infos.at(-1) ?? "", /Bulk change finished: applied 5, unchanged 0, conflicts 0, failed 0 \(1 excluded, 2 invalid rows left out\)/)
      return result
    })
    assert.ok(summary)
    assert.deepEqual({ applied: summary.applied, conflicts: summary.conflicts, failed: summary.failed, excluded: summary.excluded }, { applied: 5, conflicts: 0, failed: 0, excluded: 1 })
    const lumen = sim.state.companies.byCompanyId("100000")!
    assert.deepEqual([lumen.plan?.name, lumen.size, lumen.monthly_spend], ["Growth", 34, 450], "size was excluded")
    assert.ok(sim.state.tagsOf(lumen.id).some((t) => t.name === "VIP"))
    assert.equal(sim.state.companies.byCompanyId("100001")?.custom_attributes?.["account_manager"], "Priya Patel")
    assert.equal(sim.state.companies.byCompanyId("900001")?.name, "Northwind Demo Traders")
    assert.equal(sim.state.companies.byCompanyId("10O006"), undefined, "the excluded create was not made")
    const writes = sim.state.writes.slice(writesBefore)
    assert.ok(writes.length > 0)
    assert.ok(!writes.some((w) => (w.body ?? "").includes("10O006")), "no write names the excluded company")
    const lumenPuts = writes.filter((w) => w.method === "PUT" && w.path === `/companies/${lumen.id}`)
    assert.equal(lumenPuts.length, 1)
    assert.ok(!("size" in JSON.parse(lumenPuts[0]!.body!)), `the excluded field was not sent: ${lumenPuts[0]!.body}`)
    // Write-through: the replica (and so the trees and counts) has the new company and the tags at once.
    const reader = api.replica.model.reader!
    assert.equal(await reader.count(`name:"Northwind Demo Traders"`), 1)
    assert.equal(await reader.count(`company_id:100000 tag:VIP`), 1)
    assert.equal(wb().tree.view.description, "applied")
    // The journal holds the applied file's hash: its exclusions are fixed now (no check boxes, Exclude refused).
    const northwind = find("Northwind Demo Traders", find("Creates"))
    assert.equal(itemOf(northwind).checkboxState, undefined)
    await scripted({}, async (calls) => {
      await vscode.commands.executeCommand(PlanCommands.exclude, northwind)
      assert.match(calls.errors[0] ?? "", /can no longer change/)
    })
    assert.equal(plan().operations.find((op) => op.companyId === "900001")?.excluded, undefined)
  })

  test("Show Result Log writes the per-row CSV beside the plan and opens it", async () => {
    // Applying again does nothing (the journal says it finished) and offers the log.
    let offered: ReadonlyArray<string> = []
    await withWindowStubs({
      showWarningMessage: (async () => "Apply") as unknown as typeof vscode.window.showWarningMessage,
      showInformationMessage: (async (message: string, ...items: Array<string>) => {
        offered = [message, ...items]
        return items.includes("Show Result Log") ? "Show Result Log" : undefined
      }) as unknown as typeof vscode.window.showInformationMessage
    }, async () => {
      const summary = await vscode.commands.executeCommand<ApplySummary | undefined>(PlanCommands.apply)
      assert.equal(summary?.alreadyFinished, true)
    })
    assert.match(offered[0] ?? "", /already done earlier/)
    await waitFor("the result log", () => vscode.window.activeTextEditor?.document.fileName.endsWith(".result.csv") === true, 10_000)
    const text = vscode.window.activeTextEditor!.document.getText()
    assert.match(text, /applied/)
    assert.match(text, /excluded/)
    assert.match(text, /invalid/)
    await vscode.commands.executeCommand("workbench.action.closeActiveEditor")
  })

  test("Open Plan...: a plan file from elsewhere opens for review; one the journal has applied opens with its exclusions fixed", async () => {
    const applied = wb().model.current
    assert.ok(applied)
    // A copy elsewhere, as the CLI's `plan --out` or a colleague's mail would leave it.
    const copy = path.join(os.tmpdir(), `elsewhere-${Date.now()}.plan.json`)
    fs.copyFileSync(applied.file, copy)
    try {
      await vscode.commands.executeCommand(PlanCommands.discard)
      assert.equal(wb().model.current, undefined)
      const opened = await vscode.commands.executeCommand<Plan | undefined>(PlanCommands.openPlan, vscode.Uri.file(copy))
      assert.equal(opened?.id, applied.plan.id)
      assert.equal(wb().model.current?.file, copy)
      assert.equal(wb().model.current?.locked, true, "its apply is in the journal")
      find("companies-import.csv")
      // A plan the journal does not know opens for review, its check boxes free.
      const fresh = { ...applied.plan, id: `fresh-${Date.now()}` }
      fs.writeFileSync(copy, JSON.stringify(fresh, null, 2))
      await vscode.commands.executeCommand(PlanCommands.openPlan, vscode.Uri.file(copy))
      assert.equal(wb().model.current?.plan.id, fresh.id)
      assert.equal(wb().model.current?.locked, false)
    } finally {
      fs.rmSync(copy, { force: true })
    }
  })

  test("Undo Bulk Change...: the recent apply, its undo plan for review, applied: every company as it was, the created one gone", async () => {
    const undo = await scripted({ picks: ["companies-import.csv"] }, async (calls) => {
      const result = await vscode.commands.executeCommand<Plan | undefined>(PlanCommands.undo)
      assert.match(String(calls.picks[0]?.items[0]?.detail), /applied 5/)
      return result
    })
    assert.ok(undo)
    assert.equal(undo.source.kind, "undo")
    assert.equal(plan().id, undo.id, "the undo plan is open for review")
    assert.deepEqual(kids().map(labelOf), ["Undo of companies-import.csv", "Updates", "Tag changes", "Deletes"])
    assert.deepEqual(kids(find("Deletes")).map(labelOf), ["Northwind Demo Traders"])
    const summary = await scripted({ warning: "Undo" }, () => vscode.commands.executeCommand<ApplySummary | undefined>(PlanCommands.apply))
    assert.ok(summary)
    assert.equal(summary.conflicts, 0)
    assert.equal(summary.failed, 0)
    assert.deepEqual(TOUCHED.map(snapshot), before)
    assert.equal(sim.state.companies.byCompanyId("900001"), undefined)
    assert.equal(await api.replica.model.reader!.count(`name:"Northwind Demo Traders"`), 0)
    // Listed again, it says it was undone.
    await scripted({ picks: [undefined] }, async (calls) => {
      await vscode.commands.executeCommand(PlanCommands.undo)
      assert.match(String(calls.picks[0]?.items[0]?.description), / · undone$/)
    })
  })

  test("Bulk Edit... on selected companies: values validated as typed with the models' messages; the plan sets and tags just those", async () => {
    const a = sim.state.companies.byCompanyId("100010")!
    const b = sim.state.companies.byCompanyId("100011")!
    const nodes: Array<CompanyNode> = [a, b].map((c) => ({ kind: "company", id: `company/${c.id}`, companyId: c.id, group: undefined }))
    const made = await scripted({ picks: ["Set a field…", "Size", "Add a tag…", "New tag…", "Build the plan"], inputs: ["250", "Bulk Edited"] }, async (calls) => {
      const result = await vscode.commands.executeCommand<Plan | undefined>(PlanCommands.bulkEdit, nodes[0], nodes)
      const validate = calls.inputs[0]?.validateInput
      assert.ok(validate)
      assert.equal(await validate("lots"), "size must be a whole number of employees (0 or more)")
      assert.equal(await validate("250"), undefined)
      return result
    })
    assert.ok(made)
    assert.deepEqual(made.source, { kind: "query", query: "", assignments: ["set size=250", "tag Bulk Edited"] })
    assert.deepEqual(new Set(made.operations.map((op) => op.id)), new Set([a.id, b.id]))
    for (const op of made.operations) assert.deepEqual(op.tags, [{ tag: "Bulk Edited", action: "add" }])
    await vscode.commands.executeCommand(PlanCommands.discard)
    assert.equal(wb().model.current, undefined)
  })

  test("Bulk Edit... on a saved query: the query's companies, a custom attribute set", async () => {
    await vscode.workspace.getConfiguration("intercom").update("companies.queries", [{ label: "Enterprise", query: "plan:Enterprise" }], vscode.ConfigurationTarget.Global)
    try {
      // The node as the view shows it: the Companies view renders its root (and so runs the query) first.
      await waitFor("the saved query's node", () =>
        api.trees.companies.getChildren(undefined).some((n) => n.kind === "list" && n.listId === "query:0" && api.trees.companies.lists.queryOf("query:0")?.includes("plan:Enterprise") === true))
      const node = { kind: "list", id: "list/query:0", listId: "query:0" }
      const made = await scripted({ picks: ["Set a custom attribute…", "Build the plan"], inputs: ["tier", "gold"] }, () =>
        vscode.commands.executeCommand<Plan | undefined>(PlanCommands.bulkEdit, node))
      assert.ok(made)
      assert.deepEqual(made.source, { kind: "query", query: "plan:Enterprise", assignments: ["set custom.tier=gold"] })
      const enterprise = sim.state.companies.ids().filter((id) => sim.state.companies.get(id)?.plan?.name === "Enterprise")
      assert.ok(enterprise.length > 0)
      assert.deepEqual(new Set(made.operations.map((op) => op.id)), new Set(enterprise))
      assert.equal(labelOf(kids()[0]!), "plan:Enterprise")
    } finally {
      await vscode.workspace.getConfiguration("intercom").update("companies.queries", undefined, vscode.ConfigurationTarget.Global)
    }
  })

  test("Bulk Edit... from the view's title bar: the box offers the view's filter", async () => {
    api.trees.companies.setFilter("plan:Growth spend>300")
    try {
      const made = await scripted({ inputs: [(options) => options?.value, "Growth Plus"], picks: ["Set a field…", "Plan", "Build the plan"] }, () =>
        vscode.commands.executeCommand<Plan | undefined>(PlanCommands.bulkEdit))
      assert.ok(made)
      assert.equal(made.source.kind === "query" ? made.source.query : "", "plan:Growth spend>300")
      const expected = sim.state.companies.ids().filter((id) => {
        const c = sim.state.companies.get(id)
        return c?.plan?.name === "Growth" && (c.monthly_spend ?? 0) > 300
      })
      assert.ok(expected.length > 0)
      assert.deepEqual(new Set(made.operations.map((op) => op.id)), new Set(expected))
      assert.ok(made.operations.every((op) => op.changes.length === 1 && op.changes[0]?.after === "Growth Plus"))
    } finally {
      api.trees.companies.setFilter("")
    }
  })

  test("Cancel stops after the write in flight; when the replica opens again (as after a reload) the unfinished apply is offered, and Resume finishes it, each company written once", async () => {
    const made = await scripted({ inputs: ["plan:Starter", "tier", "silver"], picks: ["Set a custom attribute…", "Build the plan"] }, () =>
      vscode.commands.executeCommand<Plan | undefined>(PlanCommands.bulkEdit))
    assert.ok(made)
    const ids = made.operations.map((op) => op.id!)
    assert.ok(ids.length > 20, `${ids.length} companies on Starter`)
    const writesBefore = sim.state.writes.length
    // The progress notification's Cancel, pressed after the 5th progress report.
    const cancel = new vscode.CancellationTokenSource()
    let reports = 0
    const messages: Array<string> = []
    const summary = await withWindowStubs({
      withProgress: (async (_options: vscode.ProgressOptions, task: (p: vscode.Progress<{ message?: string }>, t: vscode.CancellationToken) => Thenable<unknown>) =>
        task({ report: (value) => { messages.push(value.message ?? ""); if (++reports === 5) cancel.cancel() } }, cancel.token)) as unknown as typeof vscode.window.withProgress,
      showWarningMessage: (async () => "Apply") as unknown as typeof vscode.window.showWarningMessage
    }, () => vscode.commands.executeCommand<ApplySummary | undefined>(PlanCommands.apply))
    assert.ok(summary?.cancelled, "the apply stopped")
    assert.ok(summary.applied > 0 && summary.applied < ids.length, `applied ${summary.applied} of ${ids.length}`)
    assert.match(messages[0] ?? "", new RegExp(`^\\d+ of ${ids.length}`))
    const silver = () => ids.filter((id) => sim.state.companies.get(id)?.custom_attributes?.["tier"] === "silver").length
    assert.equal(silver(), summary.applied)

    // Undo Bulk Change... lists it as not finished; picked, it opens locked, to be resumed (not undone).
    const reopened = await scripted({ picks: ["plan:Starter"] }, async (calls) => {
      const result = await vscode.commands.executeCommand<Plan | undefined>(PlanCommands.undo)
      const item = calls.picks[0]?.items.find((i) => i.label === "plan:Starter")
      assert.match(String(item?.description), /not finished: pick to open it and resume$/)
      return result
    })
    assert.equal(reopened?.id, made.id)
    assert.equal(wb().model.current?.locked, true)

    // As after a window reload: the session's replica opens again, and the journal's unfinished apply is offered.
    let offer = ""
    await withWindowStubs({
      showInformationMessage: (async (message: string, ...items: Array<string>) => {
        if (/did not finish/.test(message)) {
          offer = message
          return items.includes("Resume") ? "Resume" : undefined
        }
        return undefined
      }) as unknown as typeof vscode.window.showInformationMessage
    }, async () => {
      await api.session.signOut()
      await connectTo(api, sim)
      api.trees.companies.getChildren()
      await waitFor("the resumed apply to finish", () => silver() === ids.length && wb().model.current?.phase === "applied", 20_000)
    })
    assert.match(offer, /plan:Starter/)
    const puts = sim.state.writes.slice(writesBefore).filter((w) => w.method === "PUT")
    for (const id of ids) assert.equal(puts.filter((w) => w.path === `/companies/${id}`).length, 1, `one PUT of ${id}`)
  })
})
