import type * as vscode from "vscode"
import type { ClientSession } from "../client/ClientSession"
import type { Log } from "../logging/Log"
import type { Trees } from "../tree/Trees"

/** Opens web-app links; a field so that the integration tests can see the URL instead of a browser. */
export interface Links {
  open: (url: string) => Thenable<boolean>
}

/** What a write needs: the session to run it, the trees to show it, the log. */
export interface EditContext {
  readonly session: ClientSession
  readonly trees: Trees
  readonly log: Log
}

/** What the edit commands work with. */
export interface CommandContext extends EditContext {
  readonly links: Links
}

export type CommandArgs = ReadonlyArray<unknown>

export type Register = (id: string, run: (...args: Array<unknown>) => Promise<unknown>) => vscode.Disposable | number
