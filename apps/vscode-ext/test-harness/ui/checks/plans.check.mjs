// Bulk changes in the workbench, on the demo folder as a new user gets it: the sample CSV imported
// (the file dialog, the two questions), the Plan view with its groups and reasons, a create
// unchecked with its check box (the summary counts again), a company's before/after diff, Apply
// (the modal confirmation, the summary notification), then Undo Bulk Change....
import assert from "node:assert/strict"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { EXTENSION_DIR } from "../../lib/env.mjs"

// A copy, so that nothing the checks do lands in the repository's demo-workspace/.
const folder = fs.mkdtempSync(path.join(os.tmpdir(), "intercom-ui-plans-"))
fs.cpSync(path.join(EXTENSION_DIR, "demo-workspace"), folder, { recursive: true })
const csv = path.join(folder, "companies-import.csv")

/** @type {import("../run.mjs").CheckFile} */
export default {
  workbench: { folder, viewport: { width: 1400, height: 900 } },
  async teardown() {
    fs.rmSync(folder, { recursive: true, force: true })
  },
  checks: {
    "Import Companies from CSV... opens the plan in the Plan view: groups, invalid rows with their reasons": async (wb) => {
      await wb.viewHeader("Companies").locator(".description", { hasText: /synced/ }).waitFor({ timeout: 60_000 })
      await wb.runCommand("Intercom: Import Companies from CSV...")
      // VS Code's own file dialog in the browser: a quick input that takes a path.
      await wb.pickFileInDialog(csv)
      await wb.pickQuickItem("company_id")
      await wb.pickQuickItem("Also create companies not found")
      const summary = wb.treeRow("Plan", "companies-import.csv")
      await summary.waitFor({ timeout: 30_000 })
      assert.equal(await wb.rowDescription(summary), "3 updates · 2 creates · 1 tag change · 1 unchanged · 2 invalid")
      // The Plan view's room: the other views collapsed (by their titles, clear of their actions).
      for (const view of ["Companies", "Segments", "Tags"]) {
        const header = wb.viewHeader(view)
        if ((await header.getAttribute("aria-expanded")) === "true") await header.locator("h3.title").click()
      }
      await wb.expandRow(wb.treeRow("Plan", "Invalid rows"))
      await wb.expandRow(wb.treeRow("Plan", "Row 8"))
      await wb.treeRow("Plan", /size must be a whole number/).waitFor()
      await wb.expandRow(wb.treeRow("Plan", "Creates"))
      await wb.treeRow("Plan", "HelixView Security").waitFor()
      await wb.screenshot("plan-view")
    },

    "unchecking a create leaves it out: the summary counts again": async (wb) => {
      const row = wb.treeRow("Plan", "HelixView Security")
      await row.locator(".custom-view-tree-node-item-checkbox, input[type=checkbox], .monaco-checkbox").first().click()
      const summary = wb.treeRow("Plan", "companies-import.csv")
      await summary.locator(".label-description", { hasText: "1 excluded" }).waitFor()
      assert.equal(await wb.rowDescription(summary), "3 updates · 1 create · 1 tag change · 1 unchanged · 2 invalid · 1 excluded")
    },

    "clicking a company opens its before/after in the diff editor": async (wb) => {
      await wb.expandRow(wb.treeRow("Plan", "Updates"))
      await wb.treeRow("Plan", "LumenRock Media Co.").click()
      await wb.page.locator(".monaco-diff-editor").first().waitFor()
      await wb.page.locator(".tab", { hasText: "LumenRock Media Co.: before ↔ after" }).first().waitFor()
      // The JSON itself, on both sides (an open but empty diff would pass the waits above): the
      // company's ids and the planned fields, its plan before and after.
      const line = (side, text) => wb.page.locator(`.monaco-diff-editor ${side} .view-line`, { hasText: text }).first()
      await line(".original", `"company_id": "100000"`).waitFor({ timeout: 20_000 })
      await line(".modified", `"company_id": "100000"`).waitFor({ timeout: 20_000 })
      await line(".modified", `"plan": "Growth"`).waitFor({ timeout: 20_000 })
      await wb.screenshot("plan-diff")
    },

    "Apply Plan asks first, then says what it did": async (wb) => {
      await wb.clickViewTitleAction("Plan", "Apply Plan")
      const dialog = wb.page.locator(".monaco-dialog-box")
      await dialog.waitFor()
      assert.match(await dialog.innerText(), /Apply 5 company changes in Intercom\?/)
      await dialog.getByRole("button", { name: "Apply", exact: true }).click()
      await wb.waitForNotification("Bulk change finished: applied 5, unchanged 0, conflicts 0, failed 0")
      await wb.screenshot("plan-applied")
    },

    "Undo Bulk Change... shows the undo plan for review": async (wb) => {
      await wb.page.keyboard.press("Escape")
      await wb.runCommand("Intercom: Undo Bulk Change...")
      await wb.pickQuickItem("companies-import.csv")
      await wb.treeRow("Plan", "Undo of companies-import.csv").waitFor()
      await wb.treeRow("Plan", "Deletes").waitFor()
      // The diff of the applied plan closed with it.
      await wb.page.locator(".tab", { hasText: "before ↔ after" }).first().waitFor({ state: "detached" })
      await wb.screenshot("plan-undo")
    }
  }
}
