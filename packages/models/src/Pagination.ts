import { Schema } from "effect"

/** `starting_after_paging`: the object form of `pages.next` used by cursor endpoints. */
export const StartingAfterPaging = Schema.Struct({
  per_page: Schema.Int,
  starting_after: Schema.optionalKey(Schema.NullOr(Schema.String))
})
export type StartingAfterPaging = typeof StartingAfterPaging.Type

/**
 * `pages.next` in every shape seen: a URL string (`pages_link`), a cursor object
 * (`starting_after_paging`), or null. Absence is handled by the optional key.
 */
export const PagesNext = Schema.NullOr(Schema.Union([Schema.String, StartingAfterPaging]))
export type PagesNext = typeof PagesNext.Type

/**
 * `type` of a pages object: "pages" on the wire; "offset_pages" is what Intercom's
 * Fern overrides and SDK fixtures use for the same page-number object.
 */
const PagesType = Schema.Literals(["pages", "offset_pages"])

/**
 * `cursor_pages`. Despite the name, companies, notes and attached contacts are
 * paged by page number. Every field but `type` may be missing, and `next` may be
 * null even though OAS 3.0 ignores the `nullable` next to its `$ref`.
 */
export const CursorPages = Schema.Struct({
  type: PagesType,
  page: Schema.optionalKey(Schema.Int),
  next: Schema.optionalKey(PagesNext),
  per_page: Schema.optionalKey(Schema.Int),
  total_pages: Schema.optionalKey(Schema.Int)
})
export type CursorPages = typeof CursorPages.Type

/** `pages_link` (contact companies): page numbers required, `next` a URL or null. */
export const PagesLink = Schema.Struct({
  type: PagesType,
  page: Schema.Int,
  next: Schema.optionalKey(PagesNext),
  per_page: Schema.Int,
  total_pages: Schema.Int
})
export type PagesLink = typeof PagesLink.Type
