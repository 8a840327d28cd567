import * as assert from "node:assert/strict"
import * as vscode from "vscode"
import { Commands } from "../../contributions"
import type { TestApi } from "../../extension"
import { activateExtension, fakeToken, waitFor, withInputBox } from "./helpers"

suite("sign-in and sign-out", () => {
  let api: TestApi

  suiteSetup(async () => {
    ;({ api } = await activateExtension())
  })

  // Every test starts signed out, whatever the previous one left behind.
  setup(async () => {
    await vscode.commands.executeCommand(Commands.signOut)
    assert.equal(await api.tokens.read(), undefined)
    assert.equal(api.signedIn.signedIn, false)
  })

  suiteTeardown(async () => {
    await vscode.commands.executeCommand(Commands.signOut)
  })

  test("Sign In asks in a password box and stores the token in SecretStorage", async () => {
    const token = fakeToken()
    await withInputBox(
      () => token,
      async (calls) => {
        await vscode.commands.executeCommand(Commands.signIn)
        assert.equal(calls.length, 1)
        assert.equal(calls[0]?.password, true, "the token must be typed into a password box")
        assert.equal(calls[0]?.ignoreFocusOut, true)
      }
    )
    assert.equal(await api.tokens.read(), token)
    assert.equal(api.signedIn.signedIn, true, "intercom.signedIn must be true after sign-in")
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
    assert.equal(api.signedIn.signedIn, false)
  })

  test("the token never lands in the settings", async () => {
    const token = fakeToken()
    await withInputBox(() => token, () => vscode.commands.executeCommand(Commands.signIn))
    const config = vscode.workspace.getConfiguration("intercom")
    const everything = JSON.stringify(["region", "baseUrl", "requestTimeoutSeconds"].map((k) => config.inspect(k)))
    assert.ok(!everything.includes(token))
  })

  test("Sign Out deletes the token and sets intercom.signedIn back to false", async () => {
    await withInputBox(() => fakeToken(), () => vscode.commands.executeCommand(Commands.signIn))
    assert.equal(api.signedIn.signedIn, true)
    await vscode.commands.executeCommand(Commands.signOut)
    assert.equal(await api.tokens.read(), undefined)
    assert.equal(api.signedIn.signedIn, false)
  })

  test("a token stored elsewhere (another window) signs this window in through SecretStorage events", async () => {
    await api.tokens.store(fakeToken())
    await waitFor("intercom.signedIn to become true", () => api.signedIn.signedIn)
    await api.tokens.delete()
    await waitFor("intercom.signedIn to become false", () => !api.signedIn.signedIn)
  })
})
