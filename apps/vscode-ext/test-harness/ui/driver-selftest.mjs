// Proves the UI driver's tree methods on a real workbench with the fixture extension in
// test-harness/fixtures/sample-tree (rows, children, inline action, context menu, view-title action,
// QuickPick, notifications). Not part of `pnpm test`: run it after changing workbench.mjs or upgrading
// code-server:  pnpm test:ui:driver
// It loads the fixture as a development extension, which also covers the "dev" mode of the driver
// (toasts are suppressed under the smoke-test driver; notifications are read from the center).
import assert from "node:assert/strict"
import path from "node:path"
import { ARTIFACTS_DIR } from "../lib/env.mjs"
import { Workbench } from "./workbench.mjs"

const VIEW = "Sample Items"
const started = Date.now()
const wb = await Workbench.start({
  extension: "dev",
  developmentPath: path.join(import.meta.dirname, "../fixtures/sample-tree"),
  artifacts: path.join(ARTIFACTS_DIR, "ui-driver")
})
let ok = false
try {
  await wb.openContainer("Sample Tree")
  await wb.treeRow(VIEW, "Alpha").waitFor()
  assert.deepEqual(await wb.treeLabels(VIEW), ["Alpha", "Bravo"])
  assert.equal(await wb.rowDescription(wb.treeRow(VIEW, "Bravo")), "desc b")

  await wb.expandRow(wb.treeRow(VIEW, "Alpha"))
  await wb.treeRow(VIEW, "Alpha One").waitFor()
  assert.deepEqual(await wb.treeLabels(VIEW), ["Alpha", "Alpha One", "Bravo"])

  await wb.clickInlineAction(wb.treeRow(VIEW, "Bravo"), "Rename Item")
  await wb.typeInQuickInput("Bravo renamed")
  await wb.treeRow(VIEW, "Bravo renamed").waitFor()

  await wb.clickContextMenu(wb.treeRow(VIEW, "Bravo renamed"), "Delete Item")
  await wb.treeRow(VIEW, "Bravo renamed").waitFor({ state: "detached" })

  await wb.clickViewTitleAction(VIEW, "Refresh Items")
  await wb.treeRow(VIEW, "Refreshed").waitFor()
  await wb.waitForNotification("refreshed")

  await wb.runCommand("Sample: Pick")
  await wb.pickQuickItem("two")
  await wb.waitForNotification("picked two")
  await wb.screenshot("driver-selftest")
  ok = true
  console.log(`ui driver self-test passed in ${((Date.now() - started) / 1000).toFixed(1)} s`)
} catch (error) {
  console.error(`ui driver self-test FAILED: ${error.message}`)
  await wb.screenshot("driver-selftest-FAILED").catch(() => {})
} finally {
  await wb.stop({ failed: !ok })
}
process.exit(ok ? 0 : 1)
