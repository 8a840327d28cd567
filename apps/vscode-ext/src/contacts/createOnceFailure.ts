// Pure: what a failed create-once POST (core's Notes.create) means for the person who sent it.
// Core never repeats such a request once Intercom may have acted; it hands the failure on as it is,
// and only the reason tells whether the note may exist (RequestExecutor.ts, "create-once").
import { describeError, reasonOf } from "@intercom-explorer/core"

/**
 * Reasons Intercom gives before acting, or that stop a request before it is sent: nothing was
 * created. Anything else (no answer in time, a lost connection, a 5xx, an answer that did not
 * decode, an interruption) may come after the server stored it.
 */
const REFUSED_BEFORE_ACTING: ReadonlyArray<string> = [
  "Unauthorized",
  "Forbidden",
  "NotFound",
  "BadRequest",
  "RateLimited",
  "InvalidRequest",
  "InsecureBaseUrl"
]

/** Whether the POST may have created what it sent although it failed. */
export const mayHaveBeenCreated = (error: unknown): boolean => {
  const reason = reasonOf(error)
  return reason === undefined || !REFUSED_BEFORE_ACTING.includes(reason)
}

/** The error message after Add Note failed: whether to check before adding it again, and that the text is kept. */
export const noteFailureMessage = (contact: string, error: unknown): string =>
  mayHaveBeenCreated(error)
    ? `The note to ${contact} may have been created: ${describeError(error)}. Check the contact's notes before ` +
      "adding it again (Add Note... starts with your text)."
    : `Couldn't add the note to ${contact}: ${describeError(error)}. Nothing was created; Add Note... starts with your text.`
