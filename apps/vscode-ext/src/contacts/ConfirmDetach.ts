import * as vscode from "vscode"
import type { GivenContact } from "./DocumentArgs"

/** The modal confirmation of a detach asked for from the document (a click on a lens is easily made). */
export const confirmDetach = async (contact: GivenContact, company: string): Promise<boolean> =>
  (await vscode.window.showWarningMessage(
    `Detach ${contact.label} from ${company}?`,
    { modal: true, detail: "The contact stays in Intercom; only its link to this company is removed." },
    "Detach"
  )) === "Detach"
