import { Effect, Layer } from "effect"
import { constTrue } from "effect/Function"
import { FetchHttpClient, HttpClient, type HttpClientError, HttpClientRequest } from "effect/http"
import { Timeout, Transport } from "../IntercomError.js"
import { IntercomTransport, type TransportRequest } from "./IntercomTransport.js"

const transportDetail = (error: HttpClientError.HttpClientError): string => {
  const cause = (error.reason as { cause?: unknown }).cause
  const inner = (cause as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause
  // fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND, "bad port") is one level down.
  const why = typeof inner?.code === "string" ? inner.code : typeof inner?.message === "string" ? inner.message : undefined
  const message = cause instanceof Error ? cause.message : error.reason._tag
  return why === undefined ? message : `${message}, ${why}`
}

const toHttpClientRequest = (request: TransportRequest) => {
  const base = HttpClientRequest.make(request.method)(request.url).pipe(HttpClientRequest.setHeaders(request.headers))
  return request.body === undefined ? base : HttpClientRequest.bodyText(base, request.body, "application/json")
}

const layerNoDeps = Layer.effect(
  IntercomTransport,
  Effect.gen(function*() {
    const client = yield* HttpClient.HttpClient
    return IntercomTransport.of({
      send: (request) =>
        Effect.gen(function*() {
          const response = yield* client.execute(toHttpClientRequest(request)).pipe(
            // IntercomHttp's own span covers the call, and trace headers are not Intercom's business.
            Effect.provideService(HttpClient.TracerDisabledWhen, constTrue)
          )
          const text = yield* response.text
          return { status: response.status, headers: response.headers, text }
        }).pipe(
          Effect.catch((error) => Effect.fail(new Transport({ detail: transportDetail(error) }))),
          Effect.timeoutOrElse({
            duration: request.timeoutMillis,
            orElse: () => Effect.fail(new Timeout({ timeoutMillis: request.timeoutMillis }))
          })
        )
    })
  })
)

/**
 * A transport over any Effect `HttpClient`: fetch in runtimes without node:http, or a client with
 * the caller's own middleware. Slower per request than `NodeTransport` on a long scroll.
 */
export const HttpClientTransport = {
  /** Needs an `HttpClient`. */
  layerNoDeps,
  /** Over the global `fetch`; redirects come back as answers, as over `NodeTransport` (never followed). */
  fetch: layerNoDeps.pipe(
    Layer.provide(FetchHttpClient.layer),
    Layer.provide(Layer.succeed(FetchHttpClient.RequestInit, { redirect: "manual" }))
  )
} as const
