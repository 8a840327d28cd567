import * as vscode from "vscode"
import type { Log } from "../logging/Log"
import type { SignedInContext } from "./SignedInContext"
import type { TokenStore } from "./TokenStore"
import { validateToken } from "./validateToken"

/**
 * "Intercom: Sign In": asks for an access token and stores it in SecretStorage. The token is not
 * checked against the API here: that is the client's job (packages/core), and an invalid token then
 * shows up as an error row in the views, with the token redacted from the log.
 */
export const signIn = async (tokens: TokenStore, signedIn: SignedInContext, log: Log): Promise<boolean> => {
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
  await tokens.store(token)
  // Awaited so that the welcome content is gone by the time the command's promise resolves.
  await signedIn.refresh()
  void vscode.window.showInformationMessage("Signed in to Intercom.")
  return true
}
