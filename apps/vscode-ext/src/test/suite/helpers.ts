import * as assert from "node:assert/strict"
import * as vscode from "vscode"
import { EXTENSION_ID } from "../../contributions"
import type { TestApi } from "../../extension"

/** Activates the extension under test and returns its test API (exported in ExtensionMode.Test only). */
export const activateExtension = async (): Promise<{ extension: vscode.Extension<TestApi | undefined>; api: TestApi }> => {
  const extension = vscode.extensions.getExtension<TestApi | undefined>(EXTENSION_ID)
  assert.ok(extension, `extension ${EXTENSION_ID} is not loaded in this extension host`)
  const api = await extension.activate()
  assert.ok(api, "activate() returned no test API: is the extension running in ExtensionMode.Test?")
  return { extension, api }
}

/** Polls until `condition` holds; for state that settles through events (context keys, settings). */
export const waitFor = async (what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

type InputBox = typeof vscode.window.showInputBox

/**
 * Replaces `vscode.window.showInputBox` for the duration of `body`. The test bundle runs in the same
 * extension host as the extension and shares its `vscode` API object, so the extension's commands see
 * the stub. The options of every call are recorded.
 */
export const withInputBox = async <A>(
  answer: (options: vscode.InputBoxOptions | undefined) => string | undefined,
  body: (calls: ReadonlyArray<vscode.InputBoxOptions | undefined>) => PromiseLike<A>
): Promise<A> => {
  const window = vscode.window as { showInputBox: InputBox }
  const original = window.showInputBox
  const calls: Array<vscode.InputBoxOptions | undefined> = []
  window.showInputBox = (async (options?: vscode.InputBoxOptions) => {
    calls.push(options)
    return answer(options)
  }) as InputBox
  try {
    return await body(calls)
  } finally {
    window.showInputBox = original
  }
}

/** A token that looks nothing like a real one, unique per call so that tests cannot see each other's. */
export const fakeToken = (): string => `it-token-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`
