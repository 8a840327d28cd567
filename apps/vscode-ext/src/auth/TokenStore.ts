import * as vscode from "vscode"
import type { Log } from "../logging/Log"

/** The SecretStorage key. Changing it signs every user out, so it is versioned rather than renamed. */
const TOKEN_KEY = "intercom.accessToken.v1"

/**
 * The Intercom access token, kept in VS Code's SecretStorage (the OS keychain on desktop, the
 * browser's protected storage in VS Code for the Web) and nowhere else: never in settings, which sync
 * and sit in plain JSON, and never in the log, so every token read or written here is registered with
 * the Log's redaction.
 */
export class TokenStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>()
  /** Fires after the token was stored or deleted, from this window or another one. */
  readonly onDidChange = this.changed.event
  private readonly subscription: vscode.Disposable

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly log: Log
  ) {
    // SecretStorage is shared by every window of the same user; listening here keeps this window's
    // signed-in state right when the user signs in or out in another window.
    this.subscription = secrets.onDidChange((e) => {
      if (e.key === TOKEN_KEY) this.changed.fire()
    })
  }

  async read(): Promise<string | undefined> {
    const token = await this.secrets.get(TOKEN_KEY)
    if (token !== undefined) this.log.addSecret(token)
    return token
  }

  async store(token: string): Promise<void> {
    this.log.addSecret(token)
    await this.secrets.store(TOKEN_KEY, token)
  }

  async delete(): Promise<void> {
    // The old token stays registered with the Log: a request still in flight may fail and echo it.
    await this.secrets.delete(TOKEN_KEY)
  }

  dispose(): void {
    this.subscription.dispose()
    this.changed.dispose()
  }
}
