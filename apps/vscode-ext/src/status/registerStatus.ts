import * as vscode from "vscode"
import { Commands } from "../contributions"
import type { FeatureDeps } from "../FeatureDeps"
import { RateLimitStatusBar } from "./RateLimitStatusBar"

/** Registered only in ExtensionMode.Test (no manifest entry): what the rate-limit item shows. */
export const RATE_LIMIT_STATUS_TEST_COMMAND = "intercom.test.rateLimitStatus"

/** The rate-limit status-bar item; clicking it shows the log, where the paced requests are. */
export const registerStatus = (context: vscode.ExtensionContext, { session, log }: FeatureDeps): void => {
  const statusBar = new RateLimitStatusBar(session, log, Commands.showLogs)
  context.subscriptions.push(statusBar)
  if (context.extensionMode === vscode.ExtensionMode.Test) {
    context.subscriptions.push(vscode.commands.registerCommand(RATE_LIMIT_STATUS_TEST_COMMAND, () => statusBar.state))
  }
}
