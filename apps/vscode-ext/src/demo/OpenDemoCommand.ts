import type { SimulatorOptions } from "@intercom-explorer/simulator"
import * as vscode from "vscode"
import { VIEW_CONTAINER_ID } from "../contributions"
import type { Log } from "../logging/Log"
import type { DemoWorkspace } from "./DemoWorkspace"

/**
 * "Intercom: Open Demo Workspace" (also the button of the signed-out welcome): starts the demo
 * simulator, points the extension at it and shows the Intercom views. Resolves with the server URL.
 * `overrides` (simulator options) are honoured only under the integration tests and the bench.
 */
export const openDemoWorkspace = async (
  demo: DemoWorkspace,
  log: Log,
  overrides: SimulatorOptions | undefined
): Promise<string> => {
  const simulator = await demo.start(overrides)
  await vscode.commands.executeCommand(`workbench.view.extension.${VIEW_CONTAINER_ID}`)
  log.info("Open Demo Workspace: the views now show the demo companies.")
  void vscode.window
    .showInformationMessage(
      `Intercom demo workspace: ${simulator.options.companies} sample companies served by a local simulator. Nothing is sent to Intercom.`,
      "Stop Demo"
    )
    .then((choice) => (choice === "Stop Demo" ? demo.stop() : undefined))
  return simulator.url
}

/** "Intercom: Stop Demo Workspace": back to the stored token (or signed out), simulator stopped. */
export const stopDemoWorkspace = async (demo: DemoWorkspace, log: Log): Promise<boolean> => {
  const stopped = await demo.stop()
  if (!stopped) log.info("Stop Demo Workspace: the demo workspace was not running.")
  return stopped
}

