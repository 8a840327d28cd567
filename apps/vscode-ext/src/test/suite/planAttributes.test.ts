// Bulk changes that set a custom attribute Intercom does not define (issue 13), in a real VS Code
// against the simulator, which drops writes to undefined attributes as Intercom does: the Plan
// view lists the attribute under "Attributes to create" before Updates, and Apply creates it
// before any company write, so the companies keep the values.
import * as assert from "node:assert/strict"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import * as vscode from "vscode"
import type { ApplySummary, Plan } from "@intercom-explorer/plans"
import type { TestApi } from "../../extension"
import { PlanCommands } from "../../plans/PlanContributions"
import type { PlanNode } from "../../plans/model/planNodes"
import type { PlanWorkbench } from "../../plans/PlanWorkbench"
import { activateExtension } from "./helpers"
import { scripted } from "./prompts"
import { connectTo, type Simulator, startTestSimulator } from "./sim"

suite("bulk changes: a custom attribute Intercom does not define", () => {
  let api: TestApi
  let sim: Simulator
  let csv: string
  const wb = (): PlanWorkbench => {
    const workbench = api.plans.workbench()
    assert.ok(workbench, "the bulk-change feature is in use")
    return workbench
  }
  const itemOf = (node: PlanNode) => wb().tree.getTreeItem(node)
  const labelOf = (node: PlanNode) => String(itemOf(node).label)
  const kids = (node?: PlanNode) => wb().tree.getChildren(node)
  const find = (label: string, node?: PlanNode): PlanNode => {
    const found = kids(node).find((n) => labelOf(n) === label)
    assert.ok(found, `no "${label}" among ${kids(node).map(labelOf).join(", ")}`)
    return found
  }

  suiteSetup(async () => {
    const { api: activated } = await activateExtension()
    api = activated
    sim = await startTestSimulator({ companies: 60 })
    await connectTo(api, sim)
    const [a, b] = sim.state.companies.ids().sort().map((id) => sim.state.companies.get(id)!.company_id as string)
    csv = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-attributes-")), "loyalty.csv")
    fs.writeFileSync(csv, `company_id,custom.loyalty_tier\n${a},gold\n${b},silver\n`)
  })

  suiteTeardown(async () => {
    await api.session.signOut()
    await sim.close()
    fs.rmSync(path.dirname(csv), { recursive: true, force: true })
  })

  test("Import...: 'Attributes to create' lists it before Updates; Apply creates it first, and the companies keep the values", async () => {
    const made = await scripted({ picks: ["company_id", "Update existing companies only"] }, () =>
      vscode.commands.executeCommand<Plan | undefined>(PlanCommands.importCsv, vscode.Uri.file(csv)))
    assert.ok(made, "a plan was made")
    assert.deepEqual(made.attributes, [{ name: "loyalty_tier", data_type: "string" }])
    assert.deepEqual(kids().map(labelOf), ["loyalty.csv", "Attributes to create", "Updates", "Warnings"])
    const attribute = find("loyalty_tier: string", find("Attributes to create"))
    assert.equal((itemOf(attribute).checkboxState as { state: vscode.TreeItemCheckboxState }).state, vscode.TreeItemCheckboxState.Checked)
    assert.equal(itemOf(attribute).contextValue, "planAttribute")
    assert.ok(kids(find("Warnings")).map(labelOf).some((w) => w.startsWith("Intercom ignores undefined attributes: custom.loyalty_tier")))

    const writesBefore = sim.state.writes.length
    const summary = await scripted({ warning: "Apply" }, async (calls) => {
      const result = await vscode.commands.executeCommand<ApplySummary | undefined>(PlanCommands.apply)
      assert.match(calls.infos.at(-1) ?? "", /Bulk change finished: applied 2, .*\(created custom\.loyalty_tier\)/)
      return result
    })
    assert.deepEqual(summary?.attributes, [{ name: "loyalty_tier", dataType: "string", state: "created" }])
    // POST /companies/list is a read (the apply's snapshot of the workspace).
    const writes = sim.state.writes.slice(writesBefore).filter((w) => w.path !== "/companies/list").map((w) => `${w.method} ${w.path.startsWith("/companies/") ? "/companies/{id}" : w.path}`)
    assert.deepEqual(writes, ["POST /data_attributes", "PUT /companies/{id}", "PUT /companies/{id}"])
    assert.equal(sim.state.dataAttributes("company").find((a) => a.name === "loyalty_tier")?.data_type, "string")
    const values = made.operations.map((op) => sim.state.companies.get(op.id!)?.custom_attributes?.["loyalty_tier"])
    assert.deepEqual(values, ["gold", "silver"])
  })
})
