import { type HttpMethod, IntercomError, InvalidRequest } from "@intercom-explorer/http"
import { Effect } from "effect"

// How the services build a request's path and refuse what they cannot send (nothing goes out).

/**
 * A path whose interpolated segments are URI-encoded:
 * `path\`/contacts/${contactId}/companies/${companyId}\``. An id can never escape its segment
 * (`a/b` becomes `a%2Fb`, `..` stays a literal segment value).
 */
export const path = (strings: TemplateStringsArray, ...segments: ReadonlyArray<string>): string => {
  let out = strings[0] ?? ""
  for (let i = 0; i < segments.length; i++) {
    out += encodeURIComponent(segments[i] ?? "") + (strings[i + 1] ?? "")
  }
  return out
}

/** An `IntercomError` with the InvalidRequest reason: nothing was sent. */
export const invalidRequest = (method: HttpMethod, requestPath: string, detail: string): IntercomError =>
  new IntercomError({ reason: new InvalidRequest({ detail }), method, path: requestPath })

/** A path id must be a non-blank string; anything else is refused before a request is made. */
export const requireId = (
  method: HttpMethod,
  requestPath: string,
  what: string,
  id: string
): Effect.Effect<string, IntercomError> =>
  typeof id === "string" && id.trim().length > 0
    ? Effect.succeed(id)
    : Effect.fail(invalidRequest(method, requestPath, `${what} must not be empty`))
