import { type HttpMethod, IntercomError, InvalidRequest } from "@intercom-explorer/http"
import { type CursorPages, type PagesLink, requestValidationMessage } from "@intercom-explorer/models"
import { Effect, Option, Schema, Stream } from "effect"

/*
 * Helpers shared by the domain services: URI-encoded paths, request bodies validated before anything
 * is sent, and page-number pagination as a Stream. Internal: not exported from the package.
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

/** One page of a page-number listing, normalised. */
export interface Page<A> {
  readonly items: ReadonlyArray<A>
  readonly pages?: CursorPages | PagesLink | null | undefined
}

/**
 * Whether a page-number listing has more: trusts `page < total_pages` when the server sent the
 * counts, then a non-null `next`, and otherwise assumes a full page means more may follow.
 */
export const hasMorePages = (
  requestedPage: number,
  perPage: number,
  received: number,
  pages: CursorPages | PagesLink | null | undefined
): boolean => {
  if (received === 0) return false
  if (pages !== null && pages !== undefined) {
    if (pages.total_pages !== undefined) return (pages.page ?? requestedPage) < pages.total_pages
    if (pages.next !== undefined && pages.next !== null) return true
  }
  return received >= perPage
}

/**
 * A Stream over a page-number listing (`page=1,2,...`). Stops at the last page, on an empty page,
 * or once `maxItems` (e.g. the 10,000 cap of POST /companies/list) have been delivered. Counting
 * what was delivered, not pages times the requested size, stays right when the server clamps
 * `per_page`.
 */
export const pageNumberStream = <A>(
  perPage: number,
  fetchPage: (page: number) => Effect.Effect<Page<A>, IntercomError>,
  maxItems?: number
): Stream.Stream<A, IntercomError> =>
  Stream.paginate({ page: 1, delivered: 0 }, ({ delivered, page }) =>
    Effect.map(fetchPage(page), (result) => {
      const total = delivered + result.items.length
      const items = maxItems !== undefined && total > maxItems
        ? result.items.slice(0, maxItems - delivered)
        : result.items
      const more = hasMorePages(page, result.pages?.per_page ?? perPage, result.items.length, result.pages) &&
        (maxItems === undefined || total < maxItems)
      return [items, more ? Option.some({ page: page + 1, delivered: total }) : Option.none()] as const
    }))

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
