// Pure: the arguments the company document passes to the contact commands (its CodeLenses): ids as
// text, and the contact's name for prompts, so that no request is needed to name it.
import type { CommandArgs } from "../commands/CommandContext"

/** A non-blank text argument, trimmed. */
export const textArg = (value: unknown): string | undefined =>
  typeof value === "string" && value.trim() !== "" ? value.trim() : undefined

export interface GivenContact {
  readonly id: string
  readonly label: string
}

/** The contact in `(companyId, contactId, contactLabel?)`, when the document gave one. */
export const documentContact = (args: CommandArgs): GivenContact | undefined => {
  const id = textArg(args[0]) === undefined ? undefined : textArg(args[1])
  return id === undefined ? undefined : { id, label: textArg(args[2]) ?? `contact ${id}` }
}
