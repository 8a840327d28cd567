import { Schema } from "effect"

/** One entry of an Intercom error body; only `code` is guaranteed. */
export const ErrorItem = Schema.Struct({
  code: Schema.String,
  // The spec marks both nullable; some errors omit them entirely.
  message: Schema.optionalKey(Schema.NullOr(Schema.String)),
  field: Schema.optionalKey(Schema.NullOr(Schema.String))
})
export type ErrorItem = typeof ErrorItem.Type

/**
 * The `error` component: the body of every non-2xx response.
 * `type` is "error.list" in 2.x; the bare "error" is tolerated because older
 * responses and some gateways use it. `request_id` is kept (never lost) and may
 * be null (POST /companies 400 example) or absent (scroll_exists reports).
 */
export const ErrorList = Schema.Struct({
  type: Schema.Literals(["error.list", "error"]),
  request_id: Schema.optionalKey(Schema.NullOr(Schema.String)),
  errors: Schema.Array(ErrorItem)
})
export type ErrorList = typeof ErrorList.Type
