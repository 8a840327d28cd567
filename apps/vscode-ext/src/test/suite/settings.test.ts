import * as assert from "node:assert/strict"
import * as vscode from "vscode"
import type { TestApi } from "../../extension"
import { activateExtension, waitFor } from "./helpers"

suite("settings", () => {
  let api: TestApi
  const config = () => vscode.workspace.getConfiguration("intercom")
  const reset = async () => {
    for (const key of ["region", "baseUrl", "requestTimeoutSeconds"]) {
      await config().update(key, undefined, vscode.ConfigurationTarget.Global)
    }
  }

  suiteSetup(async () => {
    ;({ api } = await activateExtension())
    await reset()
  })

  suiteTeardown(reset)

  test("defaults: region us, no base URL, 30 s timeout", () => {
    assert.deepEqual(api.settings.current, { region: "us", baseUrl: undefined, requestTimeoutSeconds: 30 })
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
