import { type HttpMethod, IntercomError, InvalidResponse } from "@intercom-explorer/http"
import type { CursorPages, PagesLink } from "@intercom-explorer/models"
import { Effect, Option, Stream } from "effect"

/*
 * Page-number pagination (`page=1,2,...`) as a Stream: the one paginator of the page-number listings
 * (companies list and filters, a contact's companies, notes). It trusts the server's word about more
 * pages only while the server moves on: a server that keeps announcing more without moving on (a mock
 * that ignores `page`, a proxy that caches one answer) would otherwise be paged forever.
 */

/** One page of a page-number listing, normalised. */
export interface Page<A> {
  readonly items: ReadonlyArray<A>
  readonly pages?: CursorPages | PagesLink | null | undefined
}

/** The listing a stream pages through, for its errors. */
export interface PagedRequest {
  readonly method: HttpMethod
  /** The request's path, as the listing's other errors name it. */
  readonly path: string
  readonly perPage: number
  /** Stop, without error, once this many items were delivered (POST /companies/list stops at 10,000). */
  readonly maxItems?: number
}

/** No page-number listing of Intercom's is documented past 10,000 items, i.e. 10,000 pages of one. */
export const MAX_PAGES = 10_000

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

/** The id an item is known by, when it has one (every listed Intercom object does). */
const idOf = (item: unknown): string | undefined => {
  const id = typeof item === "object" && item !== null ? (item as { readonly id?: unknown }).id : undefined
  return typeof id === "string" || typeof id === "number" ? String(id) : undefined
}

/** Why page `page` is no progress after `previous` (the ids of the page before), if it is none. */
export const stalledPage = (
  page: number,
  result: Page<unknown>,
  previous: ReadonlySet<string> | undefined
): string | undefined => {
  const answered = result.pages?.page
  if (typeof answered === "number" && answered !== page) {
    return `asked for page ${page}, the server answered page ${answered} and still announced more pages`
  }
  if (previous !== undefined && previous.size > 0 && result.items.length > 0) {
    const ids = result.items.map(idOf)
    if (ids.every((id) => id !== undefined && previous.has(id))) {
      return `page ${page} repeats page ${page - 1} while announcing more pages`
    }
  }
  if (page > MAX_PAGES) return `more than ${MAX_PAGES.toLocaleString("en-US")} pages announced`
  return undefined
}

interface Cursor {
  readonly page: number
  readonly delivered: number
  readonly previousIds: ReadonlySet<string> | undefined
}

/**
 * A Stream over a page-number listing. Stops at the last page, on an empty page, or once `maxItems`
 * have been delivered. Counting what was delivered, not pages times the requested size, stays right
 * when the server clamps `per_page`. Fails with the InvalidResponse reason (not retried) when the
 * server announces more pages without moving on (`stalledPage`).
 */
export const pageNumberStream = <A>(
  request: PagedRequest,
  fetchPage: (page: number) => Effect.Effect<Page<A>, IntercomError>
): Stream.Stream<A, IntercomError> => {
  const { maxItems, perPage } = request
  return Stream.paginate<Cursor, A, IntercomError, never>(
    { page: 1, delivered: 0, previousIds: undefined },
    ({ delivered, page, previousIds }) =>
      Effect.flatMap(fetchPage(page), (result) => {
        const total = delivered + result.items.length
        const items = maxItems !== undefined && total > maxItems
          ? result.items.slice(0, maxItems - delivered)
          : result.items
        const more = hasMorePages(page, result.pages?.per_page ?? perPage, result.items.length, result.pages) &&
          (maxItems === undefined || total < maxItems)
        if (!more) return Effect.succeed([items, Option.none<Cursor>()] as const)
        const stalled = stalledPage(page, result, previousIds)
        if (stalled !== undefined) {
          return Effect.fail(
            new IntercomError({
              reason: new InvalidResponse({ detail: `paging stopped: ${stalled}`, malformed: false }),
              method: request.method,
              path: request.path
            })
          )
        }
        const ids = new Set(result.items.flatMap((item) => idOf(item) ?? []))
        return Effect.succeed([items, Option.some({ page: page + 1, delivered: total, previousIds: ids })] as const)
      })
  )
}
