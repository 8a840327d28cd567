import * as vscode from "vscode"
import { viewStateKey } from "../contributions"

export interface ViewState {
  readonly loading: boolean
  readonly empty: boolean
  readonly offline: boolean
}

/**
 * The `intercom.<view>.loading|empty|offline` context keys that pick the view's welcome content.
 * Written only when a value changes, after the tree's children are known (setting them at fire
 * time would flash the welcome next to rows).
 */
export class ViewStateKeys {
  private last: ViewState = { loading: false, empty: false, offline: false }
  private written = false

  constructor(private readonly view: "companies" | "segments" | "tags") {}

  get current(): ViewState {
    return this.last
  }

  publish(state: ViewState): void {
    if (this.written && state.loading === this.last.loading && state.empty === this.last.empty && state.offline === this.last.offline) return
    this.last = state
    this.written = true
    for (const key of ["loading", "empty", "offline"] as const) {
      void vscode.commands.executeCommand("setContext", viewStateKey(this.view, key), state[key])
    }
  }
}
