import { Companies } from "@intercom-explorer/core"
import * as assert from "node:assert/strict"
import * as vscode from "vscode"
import { Commands, EXTENSION_ID } from "../../contributions"
import { autoStartRequested, maybeAutoStartDemo } from "../../demo/DemoAutoStart"
import { DEMO_COMPANIES } from "../../demo/DemoWorkspace"
import { DEMO_SIMULATOR_TEST_COMMAND } from "../../demo/registerDemo"
import type { TestApi } from "../../extension"
import { activateExtension, waitFor } from "./helpers"
import { loadedCompanyIds } from "./companiesView"
import { type Simulator, startTestSimulator } from "./sim"

const demoSimulator = async () => vscode.commands.executeCommand<Simulator | undefined>(DEMO_SIMULATOR_TEST_COMMAND)

/** Whether anything still answers at `url` (a closed simulator refuses the connection). */
const answers = async (url: string): Promise<boolean> => {
  try {
    await fetch(`${url}/__admin/state`)
    return true
  } catch {
    return false
  }
}

suite("demo workspace", () => {
  let api: TestApi

  suiteSetup(async () => {
    ;({ api } = await activateExtension())
  })

  teardown(async () => {
    await vscode.commands.executeCommand(Commands.stopDemo)
    await vscode.commands.executeCommand(Commands.signOut)
  })

  test("Open Demo Workspace starts a simulator in the extension host and connects the session to it", async () => {
    const url = await vscode.commands.executeCommand<string>(Commands.openDemo)
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/)
    const sim = await demoSimulator()
    assert.ok(sim, "no demo simulator is running")
    assert.equal(sim.url, url)
    assert.equal(sim.state.companies.count(), DEMO_COMPANIES)

    const client = api.session.current()
    assert.equal(client?.kind, "demo")
    assert.equal(client?.baseUrl, url)
    assert.equal(api.session.signedIn, true, "intercom.signedIn is true in the demo, so the views load")
    // The demo token is the simulator's, in memory only: nothing is stored as the user's token.
    assert.equal(await api.tokens.read(), undefined)

    // The views' data comes from the simulator: a page of companies through the session's client.
    const page = await api.session.run(Companies.use((c) => c.listPage(1, 20)))
    assert.equal(page.companies.length, 20)
    for (const company of page.companies) assert.ok(sim.state.companies.get(company.id), `${company.id} is not a demo company`)
  })

  test("the Companies view lists the demo companies", async () => {
    await vscode.commands.executeCommand(Commands.openDemo)
    const sim = (await demoSimulator())!
    const ids = await loadedCompanyIds(api)
    assert.ok(ids.length >= 20, `only ${ids.length} rows`)
    for (const id of ids) assert.ok(sim.state.companies.get(id), `row ${id} is not a demo company`)
  })

  test("intercom.demo.autoStart in the folder's settings opens the demo, but never over a signed-in user", async () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
      contributes: { configuration: { properties: Record<string, { scope?: string; default?: unknown }> } }
    }
    // Unlike intercom.baseUrl (application scope), a folder may set it: a demo folder is the point.
    const setting = manifest.contributes.configuration.properties["intercom.demo.autoStart"]
    assert.equal(setting?.scope, "resource")
    assert.equal(setting?.default, false)
    const folder = vscode.workspace.workspaceFolders![0]!
    const config = () => vscode.workspace.getConfiguration("intercom", folder.uri)
    assert.equal(autoStartRequested(), false)
    await config().update("demo.autoStart", true, vscode.ConfigurationTarget.WorkspaceFolder)
    const real = await startTestSimulator()
    try {
      await waitFor("the folder setting", () => autoStartRequested())
      await api.session.useToken(real.token, real.url)
      let opened = 0
      await maybeAutoStartDemo(api.tokens, api.log, async () => opened++)
      assert.equal(opened, 0, "the demo was started over a signed-in user")

      await vscode.commands.executeCommand(Commands.signOut)
      await maybeAutoStartDemo(api.tokens, api.log, () => vscode.commands.executeCommand(Commands.openDemo))
      assert.equal(api.session.current()?.kind, "demo")
    } finally {
      await config().update("demo.autoStart", undefined, vscode.ConfigurationTarget.WorkspaceFolder)
      await real.close()
    }
  })

  test("opening it again keeps the running demo", async () => {
    const first = await vscode.commands.executeCommand<string>(Commands.openDemo)
    const second = await vscode.commands.executeCommand<string>(Commands.openDemo)
    assert.equal(second, first)
  })

  test("Stop Demo Workspace closes the simulator and signs the session out", async () => {
    const url = await vscode.commands.executeCommand<string>(Commands.openDemo)
    assert.equal(await answers(url), true)
    assert.equal(await vscode.commands.executeCommand(Commands.stopDemo), true)
    assert.equal(api.session.current(), undefined)
    assert.equal(await demoSimulator(), undefined)
    assert.equal(await answers(url), false, "the demo simulator still answers after Stop Demo Workspace")
  })

  test("Sign Out ends the demo and stops its simulator", async () => {
    const url = await vscode.commands.executeCommand<string>(Commands.openDemo)
    await vscode.commands.executeCommand(Commands.signOut)
    await waitFor("the demo simulator to stop", async () => (await demoSimulator()) === undefined)
    assert.equal(await answers(url), false)
  })

  test("signing in with a real token stops the demo", async () => {
    const url = await vscode.commands.executeCommand<string>(Commands.openDemo)
    const real = await startTestSimulator()
    try {
      await api.session.useToken(real.token, real.url)
      assert.equal(api.session.current()?.kind, "user")
      await waitFor("the demo simulator to stop", async () => (await demoSimulator()) === undefined)
      assert.equal(await answers(url), false)
    } finally {
      await real.close()
    }
  })
})
