// The demo workspace from the signed-out welcome: a simulator starts inside the extension host and
// the Companies view fills with its companies, with no account and no server of our own.
import assert from "node:assert/strict"

/** @type {import("../run.mjs").CheckFile} */
export default {
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

    "Intercom: Stop Demo Workspace brings the welcome back": async (wb) => {
      await wb.runCommand("Intercom: Stop Demo Workspace")
      await wb.welcomeButton("Companies", "Open Demo Workspace").waitFor()
    }
  }
}
