import * as vscode from "vscode"
import type { Log } from "../logging/Log"
import type { SignedInContext } from "./SignedInContext"
import type { TokenStore } from "./TokenStore"

/** "Intercom: Sign Out": forgets the token; the views fall back to the signed-out welcome content. */
export const signOut = async (tokens: TokenStore, signedIn: SignedInContext, log: Log): Promise<void> => {
  await tokens.delete()
  await signedIn.refresh()
  log.debug("Access token deleted from SecretStorage.")
  void vscode.window.showInformationMessage("Signed out of Intercom.")
}
