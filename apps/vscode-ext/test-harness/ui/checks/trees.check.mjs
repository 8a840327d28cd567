// The three trees on a simulator, driven like a user would: sign in, expand a segment, rename a
// company from its row's inline action, tag it, refuse a bad size as it is typed; each step is
// checked in the simulator's own state (it runs in this process) and ends with a screenshot.
import assert from "node:assert/strict"
import { startSimulator } from "../simulator.mjs"

const TOKEN = `ui-trees-${Date.now().toString(36)}`
const sim = await startSimulator({ companies: 60, seed: 5, token: TOKEN, rateLimit: 100_000 })

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
const anyOf = (names) => new RegExp(`^\\s*(${names.map(escapeRegExp).join("|")})\\s*$`)
const until = async (what, condition, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

const sortedSegments = () => sim.state.segments().filter((s) => s.count > 0).sort((a, b) => a.name.localeCompare(b.name))
/** The company renamed and tagged by the checks below. */
let target

/** @type {import("../run.mjs").CheckFile} */
export default {
  // The listing from Intercom (before a replica exists); demoFolder.check.mjs shows the replica.
  workbench: { settings: { "intercom.baseUrl": sim.url, "intercom.replica.autoSync": false } },
  teardown: () => sim.close(),
  checks: {
    "signed in to the simulator, Companies lists its companies with plan, size, users and spend": async (wb) => {
      await wb.openContainer("Intercom")
      await wb.welcomeButton("Companies", "Sign in").click()
      await wb.typeInQuickInput(TOKEN)
      const names = sim.state.companies.ids().map((id) => sim.state.companies.get(id).name)
      const first = wb.treeRows("Companies").first()
      await first.waitFor({ timeout: 30_000 })
      await wb.treeRow("Companies", anyOf(names)).first().waitFor()
      const label = (await wb.treeLabels("Companies"))[0]
      target = sim.state.companies.byName(label)
      assert.ok(target, `the first row "${label}" is not a simulator company`)
      const header = await wb.page.locator(".pane-header", { hasText: "Companies" }).first().innerText()
      assert.match(header, /50 of \d+/, "the view's description counts the rows")
      const description = await wb.rowDescription(first)
      assert.ok(description.includes(`$${target.monthly_spend.toLocaleString("en-US")}/mo`), `description "${description}"`)
      assert.match(description, /users?/)
    },

    "expanding a segment shows its companies": async (wb) => {
      const segment = sortedSegments()[0]
      // (The Segments view is open already; its header's accessible name carries the description.)
      const row = wb.treeRow("Segments", segment.name)
      await row.waitFor()
      assert.match(await wb.rowDescription(row), new RegExp(`^${segment.count} compan`))
      await wb.expandRow(row)
      const members = sim.state.companiesInSegment(segment.id).map((id) => sim.state.companies.get(id).name)
      await wb.treeRow("Segments", anyOf(members)).first().waitFor()
    },

    "refreshing Segments keeps the expanded segment open": async (wb) => {
      const segment = sortedSegments()[0]
      await wb.runCommand("Intercom: Refresh Segments")
      const members = sim.state.companiesInSegment(segment.id).map((id) => sim.state.companies.get(id).name)
      const row = wb.treeRow("Segments", segment.name)
      await row.and(wb.page.locator('[aria-expanded="true"]')).waitFor()
      await wb.treeRow("Segments", anyOf(members)).first().waitFor()
    },

    "renaming a company from its row's inline action": async (wb) => {
      const row = wb.treeRow("Companies", target.name)
      await wb.clickInlineAction(row, "Rename Company")
      await wb.typeInQuickInput("Renamed From The Row")
      await wb.treeRow("Companies", "Renamed From The Row").waitFor()
      await until("the simulator to have the new name", () => sim.state.companies.get(target.id).name === "Renamed From The Row")
    },

    "tagging the company from its row": async (wb) => {
      const tag = sim.state.tags().find((t) => !sim.state.tagsOf(target.id).some((own) => own.id === t.id))
      const row = wb.treeRow("Companies", "Renamed From The Row")
      await wb.clickInlineAction(row, "Tag Companies...")
      await wb.pickQuickItem(tag.name)
      await until("the simulator to tag the company", () => sim.state.tagsOf(target.id).some((t) => t.id === tag.id))
      await wb.expandRow(row)
      await wb.treeRow("Companies", tag.name).first().waitFor()
    },

    "the size box refuses a bad value as it is typed, and nothing is saved": async (wb) => {
      const before = sim.state.companies.get(target.id).size
      const row = wb.treeRow("Companies", "Renamed From The Row")
      await wb.clickContextMenu(row, "Edit Company...")
      await wb.pickQuickItem("Size")
      await wb.typeInQuickInput("a dozen", { submit: false })
      await wb.quickInput().locator(".quick-input-message", { hasText: "size must be a whole number" }).waitFor()
      await wb.screenshot("size-refused")
      await wb.dismissQuickInput()
      assert.equal(sim.state.companies.get(target.id).size, before)
    }
  }
}
