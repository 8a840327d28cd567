import { Context, Duration, Effect, Layer, Redacted, Schema } from "effect"
import { type IntercomErrorDetails, readErrorDetails, reasonForStatus, redirectDetails } from "./ErrorMapping.js"
import { makeFastDecoder } from "./FastDecoder.js"
import { IntercomConfig, refusedBaseUrl } from "./IntercomConfig.js"
import {
  IntercomError,
  type IntercomErrorReason,
  InvalidRequest,
  InvalidResponse,
  Transport
} from "./IntercomError.js"
import { redact } from "./connection/Redaction.js"
import { parseRateLimitHeaders, RateLimitState } from "./RateLimitState.js"
import { summarizeSchemaError } from "./SchemaErrorSummary.js"
import { type HttpMethod, IntercomTransport } from "./transport/IntercomTransport.js"
import { NodeTransport } from "./transport/NodeTransport.js"

export type QueryValue = string | number | boolean | undefined

/**
 * One typed call: the body (already validated, e.g. by models' `validateRequest`) is put in wire form
 * with its request schema, the answer decoded with `response`.
 */
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

/** The one place that talks HTTP to Intercom. */
export class IntercomHttp extends Context.Service<IntercomHttp, IntercomHttpShape>()(
  "@intercom-explorer/http/IntercomHttp"
) {
  /** Needs `IntercomConfig`, `RateLimitState` and an `IntercomTransport`. */
  static readonly layerNoDeps = Layer.effect(
    IntercomHttp,
    Effect.gen(function*() {
      const config = yield* IntercomConfig
      const rateLimits = yield* RateLimitState
      const transport = yield* IntercomTransport
      const tokenValue = Redacted.value(config.token)
      const timeoutMillis = Duration.toMillis(config.timeout)
      // An http:// base URL to another machine would put the token on the wire in clear text.
      const refusal = refusedBaseUrl(config)
      // Belt and braces: nothing we put in an error may ever contain the token.
      const scrub = (text: string) => redact(text, [tokenValue])
      const fixedHeaders = {
        authorization: `Bearer ${tokenValue}`,
        "intercom-version": config.version,
        accept: "application/json",
        "user-agent": "intercom-explorer"
      }

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
        if (refusal !== undefined) return yield* fail(refusal)

        let url = config.baseUrl + spec.path
        if (spec.query !== undefined) {
          const params = new URLSearchParams()
          for (const [key, value] of Object.entries(spec.query)) {
            if (value !== undefined) params.set(key, String(value))
          }
          const search = params.toString()
          if (search.length > 0) url += `?${search}`
        }
        let body: string | undefined = undefined
        if (spec.body !== undefined) {
          // The body was validated where it became a request (models' validateRequest, once); encoding
          // only puts it in wire form, so its checks are not run a second time here.
          const encoded = yield* Schema.encodeEffect(spec.body.schema)(spec.body.value, { disableChecks: true }).pipe(
            Effect.catch((error) => fail(new InvalidRequest({ detail: summarizeSchemaError(error) })))
          )
          body = JSON.stringify(encoded)
        }

        const { headers, status, text } = yield* transport.send({
          method: spec.method,
          url,
          headers: fixedHeaders,
          body,
          timeoutMillis
        }).pipe(
          Effect.catch((reason) =>
            fail(reason._tag === "Transport" ? new Transport({ detail: scrub(reason.detail) }) : reason)
          )
        )
        const snapshot = parseRateLimitHeaders(headers, Date.now())
        if (snapshot !== undefined) yield* rateLimits.record(snapshot)

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
          const details = status >= 300 && status < 400
            ? redirectDetails(headers["location"])
            : malformed ? {} : readErrorDetails(json)
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

  /** The default wiring: node:http (`NodeTransport`) and a fresh rate-limit state. */
  static readonly layer = IntercomHttp.layerNoDeps.pipe(
    Layer.provideMerge(RateLimitState.layer),
    Layer.provide(NodeTransport.layer)
  )
}
