import { Companies, describeError, type UpdateCompanyRequest } from "@intercom-explorer/core"
import * as vscode from "vscode"
import { type CompanyRow, companyLabel, toCompanyRow } from "../tree/model/CompanyRow"
import type { EditContext } from "./CommandContext"

/**
 * A refused or failed write: the user is told why, once, and nothing changes (the model is only
 * ever updated from a successful answer). Resolves undefined so commands can return it.
 */
export const writeFailed = (ctx: EditContext, what: string, error: unknown): undefined => {
  ctx.log.warn(`${what}:`, error)
  void vscode.window.showErrorMessage(`${what}: ${describeError(error)}`)
  return undefined
}

/** A change the input box should have refused: said, and nothing is sent. */
export const refused = (ctx: EditContext, what: string, message: string): undefined => {
  ctx.log.info(`${what}: refused before sending (${message}).`)
  void vscode.window.showErrorMessage(`${what}: ${message}`)
  return undefined
}

/**
 * PUT /companies/{id} with changes validated where they were typed (companyFields); the row shows
 * "saving…" meanwhile and then the server's answer, in every view that lists it.
 */
export const saveCompany = async (
  ctx: EditContext,
  row: CompanyRow,
  changes: UpdateCompanyRequest,
  what = `Couldn't save ${companyLabel(row)}`
): Promise<CompanyRow | undefined> => {
  try {
    const company = await ctx.trees.withCompanyPending([row.id], "saving…", () =>
      ctx.session.run(Companies.use((c) => c.update(row.id, changes))))
    const updated = toCompanyRow(company)
    ctx.trees.companyChanged(updated)
    return updated
  } catch (error) {
    return writeFailed(ctx, what, error)
  }
}
