// The demo folder as `pnpm demo` opens it: its .intercom-demo marker activates the extension, which
// opens the demo workspace by itself, with no click. The Companies view syncs the demo's replica in
// the background and then reads every company from it: its description counts them and says how
// fresh the replica is, and the list ends with Load more. Its picture is the README's
// (docs/companies-view.png, written when INTERCOM_UPDATE_DOCS_SCREENSHOT=1 or when missing).
import assert from "node:assert/strict"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { EXTENSION_DIR, REPO_DIR } from "../../lib/env.mjs"
import { shrinkPng } from "../../lib/png.mjs"

// A copy, so that nothing the checks do lands in the repository's demo-workspace/.
const folder = fs.mkdtempSync(path.join(os.tmpdir(), "intercom-ui-demo-folder-"))
fs.cpSync(path.join(EXTENSION_DIR, "demo-workspace"), folder, { recursive: true })

const DOCS_SCREENSHOT = path.join(REPO_DIR, "docs", "companies-view.png")
const DEMO_COMPANIES = 300

/** @type {import("../run.mjs").CheckFile} */
export default {
  // Not tall, so that the picture is small; wide enough that the demo's toast stays clear of the side bar.
  workbench: { folder, viewport: { width: 1200, height: 700 } },
  async teardown() {
    fs.rmSync(folder, { recursive: true, force: true })
  },
  checks: {
    "the .intercom-demo folder opens the demo by itself, and Companies shows its synced replica": async (wb) => {
      // No click: activation by the marker, the demo, the Intercom container shown, a background sync.
      await wb.treeRows("Companies").nth(4).waitFor({ timeout: 60_000 })
      await wb.viewHeader("Companies").locator(".description", { hasText: /synced/ }).waitFor({ timeout: 60_000 })
      assert.match(await wb.viewDescription("Companies"), new RegExp(`^${DEMO_COMPANIES} companies · synced just now$`))
    },

    "the list ends with Load more, which counts the rows read from the replica": async (wb) => {
      // Companies alone in the side bar (Segments and Tags collapsed), for this and the picture.
      for (const view of ["Segments", "Tags"]) {
        const header = wb.viewHeader(view)
        if ((await header.getAttribute("aria-expanded")) === "true") await header.click()
      }
      await wb.treeRows("Companies").first().click()
      await wb.page.mouse.move(1199, 699)
      // End focuses the last row and scrolls to it; while the pane still grows from the collapsing
      // views below it, or the rows re-render as the replica's thread answers (CI once ended the
      // loop below a row short), the scroll can stop short, so End again until the row is in view.
      const loadMore = wb.treeRow("Companies", "Load more")
      const until = Date.now() + 30_000
      while (Date.now() < until && !(await loadMore.isVisible())) {
        await wb.treeRows("Companies").first().focus().catch(() => {})
        await wb.page.keyboard.press("End")
        await wb.page.waitForTimeout(400)
      }
      await loadMore.waitFor()
      assert.equal(await wb.rowDescription(loadMore), `100 of ${DEMO_COMPANIES}`)
      await wb.page.keyboard.press("Home")
    },

    "a picture of the Companies view for the README": async (wb) => {
      // A side bar wide enough for the counts: the sash between side bar and editor dragged to the
      // right; nothing selected or hovered.
      const sidebar = wb.page.locator("#workbench\\.parts\\.sidebar")
      const box = await sidebar.boundingBox()
      await wb.page.mouse.move(box.x + box.width + 1, box.y + box.height / 2)
      await wb.page.mouse.down()
      await wb.page.mouse.move(box.x + 520, box.y + box.height / 2, { steps: 8 })
      await wb.page.mouse.up()
      // The top of the list, the view not focused (its title actions show on hover or focus only).
      await wb.page.keyboard.press("Home")
      await wb.treeRows("Companies").first().waitFor()
      await wb.page.locator("#workbench\\.parts\\.editor").click()
      await wb.page.mouse.move(1199, 699)
      const png = shrinkPng(await sidebar.screenshot())
      fs.mkdirSync(wb.artifacts, { recursive: true })
      fs.writeFileSync(path.join(wb.artifacts, "companies-view.png"), png)
      assert.ok(png.length < 60_000, `the picture is ${png.length} bytes`)
      if (process.env.INTERCOM_UPDATE_DOCS_SCREENSHOT === "1" || !fs.existsSync(DOCS_SCREENSHOT)) {
        fs.mkdirSync(path.dirname(DOCS_SCREENSHOT), { recursive: true })
        fs.writeFileSync(DOCS_SCREENSHOT, png)
        console.log(`      wrote ${path.relative(process.cwd(), DOCS_SCREENSHOT)} (${png.length} bytes)`)
      }
    },

    "Filter Companies... explains a bad query as it is typed, then narrows the view and counts it": async (wb) => {
      await wb.runCommand("Intercom: Filter Companies...")
      await wb.typeInQuickInput("colour:red", { submit: false })
      await wb.quickInput().locator(".quick-input-message", { hasText: `unknown field "colour" in "colour:red" at column 1` }).waitFor()
      await wb.typeInQuickInput("plan:Pro")
      // The view's title actions take the description's place while the view has focus.
      await wb.page.locator("#workbench\\.parts\\.editor").click()
      await wb.viewHeader("Companies").locator(".description", { hasText: /plan:Pro/ }).waitFor()
      assert.match(await wb.viewDescription("Companies"), new RegExp(`^\\d+ of ${DEMO_COMPANIES} · plan:Pro$`))
      await wb.screenshot("filtered")
      await wb.runCommand("Intercom: Clear Filter")
      await wb.page.locator("#workbench\\.parts\\.editor").click()
      await wb.viewHeader("Companies").locator(".description", { hasText: /synced/ }).waitFor()
    }
  }
}
