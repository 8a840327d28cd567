import * as vscode from "vscode"
import type { ClientSession } from "../client/ClientSession"
import type { Log } from "../logging/Log"
import type { ReplicaSession } from "../replica/ReplicaSession"

/**
 * "Intercom: Sign Out": forgets the token and ends the demo; the views show the signed-out welcome.
 * When a local copy of companies is on disk, the message offers to delete it too.
 */
export const signOut = async (session: ClientSession, log: Log, replica: ReplicaSession): Promise<void> => {
  await session.signOut()
  log.debug("Access token deleted from SecretStorage.")
  if (!replica.hasLocalData()) {
    void vscode.window.showInformationMessage("Signed out of Intercom.")
    return
  }
  void vscode.window.showInformationMessage("Signed out of Intercom. Delete the local copy of its companies too?", "Delete Local Data").then((answer) => {
    if (answer === "Delete Local Data") replica.deleteLocalData()
  })
}
