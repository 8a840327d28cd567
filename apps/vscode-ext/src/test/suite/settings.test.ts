import { Companies } from "@intercom-explorer/core"
import * as assert from "node:assert/strict"
import * as os from "node:os"
import * as vscode from "vscode"
import { DEFAULT_SAVED_QUERIES } from "../../tree/model/savedQueries"
import { Commands } from "../../contributions"
import type { TestApi } from "../../extension"
import { activateExtension, waitFor, withInputBox } from "./helpers"
import { requestCount, startTestSimulator } from "./sim"

suite("settings", () => {
  let api: TestApi
  const config = () => vscode.workspace.getConfiguration("intercom")
  const reset = async () => {
    for (const key of ["region", "baseUrl", "requestTimeoutSeconds", "allowInsecureHttp"]) {
      await config().update(key, undefined, vscode.ConfigurationTarget.Global)
    }
  }

  suiteSetup(async () => {
    ;({ api } = await activateExtension())
    await reset()
  })

  suiteTeardown(reset)

  test("defaults: region us, no base URL, 30 s timeout, no plain http to other machines", () => {
    const { region, baseUrl, requestTimeoutSeconds, allowInsecureHttp, ...view } = api.settings.current
    assert.deepEqual({ region, baseUrl, requestTimeoutSeconds, allowInsecureHttp }, { region: "us", baseUrl: undefined, requestTimeoutSeconds: 30, allowInsecureHttp: false })
    // The Companies view's defaults; background sync is off for the suites (src/test/suite/index.ts).
    assert.deepEqual(view, { replicaAutoSync: false, replicaMaxAgeMinutes: 60, companiesGroupBy: "none", companiesSort: "name", savedQueries: DEFAULT_SAVED_QUERIES })
    const manifest = vscode.extensions.getExtension("intercom-explorer.intercom-explorer")!.packageJSON as {
      contributes: { configuration: { properties: Record<string, { scope?: string; default?: unknown }> } }
    }
    // The saved queries' defaults in package.json are the model's.
    assert.deepEqual(manifest.contributes.configuration.properties["intercom.companies.queries"]?.default, DEFAULT_SAVED_QUERIES)
    for (const [key, property] of Object.entries(manifest.contributes.configuration.properties)) assert.equal(property.scope, "application", `scope of ${key}`)
    // Application scope: a folder's .vscode/settings.json cannot opt in for the user.
    assert.deepEqual(manifest.contributes.configuration.properties["intercom.allowInsecureHttp"], {
      ...manifest.contributes.configuration.properties["intercom.allowInsecureHttp"],
      scope: "application",
      default: false
    })
  })

  test("a plain-http server on another machine is refused before any request, unless intercom.allowInsecureHttp", async function() {
    // This machine's own non-loopback address stands for "another machine": the simulator listens
    // there too, so the test sees whether anything reached it.
    const address = Object.values(os.networkInterfaces()).flat().find((a) => a?.family === "IPv4" && !a.internal)?.address
    if (address === undefined) return this.skip()
    const sim = await startTestSimulator({ host: "0.0.0.0" })
    const url = `http://${address}:${new URL(sim.url).port}`
    try {
      await config().update("baseUrl", url, vscode.ConfigurationTarget.Global)
      await waitFor("the base URL", () => api.settings.current.baseUrl === url)

      // Sign In says why instead of asking for a token that could never be used.
      await withInputBox(() => sim.token, async (calls) => {
        assert.equal(await vscode.commands.executeCommand(Commands.signIn), false)
        assert.equal(calls.length, 0, "Sign In asked for a token")
      })

      // A token stored anyway (another window signed in): the server is refused, nothing is sent.
      await api.tokens.store(sim.token)
      await waitFor("the server to be refused", () => api.session.status === "refused")
      assert.equal(api.session.current(), undefined)
      assert.match(api.session.refusedBecause ?? "", new RegExp(`clear text to http://${address.replaceAll(".", "\\.")}:`))
      assert.match(api.session.refusedBecause ?? "", /intercom\.allowInsecureHttp/)
      await vscode.commands.executeCommand(`workbench.view.extension.intercom`)
      await new Promise((resolve) => setTimeout(resolve, 300))
      assert.equal(requestCount(sim), 0, "a request reached the refused server")

      // The opt-in: the same stored token connects, and requests reach the server.
      await config().update("allowInsecureHttp", true, vscode.ConfigurationTarget.Global)
      await waitFor("the session to connect", () => api.session.status === "signedIn")
      const page = await api.session.run(Companies.use((c) => c.listPage(1, 1)))
      assert.equal(page.companies.length, 1)
      assert.ok(requestCount(sim) >= 1)
    } finally {
      await vscode.commands.executeCommand(Commands.signOut)
      await reset()
      await sim.close()
    }
  })

  test("simulators on 127.0.0.1 and localhost need no opt-in", async () => {
    const sim = await startTestSimulator()
    try {
      for (const url of [sim.url, sim.url.replace("127.0.0.1", "localhost")]) {
        await config().update("baseUrl", url, vscode.ConfigurationTarget.Global)
        await waitFor("the base URL", () => api.settings.current.baseUrl === url)
        await api.tokens.store(sim.token)
        await waitFor("the session to connect", () => api.session.status === "signedIn" && api.session.current()?.baseUrl === url)
        const page = await api.session.run(Companies.use((c) => c.listPage(1, 1)))
        assert.equal(page.companies.length, 1)
        await vscode.commands.executeCommand(Commands.signOut)
      }
    } finally {
      await vscode.commands.executeCommand(Commands.signOut)
      await reset()
      await sim.close()
    }
  })

  test("reacts to changes and fires onDidChange", async () => {
    const seen: Array<string | undefined> = []
    const sub = api.settings.onDidChange((s) => seen.push(s.baseUrl))
    try {
      await config().update("region", "eu", vscode.ConfigurationTarget.Global)
      await config().update("baseUrl", "http://127.0.0.1:4010/", vscode.ConfigurationTarget.Global)
      await waitFor("the new base URL", () => api.settings.current.baseUrl === "http://127.0.0.1:4010")
      assert.equal(api.settings.current.region, "eu")
      assert.ok(seen.includes("http://127.0.0.1:4010"), `events: ${JSON.stringify(seen)}`)
    } finally {
      sub.dispose()
    }
  })

  test("ignores a base URL that is not http(s) and falls back to the region", async () => {
    await config().update("baseUrl", "ftp://example.com", vscode.ConfigurationTarget.Global)
    await waitFor("the base URL to be ignored", () => api.settings.current.baseUrl === undefined)
  })
})
