// The Intercom container, signed out and signed in, on the packaged extension.
import assert from "node:assert/strict"
import { startSimulator } from "../simulator.mjs"

const VIEWS = ["Companies", "Segments", "Tags"]
// Not an Intercom token: unique, so that it can be searched for in the output afterwards.
const TOKEN = `ui-check-token-${Date.now().toString(36)}`
// Signing in checks the token with Intercom: a local simulator that accepts TOKEN stands in for it.
const sim = await startSimulator({ companies: 30, token: TOKEN })

/** @type {import("../run.mjs").CheckFile} */
export default {
  workbench: { settings: { "intercom.baseUrl": sim.url } },
  teardown: () => sim.close(),
  checks: {
    "the Intercom container shows Companies, Segments and Tags": async (wb) => {
      await wb.openContainer("Intercom")
      for (const view of VIEWS) await wb.viewHeader(view).waitFor()
      const titles = await wb.page.locator("#workbench\\.parts\\.sidebar .pane-header h3.title").allInnerTexts()
      assert.deepEqual(titles.map((t) => t.trim()), VIEWS)
    },

    "signed out, Companies offers Sign in and Open Demo Workspace": async (wb) => {
      await wb.welcomeButton("Companies", "Sign in").waitFor()
      await wb.welcomeButton("Companies", "Open Demo Workspace").waitFor()
      for (const view of ["Segments", "Tags"]) {
        assert.match(await wb.welcome(view).innerText(), /once you are signed in/)
      }
    },

    "Sign in asks for the token in a password box; signed in, the welcome goes away": async (wb) => {
      await wb.welcomeButton("Companies", "Sign in").click()
      const input = wb.quickInputBox()
      await input.waitFor()
      assert.equal(await input.getAttribute("type"), "password", "the token must not be shown while typed")
      // validateInput: whitespace is refused with a message, and Enter does nothing.
      await wb.typeInQuickInput("has space", { submit: false })
      await wb.quickInput().locator(".quick-input-message", { hasText: "must not contain spaces" }).waitFor()
      await wb.typeInQuickInput(TOKEN)
      await wb.waitForNotification("Signed in to Intercom.")
      await wb.welcome("Companies").waitFor({ state: "hidden" })
    },

    "Intercom: Show Logs shows the Intercom channel, without the token": async (wb) => {
      await wb.runCommand("Intercom: Show Logs")
      const text = await wb.outputText()
      assert.match(text, /Intercom Explorer .* activated/)
      assert.match(text, /Signed in\./)
      assert.ok(!text.includes(TOKEN), "the access token appears in the Intercom log")
    },

    "Intercom: Sign Out from the palette brings the welcome back": async (wb) => {
      await wb.runCommand("Intercom: Sign Out")
      await wb.welcomeButton("Companies", "Sign in").waitFor()
    }
  }
}
