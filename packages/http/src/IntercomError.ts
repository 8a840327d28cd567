import { Schema } from "effect"

/*
 * One public error, `IntercomError`, whose `reason` is a tagged union a caller can match on
 * (`Effect.catchReason("IntercomError", "RateLimited", ...)`). Every reason knows whether a retry
 * can help; the request context (method, path, status, Intercom code, request_id) lives on the
 * outer error so that no reason has to repeat it.
 */

/** 401: the access token is missing, wrong or revoked. */
export class Unauthorized extends Schema.TaggedError<Unauthorized>()("Unauthorized", {}) {
  get isRetryable() {
    return false
  }
  get description() {
    return "Intercom rejected the access token (it is missing, wrong or revoked)"
  }
}

/** 403: the token is valid but may not do this (scopes, API plan). */
export class Forbidden extends Schema.TaggedError<Forbidden>()("Forbidden", {}) {
  get isRetryable() {
    return false
  }
  get description() {
    return "the access token is not allowed to do this"
  }
}

/** 404 with Intercom's code (`not_found`, `company_not_found`, `tag_not_found`, ...). */
export class NotFound extends Schema.TaggedError<NotFound>()("NotFound", {
  code: Schema.String
}) {
  get isRetryable() {
    return false
  }
  get description() {
    return `not found (${this.code})`
  }
}

/**
 * 400/408/409/422 and other 4xx: the request was refused as it stands. Only a 408 (the server gave
 * up waiting for the request) can succeed when sent again.
 */
export class BadRequest extends Schema.TaggedError<BadRequest>()("BadRequest", {
  code: Schema.String,
  field: Schema.optional(Schema.String),
  /** The HTTP status, when it was one (a refused redirect has none of its own). */
  status: Schema.optional(Schema.Number)
}) {
  get isRetryable() {
    return this.status === 408
  }
  get description() {
    return this.field === undefined ? `request refused (${this.code})` : `request refused (${this.code}, field ${this.field})`
  }
}

/** 429 `rate_limit_exceeded`: wait until `resetAt` (the `X-RateLimit-Reset` header) and try again. */
export class RateLimited extends Schema.TaggedError<RateLimited>()("RateLimited", {
  /** Unix milliseconds at which the window resets, when the server said. */
  resetAtMillis: Schema.optional(Schema.Number),
  limit: Schema.optional(Schema.Number)
}) {
  get isRetryable() {
    return true
  }
  get description() {
    const limit = this.limit === undefined ? "" : ` of ${this.limit} requests per window`
    const reset = this.resetAtMillis === undefined ? "" : `, resets at ${new Date(this.resetAtMillis).toISOString()}`
    return `rate limit${limit} exceeded${reset}`
  }
}

/** 400 `scroll_exists`: another scroll of this app is open (ours, another window's or another integration's). */
export class ScrollExists extends Schema.TaggedError<ScrollExists>()("ScrollExists", {}) {
  get isRetryable() {
    return true
  }
  get description() {
    return "another scroll is already open for this app; it is released after one idle minute"
  }
}

/** 404 on the scroll endpoint: the scroll_param expired (idle for over a minute) or is unknown. */
export class ScrollExpired extends Schema.TaggedError<ScrollExpired>()("ScrollExpired", {}) {
  get isRetryable() {
    return true
  }
  get description() {
    return "the scroll expired; it must be started again"
  }
}

/** 5xx. `restartScroll` when Intercom said the scroll cannot resume and must start over. */
export class ServerError extends Schema.TaggedError<ServerError>()("ServerError", {
  status: Schema.Number,
  restartScroll: Schema.Boolean
}) {
  get isRetryable() {
    return true
  }
  get description() {
    return this.restartScroll
      ? "Intercom failed mid-scroll and asked to restart the scroll"
      : `Intercom had a server error (${this.status})`
  }
}

/** No complete answer within the configured request timeout. */
export class Timeout extends Schema.TaggedError<Timeout>()("Timeout", {
  timeoutMillis: Schema.Number
}) {
  get isRetryable() {
    return true
  }
  get description() {
    return `no answer within ${this.timeoutMillis} ms`
  }
}

/** The request never got an HTTP answer: offline, DNS, refused or reset connection. */
export class Transport extends Schema.TaggedError<Transport>()("Transport", {
  detail: Schema.String
}) {
  get isRetryable() {
    return true
  }
  get description() {
    return `could not reach Intercom (${this.detail})`
  }
}

