import type { IntercomError, IntercomErrorReason } from "@intercom-explorer/http"

/*
 * The one wording of failures for people: the CLI's error line, the extension's notifications and
 * log, the Promise facade's `message`. Plain TypeScript that reads errors by their tags (no effect, no
 * `instanceof`), so the extension's activation bundle can use it through `@intercom-explorer/core/connection`.
 * Token-free: it quotes only what the HTTP layer already redacted, never a request header.
 */

/** What the caller knows that the error does not. */
export interface DescribeErrorOptions {
  /**
   * What the person can do about a rejected token, added to the 401 sentence, e.g. "sign in again"
   * or "check INTERCOM_TOKEN, --token-file or --token".
   */
  readonly whenUnauthorized?: string | undefined
  /** The API root the client talks to, named when Intercom cannot be reached. */
  readonly target?: string | undefined
}

/** Whether `u` is an `IntercomError` (by its tag, so it holds across copies of the package). */
export const isIntercomError = (u: unknown): u is IntercomError =>
  typeof u === "object" && u !== null && (u as { readonly _tag?: unknown })._tag === "IntercomError" &&
  typeof (u as { readonly reason?: { readonly _tag?: unknown } }).reason?._tag === "string"

/** The reason's tag of an `IntercomError` (`Unauthorized`, `Transport`, ...), or `undefined` for anything else. */
export const reasonOf = (error: unknown): IntercomErrorReason["_tag"] | undefined =>
  isIntercomError(error) ? error.reason._tag : undefined

const reasonsWithoutRequest: ReadonlyArray<string> = ["InsecureBaseUrl", "Closed"]
const isReason = (u: unknown): u is IntercomErrorReason =>
  typeof u === "object" && u !== null && reasonsWithoutRequest.includes((u as { readonly _tag?: unknown })._tag as string)

const where = (error: IntercomError) => `${error.method} ${error.path}`
const requestId = (error: IntercomError) => (error.requestId === undefined ? "" : `, request_id ${error.requestId}`)
const said = (error: IntercomError) => (error.intercomMessage === undefined ? "" : `: ${error.intercomMessage}`)

const describeIntercomError = (error: IntercomError, options: DescribeErrorOptions): string => {
  const reason = error.reason
  switch (reason._tag) {
    case "Unauthorized":
      return `Intercom rejected the access token (401)` +
        (options.whenUnauthorized === undefined ? "" : ` — ${options.whenUnauthorized}`)
    case "Forbidden":
      return `Intercom refused ${where(error)} for this access token (403) — the token lacks the permission` +
        requestId(error)
    case "NotFound":
      return `not found (404 ${reason.code}): ${where(error)}${said(error)}${requestId(error)}`
    case "BadRequest": {
      const field = reason.field === undefined ? "" : `, field ${reason.field}`
      const status = error.status === undefined ? "" : `${error.status} `
      return `Intercom refused ${where(error)} (${status}${reason.code}${field})${said(error)}${requestId(error)}`
    }
    case "RateLimited":
      return `Intercom's rate limit was exceeded (429) on ${where(error)}: ${reason.description} — try again shortly`
    case "ScrollExists":
      return "another export or scroll of this workspace's companies is running (scroll_exists); Intercom allows " +
        "one at a time — try again in a minute"
    case "ScrollExpired":
      return `the company scroll expired (unused for over a minute) and must be started again (${where(error)})`
    case "ServerError":
      return `${reason.description} on ${where(error)}${requestId(error)} — try again`
    case "Timeout":
      return `Intercom did not answer ${where(error)} within ${reason.timeoutMillis} ms`
    case "Transport": {
      const at = options.target === undefined ? "" : ` at ${options.target}`
      return `cannot reach Intercom${at}: ${reason.detail} (${where(error)}) — check the connection`
    }
    case "InvalidResponse":
      return `unexpected response from Intercom to ${where(error)}: ${reason.detail}${requestId(error)}`
    case "InvalidRequest":
    case "InsecureBaseUrl":
      // Nothing was sent; the detail says what to change.
      return reason.detail
    case "ScrollAborted":
      return `the company scroll was abandoned after ${reason.restarts} restarts: ` +
        describeIntercomError(reason.lastError, options)
    case "ScrollBusy":
    case "Closed":
      return reason.description
  }
}

/**
 * One line for a person about any failure of a call into core: what happened, in the user's terms,
 * with the request (method and path), Intercom's own message and its request_id where they help.
 * Starts lowercase unless it starts with a name ("Intercom ..."); no final period.
 */
export const describeError = (error: unknown, options: DescribeErrorOptions = {}): string => {
  if (isIntercomError(error)) return describeIntercomError(error, options)
  // A reason raised before any request: the facade's `InsecureBaseUrl` and `Closed`.
  if (isReason(error)) return describeIntercomError({ reason: error, method: "", path: "" } as IntercomError, options)
  if (error instanceof Error) return error.message
  return String(error)
}
