import { pagesWire } from "../wire/pages.js"
import { intQuery, type RequestContext } from "./RequestContext.js"

// Page-number pagination as Intercom's company, note and contact-company lists do it: `page`
// (1-based) and `per_page` query parameters, answered with a `pages` object whose `next` is a
// URL to the following page, or null on the last one.

/** The largest per_page honoured; the only maximum Intercom documents for 2.x lists is 150. */
const MAX_PER_PAGE = 150

interface PageRequest {
  readonly page: number
  readonly perPage: number
}

export const pageRequest = (ctx: RequestContext, defaultPerPage: number): PageRequest => {
  const page = Math.max(1, intQuery(ctx, "page") ?? 1)
  const perPage = Math.min(MAX_PER_PAGE, Math.max(1, intQuery(ctx, "per_page") ?? defaultPerPage))
  return { page, perPage }
}

interface Page<T> {
  readonly items: ReadonlyArray<T>
  readonly pages: ReturnType<typeof pagesWire>
}

/**
 * Slices one page out of `items`. `total` can be smaller than `items.length` when a cap applies
 * (companies/list stops at 10,000).
 */
export const paginate = <T>(
  ctx: RequestContext,
  items: ReadonlyArray<T>,
  request: PageRequest,
  total: number = items.length
): Page<T> => {
  const totalPages = Math.ceil(total / request.perPage)
  const start = (request.page - 1) * request.perPage
  const end = Math.min(start + request.perPage, total)
  const slice = start < end ? items.slice(start, end) : []
  let next: string | null = null
  if (request.page < totalPages) {
    const query = new URLSearchParams(ctx.query)
    query.set("page", String(request.page + 1))
    query.set("per_page", String(request.perPage))
    next = `${ctx.baseUrl}${ctx.path}?${query.toString()}`
  }
  return { items: slice, pages: pagesWire(request.page, request.perPage, totalPages, next) }
}
