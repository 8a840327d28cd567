import { Companies } from "@intercom-explorer/core"
import * as assert from "node:assert/strict"
import * as vscode from "vscode"
import { Commands } from "../../contributions"
import { autoStartRequested, DEMO_MARKER, maybeAutoStartDemo } from "../../demo/DemoAutoStart"
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

  test("a folder with the .intercom-demo marker opens the demo, but never over a signed-in user", async () => {
    const folder = vscode.workspace.workspaceFolders![0]!
    const marker = vscode.Uri.joinPath(folder.uri, DEMO_MARKER)
    assert.equal(await autoStartRequested(), false)
    await vscode.workspace.fs.writeFile(marker, new TextEncoder().encode("demo\n"))
    const real = await startTestSimulator()
    try {
      assert.equal(await autoStartRequested(), true)
      await api.session.useToken(real.token, real.url)
      let opened = 0
      await maybeAutoStartDemo(api.tokens, api.log, async () => opened++)
      assert.equal(opened, 0, "the demo was started over a signed-in user")

      await vscode.commands.executeCommand(Commands.signOut)
      await maybeAutoStartDemo(api.tokens, api.log, () => vscode.commands.executeCommand(Commands.openDemo))
      assert.equal(api.session.current()?.kind, "demo")
    } finally {
      await vscode.workspace.fs.delete(marker)
      await real.close()
    }
  })

  test("the Companies view tells the demo's companies with users from all of them", async () => {
    await vscode.commands.executeCommand(Commands.openDemo)
    const sim = (await demoSimulator())!
    await loadedCompanyIds(api)
    const ids = sim.state.companies.ids()
    const withUsers = ids.filter((id) => (sim.state.companies.get(id)?.user_count ?? 0) > 0).length
    assert.ok(withUsers < DEMO_COMPANIES, "the demo has companies without users")
    assert.equal(api.trees.companies.view.description, `50 of ${withUsers} with users · ${DEMO_COMPANIES} in all`)
    const loadAll = api.trees.companies.getChildren().find((node) => node.kind === "loadAll")
    assert.ok(loadAll, "a Load all row next to Load more")
    const item = api.trees.companies.getTreeItem(loadAll)
    assert.equal(item.label, "Load all")
    assert.equal(item.description, `all ${DEMO_COMPANIES}, including ${DEMO_COMPANIES - withUsers} without users`)
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
