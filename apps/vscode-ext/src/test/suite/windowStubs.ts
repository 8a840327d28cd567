// Stand-ins for VS Code's modal UI in the extension-host tests of the demo, export and find
// features. The test bundle shares the extension's `vscode` API object, so replacing a function on
// `vscode.window` for the duration of a test is seen by the extension's commands.
import * as vscode from "vscode"

type Window = Record<string, unknown>

/** Replaces functions of `vscode.window` while `body` runs, and always puts the originals back. */
export const withWindowStubs = async <A>(stubs: Partial<typeof vscode.window>, body: () => PromiseLike<A>): Promise<A> => {
  const window = vscode.window as unknown as Window
  const originals = new Map(Object.keys(stubs).map((key) => [key, window[key]]))
  Object.assign(window, stubs)
  try {
    return await body()
  } finally {
    for (const [key, original] of originals) window[key] = original
  }
}

/** showQuickPick that answers with the item whose label is `label` (and records what was offered). */
export const pickByLabel = (label: string, offered: Array<ReadonlyArray<vscode.QuickPickItem>> = []) =>
  (async (items: ReadonlyArray<vscode.QuickPickItem> | Thenable<ReadonlyArray<vscode.QuickPickItem>>) => {
    const resolved = await items
    offered.push(resolved)
    return resolved.find((item) => item.label === label)
  }) as unknown as typeof vscode.window.showQuickPick

/**
 * A scripted QuickPick for commands that build their own with `createQuickPick`: the test types
 * (`type`), watches `items`/`busy`, and accepts or hides, as a user would. Only the members the
 * extension uses are real; the rest of the interface is never touched.
 */
export class FakeQuickPick<T extends vscode.QuickPickItem> {
  title: string | undefined
  placeholder: string | undefined
  value = ""
  items: ReadonlyArray<T> = []
  activeItems: ReadonlyArray<T> = []
  selectedItems: ReadonlyArray<T> = []
  busy = false
  matchOnDescription = false
  matchOnDetail = false
  shown = false
  disposed = false
  private readonly changeValue = new vscode.EventEmitter<string>()
  private readonly accept = new vscode.EventEmitter<void>()
  private readonly hidden = new vscode.EventEmitter<void>()
  readonly onDidChangeValue = this.changeValue.event
  readonly onDidAccept = this.accept.event
  readonly onDidHide = this.hidden.event

  show(): void {
    this.shown = true
  }
  hide(): void {
    if (!this.shown) return
    this.shown = false
    this.hidden.fire()
  }
  dispose(): void {
    this.disposed = true
  }

  /** Typing: the value changes and the extension hears about it. */
  type(value: string): void {
    this.value = value
    this.changeValue.fire(value)
  }
  /** Enter on the item `pick` chooses (VS Code makes the highlighted item active). */
  acceptItem(pick: (item: T) => boolean): void {
    const item = this.items.find(pick)
    if (item === undefined) throw new Error(`no item to accept among ${this.items.map((i) => i.label).join(", ")}`)
    this.activeItems = [item]
    this.accept.fire()
  }
  /** Escape. */
  dismiss(): void {
    this.hide()
  }
}
