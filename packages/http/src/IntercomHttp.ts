import { Context, Duration, Effect, Layer, Redacted, Schema } from "effect"
import { constTrue } from "effect/Function"
import { FetchHttpClient, HttpClient, type HttpClientError, HttpClientRequest } from "effect/http"
import { type IntercomErrorDetails, readErrorDetails, reasonForStatus } from "./ErrorMapping.js"
import { makeFastDecoder } from "./FastDecoder.js"
import { IntercomConfig } from "./IntercomConfig.js"
import {
  IntercomError,
  type IntercomErrorReason,
  InvalidRequest,
  InvalidResponse,
  Timeout,
  Transport
} from "./IntercomError.js"
import { parseRateLimitHeaders, RateLimitState } from "./RateLimitState.js"

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE"
export type QueryValue = string | number | boolean | undefined

/** One typed call: the body is encoded with its request schema, the answer decoded with `response`. */
export interface IntercomRequest<A, B = never> {
  readonly method: HttpMethod
  /** Path below the API root, e.g. `/companies/abc`; path segments must already be URI-encoded. */
  readonly path: string
  readonly query?: Readonly<Record<string, QueryValue>> | undefined
  readonly body?: { readonly schema: Schema.Codec<B, unknown>; readonly value: B } | undefined
  readonly response: Schema.Decoder<A>
}

export interface IntercomHttpShape {
  readonly request: <A, B = never>(request: IntercomRequest<A, B>) => Effect.Effect<A, IntercomError>
}

// Decoders are compiled once per schema (the scroll decodes a thousand pages with the same one),
// through the fast path that falls back to the schema's own decoder for anything it cannot prove.
const decoders = new WeakMap<object, (input: unknown) => Effect.Effect<unknown, Schema.SchemaError>>()
const decoderFor = <A>(schema: Schema.Decoder<A>) => {
  let decode = decoders.get(schema)
  if (decode === undefined) {
    decode = makeFastDecoder(schema as Schema.Decoder<A> & { readonly DecodingServices: never })
    decoders.set(schema, decode)
  }
  return decode as (input: unknown) => Effect.Effect<A, Schema.SchemaError>
}

/** Schema messages can quote values; keep them short so no body is ever dumped into an error. */
const summarizeSchemaError = (error: Schema.SchemaError) => {
  const text = error.message.replace(/\s+/g, " ").trim()
  return text.length > 300 ? `${text.slice(0, 300)}…` : text
}

const transportDetail = (error: HttpClientError.HttpClientError): string => {
  const cause = (error.reason as { cause?: unknown }).cause
  const inner = (cause as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause
  // fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND, "bad port") is one level down.
  const why = typeof inner?.code === "string" ? inner.code : typeof inner?.message === "string" ? inner.message : undefined
  const message = cause instanceof Error ? cause.message : error.reason._tag
  return why === undefined ? message : `${message}, ${why}`
}

/** The one place that talks HTTP to Intercom. */
export class IntercomHttp extends Context.Service<IntercomHttp, IntercomHttpShape>()(
  "@intercom-explorer/http/IntercomHttp"
) {
  /** Needs `IntercomConfig`, `RateLimitState` and an `HttpClient` (fetch, node, or a test's). */
  static readonly layerNoDeps = Layer.effect(
    IntercomHttp,
    Effect.gen(function*() {
      const config = yield* IntercomConfig
      const rateLimits = yield* RateLimitState
      const client = yield* HttpClient.HttpClient
      const tokenValue = Redacted.value(config.token)
      const timeoutMillis = Duration.toMillis(config.timeout)
      // Belt and braces: nothing we put in an error may ever contain the token.
      const scrub = (text: string) => tokenValue.length === 0 ? text : text.split(tokenValue).join("[redacted]")

      const request = Effect.fn("IntercomHttp.request")(function*<A, B>(spec: IntercomRequest<A, B>) {
        yield* Effect.annotateCurrentSpan({ "http.method": spec.method, "intercom.path": spec.path })
        const fail = (reason: IntercomErrorReason, status?: number, details: IntercomErrorDetails = {}) =>
          Effect.fail(
            new IntercomError({
              reason,
              method: spec.method,
              path: spec.path,
              ...(status === undefined ? {} : { status }),
              ...(details.code === undefined ? {} : { code: details.code }),
              ...(details.message === undefined ? {} : { intercomMessage: scrub(details.message) }),
              ...(details.requestId === undefined ? {} : { requestId: details.requestId })
            })
          )

        let httpRequest = HttpClientRequest.make(spec.method)(config.baseUrl + spec.path).pipe(
          HttpClientRequest.bearerToken(config.token),
          HttpClientRequest.setHeader("Intercom-Version", config.version),
          HttpClientRequest.acceptJson
        )
        if (spec.query !== undefined) {
          const params: Record<string, string> = {}
          for (const [key, value] of Object.entries(spec.query)) {
            if (value !== undefined) params[key] = String(value)
          }
          httpRequest = HttpClientRequest.setUrlParams(httpRequest, params)
        }
        if (spec.body !== undefined) {
          const encoded = yield* Schema.encodeEffect(spec.body.schema)(spec.body.value).pipe(
            Effect.catch((error) => fail(new InvalidRequest({ detail: summarizeSchemaError(error) })))
          )
          httpRequest = HttpClientRequest.bodyJsonUnsafe(httpRequest, encoded)
        }

        const exchange = Effect.gen(function*() {
          const response = yield* client.execute(httpRequest).pipe(
            // Our own `IntercomHttp.request` span covers the call; the client's second span per
            // request is overhead on a 1,000-page scroll, and trace headers are not Intercom's business.
            Effect.provideService(HttpClient.TracerDisabledWhen, constTrue)
          )
          const snapshot = parseRateLimitHeaders(response.headers, Date.now())
          if (snapshot !== undefined) yield* rateLimits.record(snapshot)
          const text = yield* response.text
          return { status: response.status, text, snapshot }
        }).pipe(
          Effect.catch((error) => fail(new Transport({ detail: scrub(transportDetail(error)) }))),
          Effect.timeoutOrElse({
            duration: config.timeout,
            orElse: () => fail(new Timeout({ timeoutMillis }))
          })
        )
        const { snapshot, status, text } = yield* exchange

        let json: unknown = undefined
        let malformed = false
        if (text.length > 0) {
          try {
            json = JSON.parse(text)
          } catch {
            malformed = true
          }
        }

        if (status < 200 || status >= 300) {
          const details = malformed ? {} : readErrorDetails(json)
          return yield* fail(reasonForStatus(status, spec.path, details, snapshot), status, details)
        }
        if (malformed) {
          return yield* fail(
            new InvalidResponse({ detail: `the body is not valid JSON (${text.length} bytes, cut short?)`, malformed: true }),
            status
          )
        }
        return yield* decoderFor(spec.response)(json).pipe(
          Effect.catch((error) =>
            fail(new InvalidResponse({ detail: scrub(summarizeSchemaError(error)), malformed: false }), status)
          )
        )
      })

      return IntercomHttp.of({ request })
    })
  )

  /** The default wiring: global `fetch` and a fresh rate-limit state. */
  static readonly layer = IntercomHttp.layerNoDeps.pipe(
    Layer.provideMerge(RateLimitState.layer),
    Layer.provide(FetchHttpClient.layer)
  )
}
