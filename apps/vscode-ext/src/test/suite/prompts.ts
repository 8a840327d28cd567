// Scripted answers for the prompts the commands show: input boxes, QuickPicks, warnings, and
// error/information messages (recorded). The test bundle shares the extension's `vscode` API
// object, so the stubs are what the commands call.
import * as assert from "node:assert/strict"
import * as vscode from "vscode"

type Answer<O, A> = A | ((options: O) => A)

export interface Script {
  /** Answers to showInputBox, in order (undefined = Escape). A function sees the options. */
  readonly inputs?: ReadonlyArray<Answer<vscode.InputBoxOptions | undefined, string | undefined>>
  /** Answers to showQuickPick, in order: item labels (a label matches when it ends with the text). */
  readonly picks?: ReadonlyArray<string | ReadonlyArray<string> | undefined>
  /** The button clicked on showWarningMessage (undefined = dismissed). */
  readonly warning?: string | undefined
}

export interface Calls {
  readonly inputs: Array<vscode.InputBoxOptions | undefined>
  readonly picks: Array<{ items: ReadonlyArray<vscode.QuickPickItem>; options: vscode.QuickPickOptions | undefined }>
  readonly warnings: Array<string>
  readonly errors: Array<string>
  readonly infos: Array<string>
}

const matches = (item: vscode.QuickPickItem, label: string) => item.label === label || item.label.endsWith(label)

/** Runs `body` with the prompts answered by `script`; fails when a prompt has no scripted answer. */
export const scripted = async <A>(script: Script, body: (calls: Calls) => PromiseLike<A>): Promise<A> => {
  const window = vscode.window as unknown as Record<string, unknown>
  const names = ["showInputBox", "showQuickPick", "showWarningMessage", "showErrorMessage", "showInformationMessage"] as const
  const originals = Object.fromEntries(names.map((n) => [n, window[n]]))
  const calls: Calls = { inputs: [], picks: [], warnings: [], errors: [], infos: [] }
  const inputs = [...(script.inputs ?? [])]
  const picks = [...(script.picks ?? [])]
  window["showInputBox"] = async (options?: vscode.InputBoxOptions) => {
    calls.inputs.push(options)
    assert.ok(inputs.length > 0, `unexpected input box: ${options?.title ?? options?.prompt}`)
    const answer = inputs.shift()
    return typeof answer === "function" ? answer(options) : answer
  }
  window["showQuickPick"] = async (items: ReadonlyArray<vscode.QuickPickItem> | Thenable<ReadonlyArray<vscode.QuickPickItem>>, options?: vscode.QuickPickOptions) => {
    const list = await items
    calls.picks.push({ items: list, options })
    assert.ok(picks.length > 0, `unexpected QuickPick: ${options?.title}`)
    const answer = picks.shift()
    if (answer === undefined) return undefined
    const wanted = typeof answer === "string" ? [answer] : answer
    const chosen = wanted.map((label) => {
      const item = list.find((i) => matches(i, label))
      assert.ok(item, `no QuickPick item '${label}' in ${JSON.stringify(list.map((i) => i.label))}`)
      return item
    })
    return options?.canPickMany === true ? chosen : chosen[0]
  }
  window["showWarningMessage"] = async (message: string) => {
    calls.warnings.push(message)
    return script.warning
  }
  window["showErrorMessage"] = async (message: string) => {
    calls.errors.push(message)
    return undefined
  }
  window["showInformationMessage"] = async (message: string) => {
    calls.infos.push(message)
    return undefined
  }
  try {
    return await body(calls)
  } finally {
    for (const n of names) window[n] = originals[n]
  }
}
