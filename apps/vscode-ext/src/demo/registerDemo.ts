import type { SimulatorOptions } from "@intercom-explorer/simulator"
import * as vscode from "vscode"
import { Commands } from "../contributions"
import type { FeatureDeps } from "../FeatureDeps"
import { guardedCommand } from "../guardedCommand"
import { maybeAutoStartDemo } from "./DemoAutoStart"
import { DemoWorkspace } from "./DemoWorkspace"
import { openDemoWorkspace, stopDemoWorkspace } from "./OpenDemoCommand"

/** Registered only in ExtensionMode.Test (no manifest entry): the running demo simulator, for assertions. */
export const DEMO_SIMULATOR_TEST_COMMAND = "intercom.test.demoSimulator"

/** The demo workspace: its commands, the auto-start of demo folders, and its lifetime. */
export const registerDemo = (context: vscode.ExtensionContext, { session, tokens, log }: FeatureDeps): DemoWorkspace => {
  const demo = new DemoWorkspace(session, log)
  const testMode = context.extensionMode === vscode.ExtensionMode.Test
  // Simulator overrides come from command arguments, which any extension can pass: tests only.
  const open = (overrides?: unknown) => openDemoWorkspace(demo, log, testMode ? (overrides as SimulatorOptions | undefined) : undefined)
  context.subscriptions.push(
    demo,
    guardedCommand(Commands.openDemo, open, log),
    guardedCommand(Commands.stopDemo, () => stopDemoWorkspace(demo, log), log)
  )
  if (testMode) context.subscriptions.push(vscode.commands.registerCommand(DEMO_SIMULATOR_TEST_COMMAND, () => demo.running))
  void maybeAutoStartDemo(tokens, log, () => open()).catch((error: unknown) => log.error("Auto-start of the demo workspace failed:", error))
  return demo
}
