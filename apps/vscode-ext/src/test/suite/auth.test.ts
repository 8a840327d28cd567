import * as assert from "node:assert/strict"
import * as vscode from "vscode"
import { Commands } from "../../contributions"
import type { TestApi } from "../../extension"
import { activateExtension, fakeToken, waitFor, withInputBox } from "./helpers"
import { setBaseUrl, type Simulator, startTestSimulator } from "./sim"

suite("sign-in and sign-out", () => {
  let api: TestApi
  let sim: Simulator

  suiteSetup(async () => {
    ;({ api } = await activateExtension())
    sim = await startTestSimulator()
    // Sign In uses the settings' server: the simulator, so that the silent check has an answer.
    await setBaseUrl(sim.url)
    await waitFor("the base URL setting", () => api.settings.current.baseUrl === sim.url)
  })

  // Every test starts signed out, whatever the previous one left behind.
  setup(async () => {
    await vscode.commands.executeCommand(Commands.signOut)
    assert.equal(await api.tokens.read(), undefined)
    assert.equal(api.session.signedIn, false)
  })

  suiteTeardown(async () => {
    await vscode.commands.executeCommand(Commands.signOut)
    await setBaseUrl(undefined)
    await sim.close()
  })

  test("Sign In asks in a password box and stores the token in SecretStorage", async () => {
    await withInputBox(
      () => sim.token,
      async (calls) => {
        await vscode.commands.executeCommand(Commands.signIn)
        assert.equal(calls.length, 1)
        assert.equal(calls[0]?.password, true, "the token must be typed into a password box")
        assert.equal(calls[0]?.ignoreFocusOut, true)
      }
    )
    assert.equal(await api.tokens.read(), sim.token)
    assert.equal(api.session.signedIn, true, "intercom.signedIn must be true after sign-in")
    assert.equal(api.session.current()?.baseUrl, sim.url)
  })

  test("the input box refuses an empty token and one with whitespace", async () => {
    await withInputBox(
      () => undefined,
      async (calls) => {
        await vscode.commands.executeCommand(Commands.signIn)
        const validate = calls[0]?.validateInput
        assert.ok(validate, "no validateInput")
        assert.ok(await validate(""), "empty token accepted")
        assert.ok(await validate("abc def"), "token with a space accepted")
        assert.ok(await validate("abc\n"), "token with a newline accepted")
        assert.equal(await validate("dG9rOmFiYzEyMzpkZWY="), undefined)
      }
    )
  })

  test("cancelling sign-in stores nothing and stays signed out", async () => {
    await withInputBox(() => undefined, () => vscode.commands.executeCommand(Commands.signIn))
    assert.equal(await api.tokens.read(), undefined)
    assert.equal(api.session.signedIn, false)
  })

  test("the token never lands in the settings", async () => {
    await withInputBox(() => sim.token, () => vscode.commands.executeCommand(Commands.signIn))
    const config = vscode.workspace.getConfiguration("intercom")
    const everything = JSON.stringify(["region", "baseUrl", "requestTimeoutSeconds"].map((k) => config.inspect(k)))
    assert.ok(!everything.includes(sim.token))
  })

  test("Sign Out deletes the token and sets intercom.signedIn back to false", async () => {
    await withInputBox(() => sim.token, () => vscode.commands.executeCommand(Commands.signIn))
    assert.equal(api.session.signedIn, true)
    await vscode.commands.executeCommand(Commands.signOut)
    assert.equal(await api.tokens.read(), undefined)
    assert.equal(api.session.signedIn, false)
    assert.equal(api.session.current(), undefined)
  })

  test("a token stored elsewhere (another window) signs this window in through SecretStorage events", async () => {
    await api.tokens.store(sim.token)
    await waitFor("the session to sign in", () => api.session.signedIn)
    await api.tokens.delete()
    await waitFor("the session to sign out", () => !api.session.signedIn)
  })

  test("a token Intercom rejects (401) flips back to signed out, silently checked after sign-in", async () => {
    // The silent check waits for a view to be visible (nothing is sent before).
    await vscode.commands.executeCommand("workbench.view.extension.intercom")
    await withInputBox(() => fakeToken(), () => vscode.commands.executeCommand(Commands.signIn))
    await waitFor("the 401 to sign the session out", () => api.session.status === "rejected")
    assert.equal(api.session.signedIn, false)
    assert.equal(api.session.current(), undefined)
  })

  test("changing a setting rebuilds the client; the views start over on the new one", async () => {
    await withInputBox(() => sim.token, () => vscode.commands.executeCommand(Commands.signIn))
    const before = api.session.current()
    const config = vscode.workspace.getConfiguration("intercom")
    try {
      await config.update("requestTimeoutSeconds", 31, vscode.ConfigurationTarget.Global)
      await waitFor("a new client", () => api.session.current() !== undefined && api.session.current() !== before)
      assert.equal(api.session.current()?.baseUrl, sim.url)
    } finally {
      await config.update("requestTimeoutSeconds", undefined, vscode.ConfigurationTarget.Global)
    }
  })

  test("the demo connection never stores its token, and Sign Out ends it", async () => {
    const demoToken = fakeToken()
    await api.session.connectDemo(sim.url, demoToken)
    assert.equal(api.session.status, "demo")
    assert.equal(api.session.current()?.kind, "demo")
    assert.equal(await api.tokens.read(), undefined, "the demo token must not be stored as the user's token")
    await vscode.commands.executeCommand(Commands.signOut)
    assert.equal(api.session.current(), undefined)
  })
})
