import * as vscode from "vscode"
import { ContextKeys } from "../contributions"
import type { Log } from "../logging/Log"
import type { TokenStore } from "./TokenStore"

/**
 * Keeps the `intercom.signedIn` context key equal to "a token is stored". package.json's `when`
 * clauses read it: the signed-out welcome content of the views and the availability of Sign Out.
 * The key is derived from SecretStorage on every change instead of being set by the commands, so
 * that it is also right after a sign-in in another window or a failed store.
 */
export class SignedInContext implements vscode.Disposable {
  private current = false
  private readonly subscription: vscode.Disposable
  private pending: Promise<void> = Promise.resolve()

  constructor(
    private readonly tokens: TokenStore,
    private readonly log: Log
  ) {
    this.subscription = tokens.onDidChange(() => void this.refresh())
  }

  /** The value last written to the context key. */
  get signedIn(): boolean {
    return this.current
  }

  /**
   * Re-reads the token and updates the context key. Calls are serialized, so the key always ends at
   * the state of the last read even when change events arrive in a burst.
   */
  refresh(): Promise<void> {
    this.pending = this.pending.then(async () => {
      const signedIn = (await this.tokens.read()) !== undefined
      if (signedIn !== this.current) this.log.info(signedIn ? "Signed in." : "Signed out.")
      this.current = signedIn
      await vscode.commands.executeCommand("setContext", ContextKeys.signedIn, signedIn)
    }).catch((error: unknown) => {
      this.log.error("Could not read the sign-in state from SecretStorage:", error)
    })
    return this.pending
  }

  dispose(): void {
    this.subscription.dispose()
  }
}
