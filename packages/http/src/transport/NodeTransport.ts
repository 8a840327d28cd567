import { Effect, Layer } from "effect"
import * as http from "node:http"
import * as https from "node:https"
import { pipeline, type Readable } from "node:stream"
import * as zlib from "node:zlib"
import { Timeout, Transport } from "../IntercomError.js"
import { IntercomTransport, type TransportRequest, type TransportResponse } from "./IntercomTransport.js"

/*
 * node:http(s) straight, with keep-alive agents: a scroll is a thousand sequential requests, and
 * this path costs a fraction of the CPU of `fetch` (no web streams, no Request/Response objects,
 * one timer per request for the timeout instead of a racing fiber). In VS Code it also goes through
 * the editor's proxy support, which patches these modules.
 */

const acceptEncoding = "gzip, deflate, br"

const decompressorFor = (encoding: string | undefined): Readable & NodeJS.WritableStream | undefined => {
  switch (encoding?.trim().toLowerCase()) {
    case "gzip":
    case "x-gzip":
      return zlib.createGunzip()
    case "deflate":
      return zlib.createInflate()
    case "br":
      return zlib.createBrotliDecompress()
    default:
      return undefined
  }
}

/** "ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:4010": the code first, for the one-line reports. */
const describeNodeError = (error: unknown): string => {
  const code = (error as { code?: unknown } | null)?.code
  const message = error instanceof Error ? error.message : String(error)
  return typeof code === "string" && !message.startsWith(code) ? `${code}: ${message}` : message
}

// An idle connection is closed after 30 s (sooner if the server's Keep-Alive hint says so), before
// the usual 60 s load-balancer idle timeout can reset it under a request we just sent.
const agentOptions = { keepAlive: true, timeout: 30_000 }

interface Agents {
  readonly http: http.Agent
  readonly https: https.Agent
}

const exchange = (agents: Agents, request: TransportRequest) =>
  Effect.callback<TransportResponse, Timeout | Transport>((resume) => {
    let url: URL
    try {
      url = new URL(request.url)
    } catch {
      // The URL holds no secret (the token travels in a header), but keep the message generic.
      return resume(Effect.fail(new Transport({ detail: "the API URL is not a valid URL" })))
    }
    const secure = url.protocol === "https:"
    if (!secure && url.protocol !== "http:") {
      return resume(Effect.fail(new Transport({ detail: `unsupported protocol ${url.protocol}` })))
    }
    const headers: Record<string, string> = { ...request.headers, "accept-encoding": acceptEncoding }
    if (request.body !== undefined) {
      headers["content-type"] = "application/json"
      headers["content-length"] = String(Buffer.byteLength(request.body))
    }

    let settled = false
    const settle = (effect: Effect.Effect<TransportResponse, Timeout | Transport>) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      resume(effect)
    }
    const failTransport = (error: unknown) => settle(Effect.fail(new Transport({ detail: describeNodeError(error) })))

    const options = { method: request.method, headers, agent: secure ? agents.https : agents.http }
    const req = secure ? https.request(url, options) : http.request(url, options)
    const timer = setTimeout(() => {
      settle(Effect.fail(new Timeout({ timeoutMillis: request.timeoutMillis })))
      req.destroy()
    }, request.timeoutMillis)

    req.on("error", failTransport)
    req.on("response", (res) => {
      // A bodiless answer can still name an encoding; an empty gzip stream would be an error.
      const bodiless = res.statusCode === 204 || res.statusCode === 304 || res.headers["content-length"] === "0"
      const decompressor = bodiless ? undefined : decompressorFor(res.headers["content-encoding"])
      const body: Readable = decompressor === undefined
        ? res
        : pipeline(res, decompressor, (error) => error && failTransport(error)) as Readable
      let text = ""
      body.setEncoding("utf8")
      body.on("data", (chunk: string) => (text += chunk))
      body.on("error", failTransport)
      body.on("end", () => {
        // A connection closed early can still end the stream: only a complete message counts.
        if (!res.complete) return failTransport(new Error("the connection closed before the body ended"))
        settle(Effect.succeed({
          status: res.statusCode ?? 0,
          headers: res.headers as Readonly<Record<string, string | undefined>>,
          text
        }))
      })
      res.on("error", failTransport)
      res.on("close", () => {
        if (!res.complete) failTransport(new Error("the connection closed before the body ended"))
      })
    })
    req.end(request.body)

    // Interrupted (a closed client, a cancelled scroll): drop the socket instead of reading on.
    return Effect.sync(() => {
      settled = true
      clearTimeout(timer)
      req.destroy()
    })
  })

/** The default transport: node:http and node:https with keep-alive agents, closed with the layer. */
export const NodeTransport = {
  layer: Layer.effect(
    IntercomTransport,
    Effect.gen(function*() {
      const agents = yield* Effect.acquireRelease(
        Effect.sync((): Agents => ({
          http: new http.Agent(agentOptions),
          https: new https.Agent(agentOptions)
        })),
        (agents) =>
          Effect.sync(() => {
            agents.http.destroy()
            agents.https.destroy()
          })
      )
      return IntercomTransport.of({ send: (request) => exchange(agents, request) })
    })
  )
} as const
