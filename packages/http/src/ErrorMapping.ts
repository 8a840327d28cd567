import { ErrorList } from "@intercom-explorer/models"
import { Schema } from "effect"
import {
  BadRequest,
  Forbidden,
  type IntercomErrorReason,
  NotFound,
  RateLimited,
  ScrollExists,
  ScrollExpired,
  ServerError,
  Unauthorized
} from "./IntercomError.js"
import type { RateLimitSnapshot } from "./RateLimitState.js"

/** What Intercom's `error.list` body said, when there was one we could read. */
export interface IntercomErrorDetails {
  readonly code?: string
  readonly message?: string
  readonly field?: string
  readonly requestId?: string
}

const decodeErrorList = Schema.decodeUnknownOption(ErrorList)

/** Reads the first error of an `error.list` body; anything else yields no details (never the raw body). */
export const readErrorDetails = (body: unknown): IntercomErrorDetails => {
  const decoded = decodeErrorList(body)
  if (decoded._tag === "None") return {}
  const list = decoded.value
  const first = list.errors[0]
  return {
    ...(first?.code ? { code: first.code } : {}),
    ...(first?.message ? { message: first.message } : {}),
    ...(first?.field ? { field: first.field } : {}),
    ...(list.request_id ? { requestId: list.request_id } : {})
  }
}

/**
 * A redirect is never followed (the token would travel along to wherever it points): the API root is
 * wrong, e.g. http:// instead of https:// or a web-app URL. It becomes a `BadRequest` with code
 * `redirect` that says where it pointed.
 */
export const redirectDetails = (location: string | undefined): IntercomErrorDetails => ({
  code: "redirect",
  message: `the API answered with a redirect${location ? ` to ${location}` : ""}; check the region or base URL`
})

const isScrollPath = (path: string) => /\/scroll\/?$/.test(path)

/** Intercom's documented mid-scroll 500: "... Please restart the scroll operation." */
const asksToRestartScroll = (message: string | undefined) => message !== undefined && /restart the scroll/i.test(message)

/** Maps a non-2xx answer to the reason a caller matches on, by status first and Intercom's code second. */
export const reasonForStatus = (
  status: number,
  path: string,
  details: IntercomErrorDetails,
  rateLimit: RateLimitSnapshot | undefined
): IntercomErrorReason => {
  const code = details.code
  if (status === 401) return new Unauthorized()
  if (status === 403) return new Forbidden()
  if (status === 429 || code === "rate_limit_exceeded") {
    return new RateLimited({
      ...(rateLimit ? { resetAtMillis: rateLimit.resetAtMillis, limit: rateLimit.limit } : {})
    })
  }
  if (code === "scroll_exists") return new ScrollExists()
  if (status === 404) {
    // An expired scroll_param is a plain 404 `not_found` ("scroll parameter not found") on the scroll path.
    if (isScrollPath(path)) return new ScrollExpired()
    return new NotFound({ code: code ?? "not_found" })
  }
  if (status >= 500) {
    return new ServerError({ status, restartScroll: asksToRestartScroll(details.message) })
  }
  return new BadRequest({ code: code ?? `http_${status}`, status, ...(details.field ? { field: details.field } : {}) })
}
