import * as assert from "node:assert/strict"
import * as vscode from "vscode"
import { Commands } from "../../contributions"
import type { TestApi } from "../../extension"
import { Log, type LogSink } from "../../logging/Log"
import { redact, REDACTED } from "@intercom-explorer/core/connection"
import { activateExtension, fakeToken, withInputBox } from "./helpers"

/** A LogSink that keeps every line, to see exactly what would reach the output channel. */
const recordingSink = (): LogSink & { lines: Array<string> } => {
  const lines: Array<string> = []
  const record = (message: string) => void lines.push(message)
  return { lines, trace: record, debug: record, info: record, warn: record, error: record, show: () => {}, dispose: () => {} }
}

suite("logging and redaction", () => {
  let api: TestApi

  suiteSetup(async () => {
    ;({ api } = await activateExtension())
  })

  suiteTeardown(async () => {
    await vscode.commands.executeCommand(Commands.signOut)
  })

  test("redact removes a known token wherever it appears", () => {
    const token = "dG9rOjEyMzQ1Njc4XzkwYWI6MTow" // shaped like an Intercom token (base64 of "tok:...")
    const text = `GET https://api.intercom.io/companies?x=${token} failed: ${token}`
    const out = redact(text, [token])
    assert.ok(!out.includes(token), out)
    assert.equal(out, `GET https://api.intercom.io/companies?x=${REDACTED} failed: ${REDACTED}`)
  })

  test("redact removes anything that looks like a bearer credential, known or not", () => {
    assert.equal(redact("Authorization: Bearer abc.def-ghi"), `Authorization: Bearer ${REDACTED}`)
    assert.equal(redact('{"authorization":"bearer xyz123"}'), `{"authorization":"bearer ${REDACTED}"}`)
    assert.equal(redact("access_token=s3cr3t&page=2"), `access_token=${REDACTED}&page=2`)
    assert.equal(redact("old token dG9rOmFiY2RlZmdoaWprbA== leaked"), `old token ${REDACTED} leaked`)
    assert.equal(redact("listed 25 companies in 120 ms"), "listed 25 companies in 120 ms")
  })

  test("the Log redacts messages, errors and objects before they reach the channel", () => {
    const sink = recordingSink()
    const log = new Log(sink)
    const token = fakeToken()
    log.addSecret(token)
    log.info(`using ${token}`)
    log.error("request failed:", new Error(`401 Unauthorized for ${token}`), { headers: { "X-Token": token } })
    assert.equal(sink.lines.length, 2)
    for (const line of sink.lines) {
      assert.ok(!line.includes(token), `token leaked: ${line}`)
      assert.ok(line.includes(REDACTED), line)
    }
  })

  test("after sign-in the extension's own log redacts the stored token", async () => {
    const token = fakeToken()
    await withInputBox(() => token, () => vscode.commands.executeCommand(Commands.signIn))
    const line = api.log.format("request with", { authorization: token }, `and ${token}`)
    assert.ok(!line.includes(token), line)
  })

  test("Show Logs opens the Intercom channel", async () => {
    await vscode.commands.executeCommand(Commands.showLogs)
  })
})
