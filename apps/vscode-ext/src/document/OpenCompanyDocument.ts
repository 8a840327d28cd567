// "Intercom: Open Company...": the company of the clicked row (a preview tab, as a single click on a
// file opens one), a company id given by another command, or one found with Find Company.
import { describeError } from "@intercom-explorer/core"
import * as vscode from "vscode"
import { companyNodesOf, rowsFor } from "../commands/pickers"
import type { CommandArgs, EditContext } from "../commands/CommandContext"
import { companyLabel } from "../tree/model/CompanyRow"
import { companyDocumentUri, companyIdOfUri } from "./CompanyDocumentUri"

export const openCompanyDocument = async (
  ctx: EditContext,
  args: CommandArgs,
  find: () => Promise<string | undefined>
): Promise<vscode.TextEditor | undefined> => {
  const [node] = companyNodesOf(args.slice(0, 1))
  const id = node?.companyId ?? (typeof args[0] === "string" ? args[0] : await find())
  if (id === undefined) return undefined
  // Already open (perhaps under its old name, before a rename): that document, not a second one.
  const open = vscode.workspace.textDocuments.find((d) => companyIdOfUri(d.uri) === id)
  if (open !== undefined) return vscode.window.showTextDocument(open, { preview: true })
  let label: string
  try {
    label = companyLabel((await rowsFor(ctx, [id]))[0]!)
  } catch (error) {
    ctx.log.warn(`Open Company ${id}:`, error)
    void vscode.window.showErrorMessage(`Couldn't open company ${id}: ${describeError(error)}`)
    return undefined
  }
  return vscode.window.showTextDocument(companyDocumentUri(id, label), { preview: true })
}
