import { Schema } from "effect"
import { TagId } from "./Ids.js"
import { UnixSeconds } from "./Timestamps.js"

/** `reference`: who applied a tag (`{type: "admin", id}`); `id` is nullable in the spec. */
export const Reference = Schema.Struct({
  type: Schema.String,
  id: Schema.optionalKey(Schema.NullOr(Schema.String))
})
export type Reference = typeof Reference.Type

/**
 * `tag_basic`: a tag as listed inside a company or returned by POST /tags and
 * GET /tags/{id}. The spec marks nothing required; `id` and `name` are required
 * here because every example has them and a tag without them is unusable.
 */
export const TagBasic = Schema.Struct({
  type: Schema.optionalKey(Schema.Literal("tag")),
  id: TagId,
  name: Schema.String
})
export type TagBasic = typeof TagBasic.Type

/**
 * `tag`. The spec requires `applied_at`/`applied_by`, but its descriptions (and
 * GET /tags) show they only exist on tagging operations, so both are optional.
 */
export const Tag = Schema.Struct({
  type: Schema.Literal("tag"),
  id: TagId,
  name: Schema.String,
  applied_at: Schema.optionalKey(Schema.NullOr(UnixSeconds)),
  applied_by: Schema.optionalKey(Schema.NullOr(Reference))
})
export type Tag = typeof Tag.Type

/** `tag_list`: GET /tags and GET /contacts/{id}/tags. */
export const TagList = Schema.Struct({
  type: Schema.Literal("list"),
  data: Schema.Array(Tag)
})
export type TagList = typeof TagList.Type

/**
 * The nested `{type: "tag.list", tags}` inside a company. SDK fixtures show it
 * without the array, so `tags` is optional (treat missing as empty).
 */
export const CompanyTags = Schema.Struct({
  type: Schema.Literal("tag.list"),
  tags: Schema.optionalKey(Schema.Array(TagBasic))
})
export type CompanyTags = typeof CompanyTags.Type
