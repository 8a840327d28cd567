// The demo workspace from the signed-out welcome: a simulator starts inside the extension host and
// the Companies view fills with its companies, with no account and no server of our own. Then an
// export through the real save dialog, which lands in the workspace folder.
import assert from "node:assert/strict"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"

const folder = fs.mkdtempSync(path.join(os.tmpdir(), "intercom-ui-demo-"))
const exported = () => fs.readdirSync(folder).filter((f) => f.endsWith(".csv"))

/** @type {import("../run.mjs").CheckFile} */
export default {
  workbench: { folder },
  async teardown() {
    fs.rmSync(folder, { recursive: true, force: true })
  },
  checks: {
    "Open Demo Workspace from the welcome shows the demo companies": async (wb) => {
      await wb.openContainer("Intercom")
      await wb.welcomeButton("Companies", "Open Demo Workspace").click()
      await wb.welcome("Companies").waitFor({ state: "hidden" })
      // The tree is virtualized: only the rows on screen exist, which is plenty to check.
      await wb.treeRows("Companies").nth(4).waitFor({ timeout: 30_000 })
      const labels = await wb.treeLabels("Companies")
      assert.ok(labels.length >= 5, `expected company rows, got ${JSON.stringify(labels)}`)
      assert.ok(labels.every((l) => l.length > 0), `a row without a label: ${JSON.stringify(labels)}`)
    },

    "Export All Companies as CSV through the save dialog writes every demo company": async (wb) => {
      await wb.runCommand("Intercom: Export All Companies...")
      await wb.pickQuickItem("CSV")
      // VS Code's own save dialog (a quick input in the browser), proposing the workspace folder.
      // It replaces the format pick in the same widget: wait for its proposed path.
      const input = wb.quickInputBox()
      const proposed = /intercom-companies-\d{4}-\d{2}-\d{2}\.csv$/
      for (let i = 0; !proposed.test(await input.inputValue().catch(() => "")); i++) {
        if (i > 100) assert.fail(`no save dialog proposing the export file (input: ${await input.inputValue()})`)
        await wb.page.waitForTimeout(100)
      }
      await input.press("Enter")
      await wb.waitForNotification("Exported 300 companies")
      const [file] = exported()
      assert.ok(file, "no CSV in the workspace folder")
      const lines = fs.readFileSync(path.join(folder, file), "utf8").trimEnd().split("\r\n")
      assert.equal(lines[0], "id,company_id,name,plan,size,website,industry,monthly_spend,user_count,session_count,created_at,updated_at,last_request_at,tags,custom_attributes")
      assert.equal(lines.length, 301)
    },

    "Intercom: Stop Demo Workspace brings the welcome back": async (wb) => {
      await wb.runCommand("Intercom: Stop Demo Workspace")
      await wb.welcomeButton("Companies", "Open Demo Workspace").waitFor()
    }
  }
}
