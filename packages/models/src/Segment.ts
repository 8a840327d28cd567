import { Schema } from "effect"
import { SegmentId } from "./Ids.js"
import { UnixSeconds } from "./Timestamps.js"

/** `segment`. `updated_at` is not required by the spec; `count` is only sent with include_count and may be null. */
export const Segment = Schema.Struct({
  type: Schema.Literal("segment"),
  id: SegmentId,
  name: Schema.String,
  created_at: UnixSeconds,
  updated_at: Schema.optionalKey(UnixSeconds),
  person_type: Schema.Literals(["contact", "user"]),
  count: Schema.optionalKey(Schema.NullOr(Schema.Int))
})
export type Segment = typeof Segment.Type

/**
 * `segment_list`: GET /segments still uses the pre-2.0 envelope
 * (`type: "segment.list"` + `segments`, not `list` + `data`).
 * `pages` is an untyped object in the spec.
 */
export const SegmentList = Schema.Struct({
  type: Schema.Literal("segment.list"),
  segments: Schema.Array(Segment),
  pages: Schema.optionalKey(Schema.NullOr(Schema.Record(Schema.String, Schema.Json)))
})
export type SegmentList = typeof SegmentList.Type

/** `contact_segments`: GET /contacts/{id}/segments. */
export const ContactSegments = Schema.Struct({
  type: Schema.Literal("list"),
  data: Schema.Array(Segment)
})
export type ContactSegments = typeof ContactSegments.Type

/**
 * `company_attached_segments`: GET /companies/{id}/segments. The spec lists
 * `total_count` as required but never defines or sends it, so it is optional.
 */
export const CompanyAttachedSegments = Schema.Struct({
  type: Schema.Literal("list"),
  data: Schema.Array(Segment),
  total_count: Schema.optionalKey(Schema.Int)
})
export type CompanyAttachedSegments = typeof CompanyAttachedSegments.Type

/** The nested `{type: "segment.list", segments}` inside a company; the array may be absent. */
export const CompanySegments = Schema.Struct({
  type: Schema.Literal("segment.list"),
  segments: Schema.optionalKey(Schema.Array(Segment))
})
export type CompanySegments = typeof CompanySegments.Type
