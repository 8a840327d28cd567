import type { CursorPages } from "@intercom-explorer/models"
import type { Sent } from "./Sent.js"

/** The `pages` object of page-number lists. `next` is a URL, or null on the last page. */
export const pagesWire = (page: number, perPage: number, totalPages: number, next: string | null) =>
  ({
    type: "pages",
    next,
    page,
    per_page: perPage,
    total_pages: totalPages
  }) satisfies Sent<typeof CursorPages.Encoded>
