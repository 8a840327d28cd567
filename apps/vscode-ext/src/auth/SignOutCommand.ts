import * as vscode from "vscode"
import type { ClientSession } from "../client/ClientSession"
import type { Log } from "../logging/Log"

/** "Intercom: Sign Out": forgets the token and ends the demo; the views show the signed-out welcome. */
export const signOut = async (session: ClientSession, log: Log): Promise<void> => {
  await session.signOut()
  log.debug("Access token deleted from SecretStorage.")
  void vscode.window.showInformationMessage("Signed out of Intercom.")
}
