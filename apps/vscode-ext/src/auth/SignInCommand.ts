import { showServerRefusal } from "../client/showServerRefusal"
import * as vscode from "vscode"
import type { ClientSession } from "../client/ClientSession"
import type { Log } from "../logging/Log"
import { validateToken } from "./validateToken"

/**
 * "Intercom: Sign In": asks for an access token and signs the session in with it (stored in
 * SecretStorage). The token is checked silently in the background (ClientSession); a rejected one
 * brings the signed-out welcome back, saying why, instead of a modal loop.
 */
export const signIn = async (session: ClientSession, log: Log): Promise<boolean> => {
  // A token typed in for a server that would be refused (plain http:// to another machine) could
  // never be used: say so first, instead of asking for it.
  const problem = session.serverProblem()
  if (problem !== undefined) {
    log.warn(`Sign in: ${problem}.`)
    showServerRefusal(`Can't sign in: ${problem}.`)
    return false
  }
  const token = await vscode.window.showInputBox({
    title: "Sign in to Intercom",
    prompt: "Paste an access token of your Intercom app (Developer Hub > your app > Configure > Authentication).",
    placeHolder: "Access token",
    password: true, // never shown on screen or in screen recordings
    ignoreFocusOut: true, // switching windows to copy the token must not cancel the prompt
    validateInput: validateToken
  })
  // Cancelled (Escape); the input box already refused invalid values, this guards programmatic callers.
  if (token === undefined || validateToken(token) !== undefined) {
    log.debug("Sign-in cancelled.")
    return false
  }
  // Awaited so that the welcome content is gone by the time the command's promise resolves.
  await session.useToken(token)
  void vscode.window.showInformationMessage("Signed in to Intercom.")
  return true
}
