import * as assert from "node:assert/strict"
import * as fs from "node:fs"
import * as path from "node:path"
import * as vscode from "vscode"
import { ClientSession } from "../../client/ClientSession"
import { COMPANY_DOCUMENT_SCHEME, Commands, ContextKeys, VIEW_CONTAINER_ID, Views, ReplicaCommands } from "../../contributions"
import { DEMO_MARKER } from "../../demo/DemoAutoStart"
import { PLAN_VIEW, PlanCommands } from "../../plans/PlanContributions"
import type { TestApi } from "../../extension"
import { activateExtension, waitFor } from "./helpers"
import { requestCount, setBaseUrl, startTestSimulator } from "./sim"

interface Manifest {
  engines: { vscode: string }
  activationEvents: Array<string>
  contributes: {
    viewsContainers: { activitybar: Array<{ id: string; title: string; icon: string }> }
    views: Record<string, Array<{ id: string; name: string }>>
    viewsWelcome: Array<{ view: string; when?: string; contents: string }>
    commands: Array<{ command: string; title: string; category?: string }>
    configuration: { properties: Record<string, { type: string; default?: unknown; enum?: Array<string> }> }
  }
}

suite("activation and contributions", () => {
  let extension: vscode.Extension<unknown>
  let manifest: Manifest
  let api: TestApi

  suiteSetup(async () => {
    ;({ extension, api } = await activateExtension())
    manifest = extension.packageJSON as Manifest
  })

  // The first tests run while no Intercom view has been visible yet (the next ones open them).

  test("activates inside a real VS Code extension host", () => {
    assert.equal(extension.isActive, true)
    console.log(`    (VS Code ${vscode.version}, ${vscode.env.appName}, uiKind ${vscode.env.uiKind}, remote ${vscode.env.remoteName ?? "none"})`)
  })

  test("activation loaded no client code: effect and core (the engine) load on first use (lazy.ts)", () => {
    assert.equal(api.engineLoaded(), false)
  })

  test("activates only where used: its views and commands (implicit), folders with the demo marker, company documents", () => {
    // Views and commands activate the extension by themselves since VS Code 1.74. A company
    // document restored by a window reload (hot exit) asks for its file system by scheme.
    assert.match(manifest.engines.vscode, /^\^1\.(7[4-9]|[89]\d|\d{3})\./)
    assert.deepEqual(manifest.activationEvents, [`workspaceContains:${DEMO_MARKER}`, `onFileSystem:${COMPANY_DOCUMENT_SCHEME}`])
    assert.equal(manifest.contributes.configuration.properties["intercom.demo.autoStart"], undefined)
  })

  test("with a stored token, nothing is sent (and the engine not loaded) until one of the views is visible", async () => {
    const sim = await startTestSimulator()
    let fresh: ClientSession | undefined
    try {
      await setBaseUrl(sim.url)
      await waitFor("the base URL setting", () => api.settings.current.baseUrl === sim.url)
      for (const view of [api.trees.companies, api.trees.segments, api.trees.tags]) assert.equal(view.view.visible, false)
      // A token stored (as by an earlier sign-in): the extension's session follows it, and a new
      // session starts with it as at activation; both connect, neither sends a request.
      await api.tokens.store(sim.token)
      await waitFor("the session to follow the stored token", () => api.session.signedIn)
      fresh = new ClientSession(api.tokens, api.settings, api.log)
      await fresh.start()
      assert.equal(fresh.status, "signedIn")
      await new Promise((resolve) => setTimeout(resolve, 500))
      assert.equal(requestCount(sim), 0, "a request before any view was visible")
      // Connecting built no runtime: the server is checked with core's light entry.
      assert.equal(api.engineLoaded(), false, "signed in, the engine was loaded before anything ran")

      // A view becomes visible: the token check runs, and the views load.
      fresh.viewsVisible()
      await waitFor("the token check", () => requestCount(sim) > 0)
      assert.equal(requestCount(sim), 1, "one request: the token check")
      await vscode.commands.executeCommand(`workbench.view.extension.${VIEW_CONTAINER_ID}`)
      await waitFor("the Companies view to load", () => api.trees.companies.model.rows.size > 0, 15_000)
      assert.equal(api.engineLoaded(), true)
    } finally {
      fresh?.dispose()
      await api.session.signOut()
      await setBaseUrl(undefined)
      await sim.close()
    }
  })

  test("contributes the Intercom activity-bar container with an icon that exists", () => {
    const container = manifest.contributes.viewsContainers.activitybar.find((c) => c.id === VIEW_CONTAINER_ID)
    assert.ok(container, "no activity-bar container 'intercom'")
    assert.equal(container.title, "Intercom")
    assert.ok(fs.existsSync(path.join(extension.extensionPath, container.icon)), `icon ${container.icon} missing`)
  })

  test("contributes the Companies, Segments and Tags views, and the Plan view (shown while a plan is open)", () => {
    const views = manifest.contributes.views[VIEW_CONTAINER_ID]?.map((v) => [v.id, v.name])
    assert.deepEqual(views, [
      [Views.companies, "Companies"],
      [Views.segments, "Segments"],
      [Views.tags, "Tags"],
      [PLAN_VIEW, "Plan"]
    ])
  })

  test("contributes and registers the commands, all in category Intercom", async () => {
    const contributed = new Map(manifest.contributes.commands.map((c) => [c.command, c]))
    const expected = {
      [Commands.signIn]: "Sign In",
      [Commands.signOut]: "Sign Out",
      [Commands.showLogs]: "Show Logs",
      [Commands.openDemo]: "Open Demo Workspace"
    }
    for (const [id, title] of Object.entries(expected)) assert.equal(contributed.get(id)?.title, title, `title of ${id}`)
    // Every command the extension names in contributions.ts is contributed, and every contributed
    // command (ours and the other features') is registered and in the one category.
    for (const id of [...Object.values(Commands), ...Object.values(ReplicaCommands), ...Object.values(PlanCommands)]) assert.ok(contributed.has(id), `${id} is not contributed in package.json`)
    const registered = new Set(await vscode.commands.getCommands(true))
    for (const c of manifest.contributes.commands) {
      assert.equal(c.category, "Intercom", `category of ${c.command}`)
      assert.ok(registered.has(c.command), `${c.command} is contributed but not registered`)
    }
  })

  test("shows the signed-out welcome with Sign in and Open Demo Workspace", () => {
    const welcome = manifest.contributes.viewsWelcome.find((w) => w.view === Views.companies)
    assert.ok(welcome, "no welcome content for the Companies view")
    assert.equal(welcome.when, `!${ContextKeys.signedIn} && !${ContextKeys.authRejected} && !${ContextKeys.serverRefused}`)
    assert.match(welcome.contents, /\[Sign in\]\(command:intercom\.signIn\)/)
    assert.match(welcome.contents, /\[Open Demo Workspace\]\(command:intercom\.openDemo\)/)
  })

  test("contributes the intercom.* settings with their defaults", () => {
    const props = manifest.contributes.configuration.properties
    assert.deepEqual(props["intercom.region"]?.enum, ["us", "eu", "au"])
    assert.equal(props["intercom.region"]?.default, "us")
    assert.equal(props["intercom.baseUrl"]?.type, "string")
    assert.equal(props["intercom.requestTimeoutSeconds"]?.type, "number")
    const config = vscode.workspace.getConfiguration("intercom")
    assert.equal(config.get("region"), "us")
    assert.equal(config.get("requestTimeoutSeconds"), 30)
  })

  test("the container and each view open", async () => {
    await vscode.commands.executeCommand(`workbench.view.extension.${VIEW_CONTAINER_ID}`)
    for (const view of Object.values(Views)) await vscode.commands.executeCommand(`${view}.focus`)
  })
})
