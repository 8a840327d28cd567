// Pure: turns whatever a call into the client failed with into words for a person, and classifies
// it for the views (offline, signed out). No vscode import, so it is unit-tested with vitest.
import type { IntercomError } from "@intercom-explorer/http"

/** What the views need to know about a failure. */
export interface FailureInfo {
  /** One sentence for a person, without tokens (IntercomError messages never carry them). */
  readonly message: string
  /** The request never got an answer (Transport): the views show "offline" instead of an error. */
  readonly offline: boolean
  /** 401: the token was rejected; the session flips to signed out. */
  readonly unauthorized: boolean
}

const isIntercomError = (error: unknown): error is IntercomError =>
  typeof error === "object" && error !== null && (error as { _tag?: unknown })._tag === "IntercomError" &&
  typeof (error as { reason?: { _tag?: unknown } }).reason?._tag === "string"

export const reasonOf = (error: unknown): string | undefined => (isIntercomError(error) ? error.reason._tag : undefined)

export const isUnauthorized = (error: unknown): boolean => reasonOf(error) === "Unauthorized"

const isOffline = (error: unknown): boolean => reasonOf(error) === "Transport"

/** The Intercom error code (e.g. `tag_has_dependent_objects`), when the server sent one. */
export const codeOf = (error: unknown): string | undefined => {
  if (!isIntercomError(error)) return undefined
  const reason = error.reason as { readonly code?: unknown }
  return typeof reason.code === "string" ? reason.code : error.code
}

/**
 * A short, specific sentence: what happened, in the user's terms. Intercom's own message is kept
 * where it says something (a refused edit); the request line is left to the log.
 */
export const describeError = (error: unknown): string => {
  if (!isIntercomError(error)) {
    // Scroll wrappers (ScrollAborted, ScrollBusy) and anything unexpected carry a readable message.
    if (error instanceof Error) return error.message
    return String(error)
  }
  const reason = error.reason
  switch (reason._tag) {
    case "Unauthorized":
      return "Intercom rejected the access token. Sign in again."
    case "Forbidden":
      return "The access token is not allowed to do this."
    case "Transport":
      return "Can't reach Intercom. Check your connection."
    case "Timeout":
      return "Intercom did not answer in time."
    case "RateLimited":
      return "Intercom's rate limit was reached. Try again in a few seconds."
    case "InvalidRequest":
      return capitalize(reason.detail)
    case "NotFound":
      return error.intercomMessage !== undefined ? `Not found: ${error.intercomMessage}` : "Not found in Intercom (it may have been deleted)."
    case "BadRequest":
      return error.intercomMessage !== undefined ? `Intercom refused: ${error.intercomMessage}` : `Intercom refused the request (${reason.code}).`
    case "ServerError":
      return "Intercom had a server error. Try again."
    default:
      return capitalize(reason.description)
  }
}

export const classifyFailure = (error: unknown): FailureInfo => ({
  message: describeError(error),
  offline: isOffline(error),
  unauthorized: isUnauthorized(error)
})

const capitalize = (s: string): string => (s.length === 0 ? s : s[0]!.toUpperCase() + s.slice(1))
