import * as vscode from "vscode"
import type { Log } from "./logging/Log"

/**
 * Registers a command whose failure is logged (redacted) and shown once, instead of VS Code's
 * generic "command resulted in an error" with nothing in our log. Every command of the extension
 * goes through here.
 */
export const guardedCommand = (id: string, run: (...args: Array<any>) => Promise<unknown>, log: Log): vscode.Disposable =>
  vscode.commands.registerCommand(id, async (...args: Array<unknown>) => {
    try {
      return await run(...args)
    } catch (error) {
      log.error(`Command ${id} failed:`, error)
      void vscode.window.showErrorMessage(`Intercom: ${error instanceof Error ? error.message : String(error)}`)
      return undefined
    }
  })
