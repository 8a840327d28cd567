import type { IntercomError, IntercomRequest } from "@intercom-explorer/http"
import { IntercomHttp } from "@intercom-explorer/http"
import { Context, Effect, Layer } from "effect"
import { Pacing } from "./Pacing.js"
import { rateLimitRetry, transientRetry } from "./RetryPolicies.js"

/**
 * How a request may be repeated:
 * - `idempotent`: GET/PUT/DELETE, the company upsert (keyed by company_id), tag writes, attach and
 *   detach. A 429 waits for the reset; transient failures back off and retry.
 * - `create-once`: a POST that creates something new (a note). Only a 429, which Intercom refuses
 *   before acting, is retried; after anything else the server may have acted, so the error surfaces.
 * - `scroll`: a scroll page. A 429 waits for the reset; everything else goes to the scroll stream,
 *   which restarts the scroll (a page is never re-requested: the server cursor may have moved).
 */
export type RetryMode = "idempotent" | "create-once" | "scroll"

export interface RequestExecutorShape {
  readonly execute: <A, B = never>(request: IntercomRequest<A, B>, mode: RetryMode) => Effect.Effect<A, IntercomError>
}

/** Every request of the core goes through here: paced by the governor, retried per its mode. */
export class RequestExecutor extends Context.Service<RequestExecutor, RequestExecutorShape>()(
  "@intercom-explorer/core/RequestExecutor"
) {
  static readonly layer = Layer.effect(
    RequestExecutor,
    Effect.gen(function*() {
      const http = yield* IntercomHttp
      const pacing = yield* Pacing
      const execute = <A, B = never>(request: IntercomRequest<A, B>, mode: RetryMode) => {
        const once = Effect.retry(pacing.paced(http.request(request)), rateLimitRetry)
        return mode === "idempotent" ? Effect.retry(once, transientRetry) : once
      }
      return RequestExecutor.of({ execute })
    })
  )
}