/** The answer was not what the API promises: malformed JSON, a cut body or an unexpected shape. */
export class InvalidResponse extends Schema.TaggedError<InvalidResponse>()("InvalidResponse", {
  /** What did not decode, never the raw body. */
  detail: Schema.String,
  /** A truncated or malformed body is usually a dropped connection, which a retry can cure. */
  malformed: Schema.Boolean
}) {
  get isRetryable() {
    return this.malformed
  }
  get description() {
    return `unexpected response from Intercom: ${this.detail}`
  }
}

/** The request body did not pass the request schema, so nothing was sent. */
export class InvalidRequest extends Schema.TaggedError<InvalidRequest>()("InvalidRequest", {
  detail: Schema.String
}) {
  get isRetryable() {
    return false
  }
  get description() {
    return this.detail
  }
}

/**
 * The base URL is `http://` to another machine, so the token would travel in clear text: nothing
 * was sent. Allowed only with the explicit opt-in (`allowInsecureHttp`); see `insecureBaseUrlProblem`.
 */
export class InsecureBaseUrl extends Schema.TaggedError<InsecureBaseUrl>()("InsecureBaseUrl", {
  /** The refused scheme and host, e.g. `http://intercom.example.com`. */
  origin: Schema.String,
  /** The user-facing sentence: what was refused, why and how to allow it. */
  detail: Schema.String
}) {
  get isRetryable() {
    return false
  }
  get description() {
    return this.detail
  }
}

/**
 * Raised by core's scroll: another company scroll of this app runs in this process and the caller
 * chose not to wait (`whenBusy: "fail"`). Nothing was sent.
 */
export class ScrollBusy extends Schema.TaggedError<ScrollBusy>()("ScrollBusy", {}) {
  get isRetryable() {
    return true
  }
  get description() {
    return "another company scroll of this app is already running in this process (Intercom allows one at a time)"
  }
}

/**
 * Raised by core's scroll: it kept failing after its bounded restarts and waits. `lastError` is the
 * failure that ended it; whether a retry can help is that failure's.
 */
export class ScrollAborted extends Schema.TaggedError<ScrollAborted>()("ScrollAborted", {
  restarts: Schema.Number,
  lastError: Schema.suspend((): Schema.Codec<IntercomError, IntercomErrorEncoded> => IntercomError)
}) {
  get isRetryable(): boolean {
    return this.lastError.isRetryable
  }
  get description() {
    return `the company scroll was abandoned after ${this.restarts} restarts: ${this.lastError.message}`
  }
}

/** Raised by core's Promise facade: the call was made after, or cut short by, `close()`. Nothing more is sent. */
export class Closed extends Schema.TaggedError<Closed>()("Closed", {}) {
  get isRetryable() {
    return false
  }
  get description() {
    return "the Intercom client was closed"
  }
}

export const IntercomErrorReason = Schema.Union([
  Unauthorized,
  Forbidden,
  NotFound,
  BadRequest,
  RateLimited,
  ScrollExists,
  ScrollExpired,
  ServerError,
  Timeout,
  Transport,
  InvalidResponse,
  InvalidRequest,
  InsecureBaseUrl,
  ScrollBusy,
  ScrollAborted,
  Closed
])
export type IntercomErrorReason = typeof IntercomErrorReason.Type

/** The wire form of an `IntercomError` (what `Schema.encode` gives), for the recursive `ScrollAborted`. */
export interface IntercomErrorEncoded {
  readonly _tag: "IntercomError"
  readonly reason: { readonly _tag: string; readonly [key: string]: unknown }
  readonly method: string
  readonly path: string
  readonly status?: number | undefined
  readonly code?: string | undefined
  readonly intercomMessage?: string | undefined
  readonly requestId?: string | undefined
}

export class IntercomError extends Schema.TaggedError<IntercomError>()("IntercomError", {
  reason: IntercomErrorReason,
  method: Schema.String,
  /** The request path without its query string. */
  path: Schema.String,
  status: Schema.optional(Schema.Number),
  /** Intercom's first error code, e.g. `company_not_found`. */
  code: Schema.optional(Schema.String),
  /** Intercom's first error message, e.g. "Access Token Invalid". */
  intercomMessage: Schema.optional(Schema.String),
  requestId: Schema.optional(Schema.String)
}) {
  get isRetryable(): boolean {
    return this.reason.isRetryable
  }

  override get message(): string {
    const said = this.intercomMessage === undefined ? "" : `: ${this.intercomMessage}`
    const status = this.status === undefined ? "" : ` ${this.status}`
    const requestId = this.requestId === undefined ? "" : `, request_id ${this.requestId}`
    return `${this.method} ${this.path}${status}: ${this.reason.description}${said}${requestId}`
  }
}
