import { Context, type Effect } from "effect"
import type { Timeout, Transport } from "../IntercomError.js"

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE"

/** One HTTP exchange as `IntercomHttp` needs it: the URL and headers are final, the body is JSON text. */
export interface TransportRequest {
  readonly method: HttpMethod
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  /** JSON text, sent as `application/json`; undefined for no body. */
  readonly body: string | undefined
  /** Whole exchange, connect to the body's last byte. */
  readonly timeoutMillis: number
}

export interface TransportResponse {
  readonly status: number
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string | undefined>>
  /** The whole body, decompressed and decoded as UTF-8. */
  readonly text: string
}

export interface IntercomTransportShape {
  /** Fails only when there is no whole answer: `Timeout`, or `Transport` (refused, reset, cut short). */
  readonly send: (request: TransportRequest) => Effect.Effect<TransportResponse, Timeout | Transport>
}

/**
 * How requests reach the wire. `NodeTransport` (node:http, the default) or `HttpClientTransport`
 * (any Effect `HttpClient`, e.g. fetch); a test or another runtime can provide its own.
 */
export class IntercomTransport extends Context.Service<IntercomTransport, IntercomTransportShape>()(
  "@intercom-explorer/http/IntercomTransport"
) {}
