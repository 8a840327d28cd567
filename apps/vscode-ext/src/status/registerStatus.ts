import * as vscode from "vscode"
import { Commands } from "../contributions"
import type { FeatureDeps } from "../FeatureDeps"
import { engine } from "../lazy"
import type { RateLimitStatusBar } from "./RateLimitStatusBar"

/** Registered only in ExtensionMode.Test (no manifest entry): what the rate-limit item shows. */
export const RATE_LIMIT_STATUS_TEST_COMMAND = "intercom.test.rateLimitStatus"

/**
 * The rate-limit status-bar item; clicking it shows the log, where the paced requests are. It is
 * made when something first runs on a client (there is no budget to show before, and activation
 * loads no engine), and from then on follows the session itself.
 */
export const registerStatus = (context: vscode.ExtensionContext, { session, log }: FeatureDeps): void => {
  let statusBar: RateLimitStatusBar | undefined
  const follow = (): void => {
    if (statusBar !== undefined || !session.running) return
    statusBar = new (engine().rateLimitStatusBar.RateLimitStatusBar)(session, log, Commands.showLogs)
    context.subscriptions.push(statusBar)
    waiting.dispose()
  }
  const waiting = session.onDidStartRunning(follow)
  context.subscriptions.push(waiting)
  follow()
  if (context.extensionMode === vscode.ExtensionMode.Test) {
    const hidden = { visible: false, text: "", tooltip: "" }
    context.subscriptions.push(vscode.commands.registerCommand(RATE_LIMIT_STATUS_TEST_COMMAND, () => statusBar?.state ?? hidden))
  }
}
