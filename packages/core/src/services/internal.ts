import { type HttpMethod, IntercomError, InvalidRequest } from "@intercom-explorer/http"
import { requestValidationMessage } from "@intercom-explorer/models"
import { Effect, Schema } from "effect"

/*
 * Helpers shared by the domain services: URI-encoded paths, request bodies validated before anything
 * is sent, page and page-size checks (the paging itself is Pagination.ts). Internal: not exported from the package.
 */

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

/**
 * Validates a caller's body with the models' request schema (decoding its wire form runs every
 * rule, all reported at once) so that a bad edit fails with the InvalidRequest reason before any request.
 */
export const validateBody = <S extends Schema.Codec<any, any>>(
  schema: S,
  method: HttpMethod,
  requestPath: string,
  value: S["Encoded"]
): Effect.Effect<S["Type"], IntercomError> =>
  Schema.decodeUnknownEffect(schema)(value, { errors: "all" }).pipe(
    Effect.mapError((error) => invalidRequest(method, requestPath, requestValidationMessage(error)))
  ) as Effect.Effect<S["Type"], IntercomError>

/** A positive whole number for the query string, or `describe(value)` as the InvalidRequest detail. */
const positiveWholeNumber = (
  method: HttpMethod,
  requestPath: string,
  value: number,
  describe: (value: number) => string
): Effect.Effect<number, IntercomError> =>
  Number.isSafeInteger(value) && value > 0
    ? Effect.succeed(value)
    : Effect.fail(invalidRequest(method, requestPath, describe(value)))

/** The page size of the page-number listings when the caller gives none (Intercom's own default is 15). */
export const DEFAULT_PAGE_SIZE = 50

/** A page size for the query string: a positive whole number or the default. */
export const perPageOf = (
  method: HttpMethod,
  requestPath: string,
  perPage: number | undefined,
  fallback: number
): Effect.Effect<number, IntercomError> =>
  positiveWholeNumber(method, requestPath, perPage ?? fallback, (value) =>
    `per_page must be a whole number above 0 (got ${value})`)

/** A page number for the query string: a whole number from 1. */
export const pageOf = (
  method: HttpMethod,
  requestPath: string,
  page: number | undefined
): Effect.Effect<number, IntercomError> =>
  positiveWholeNumber(method, requestPath, page ?? 1, (value) => `page must be a whole number from 1 (got ${value})`)

/** Accepts any JSON (or an empty body): for endpoints whose answer carries nothing we use. */
export const Ignored = Schema.Unknown
