// Pure: what is typed into the Add Note box, as the note body Intercom stores (HTML), validated with
// the models' CreateNoteRequest, so the box refuses exactly what the client would.
import { CreateNoteRequest } from "@intercom-explorer/core"
import { type Parsed, parserOf } from "../commands/companyFields"

const escapeHtml = (text: string): string => text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")

/** Line breaks in the box: pasted ones, or `\n` typed (an input box has one line). */
const LINE_BREAK = /\r?\n|\\n/

/**
 * The note's HTML. Text that starts with "<" is HTML already and is sent as typed; other text is
 * escaped, one paragraph per line (blank lines dropped), as Intercom shows notes written in its inbox.
 */
export const noteBodyHtml = (input: string): string => {
  const text = input.trim()
  if (text.startsWith("<")) return text
  return text
    .split(LINE_BREAK)
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join("")
}

const parseRequest = parserOf(CreateNoteRequest)

/** The box's text as a validated note, or the models' sentence (an empty note is refused). */
export const parseNote = (input: string): Parsed<CreateNoteRequest> => parseRequest({ body: noteBodyHtml(input) })

/** `validateInput` of the box: undefined when acceptable, else the sentence to show. */
export const validateNoteInput = (input: string): string | undefined => {
  const parsed = parseNote(input)
  return parsed.ok ? undefined : parsed.message
}
