import { Companies } from "@intercom-explorer/core"
import * as assert from "node:assert/strict"
import * as vscode from "vscode"
import { Commands } from "../../contributions"
import type { TestApi } from "../../extension"
import { RATE_LIMIT_STATUS_TEST_COMMAND } from "../../status/registerStatus"
import { activateExtension, waitFor } from "./helpers"
import { type Simulator, startTestSimulator } from "./sim"

interface StatusState {
  readonly visible: boolean
  readonly text: string
  readonly tooltip: string
}
const status = () => vscode.commands.executeCommand<StatusState>(RATE_LIMIT_STATUS_TEST_COMMAND)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

// Long enough that connecting, draining and the extension's paced request fit in one window on a
// loaded machine (at 10 s, a CI run under load spilled into the next window, which resets the count).
const WINDOW_MS = 20_000

/** Windows are aligned to the epoch: start early in one, so that a test's requests share it. */
const startOfWindow = async () => {
  const left = WINDOW_MS - (Date.now() % WINDOW_MS)
  if (left < 16_000) await sleep(left + 50)
}

/**
 * Another integration of the same app spends the window's budget until `target` is left (read from
 * the answers' headers, so the views' own requests in the meantime do not matter).
 */
const drainTo = async (sim: Simulator, target: number) => {
  for (;;) {
    const response = await fetch(`${sim.url}/companies?company_id=none`, { headers: { Authorization: `Bearer ${sim.token}` } })
    if (Number(response.headers.get("x-ratelimit-remaining")) <= target) return
  }
}

suite("rate-limit status bar", function() {
  // A wait for the start of a window, then up to a whole window for its reset.
  this.timeout(WINDOW_MS * 3)
  let api: TestApi

  suiteSetup(async () => {
    ;({ api } = await activateExtension())
  })

  teardown(async () => {
    await vscode.commands.executeCommand(Commands.signOut)
  })

  test("appears when the budget runs low, with the reset in the tooltip, and hides at the reset", async () => {
    const sim = await startTestSimulator({ rateLimit: 40, rateWindowMs: WINDOW_MS })
    try {
      await startOfWindow()
      await api.session.connectDemo(sim.url, sim.token)
      // One request with plenty of budget left: hidden.
      await api.session.run(Companies.use((c) => c.listPage(1, 1)))
      assert.equal((await status()).visible, false, "shown with most of the budget left")

      // Under 30% left: the extension's next answer carries the low count (pacing spaces it a bit).
      await drainTo(sim, 10)
      await api.session.run(Companies.use((c) => c.listPage(1, 1)))
      await waitFor("the status bar item", async () => (await status()).visible, 15_000)
      const shown = await status()
      assert.match(shown.text, /^\$\(watch\) Intercom \d+\/40$/)
      assert.match(shown.tooltip, /of 40 requests left in this window/)
      assert.match(shown.tooltip, /Resets at .+ \(in \d+ s\)/)

      // No request needs to come: the window's reset hides it.
      await waitFor("the item to hide at the reset", async () => !(await status()).visible, WINDOW_MS + 2_000)
    } finally {
      await sim.close()
    }
  })

  test("follows the session: hidden after sign-out", async () => {
    const sim = await startTestSimulator({ rateLimit: 40, rateWindowMs: WINDOW_MS })
    try {
      await startOfWindow()
      await api.session.connectDemo(sim.url, sim.token)
      await drainTo(sim, 10)
      await api.session.run(Companies.use((c) => c.listPage(1, 1)))
      await waitFor("the status bar item", async () => (await status()).visible, 15_000)
      await vscode.commands.executeCommand(Commands.signOut)
      await waitFor("the item to hide", async () => !(await status()).visible)
    } finally {
      await sim.close()
    }
  })
})
