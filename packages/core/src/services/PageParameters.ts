import type { HttpMethod, IntercomError } from "@intercom-explorer/http"
import { Effect } from "effect"
import { invalidRequest } from "../requests/RequestPath.js"

// The page and page-size arguments of the page-number listings, checked before a request (the paging
// itself is Pagination.ts).

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
