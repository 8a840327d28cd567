// A company document's address: `intercom-company:/<Intercom id>/<name>.jsonc`. The id finds the
// company; the name is the tab's title, and `.jsonc` gives the editor JSON with comments.
import * as vscode from "vscode"
import { COMPANY_DOCUMENT_SCHEME } from "../contributions"

export const companyDocumentUri = (companyId: string, label: string): vscode.Uri =>
  vscode.Uri.from({
    scheme: COMPANY_DOCUMENT_SCHEME,
    // Slashes and control characters would split or break the path; the name is only the title.
    path: `/${encodeURIComponent(companyId)}/${label.replace(/[/\\\u0000-\u001f]/g, "_").slice(0, 80) || companyId}.jsonc`
  })

/** The company id of a document's address, or undefined when it is not one. */
export const companyIdOfUri = (uri: vscode.Uri): string | undefined => {
  if (uri.scheme !== COMPANY_DOCUMENT_SCHEME) return undefined
  const segment = uri.path.split("/")[1]
  return segment === undefined || segment === "" ? undefined : decodeURIComponent(segment)
}
