import { Effect, Layer } from "effect"
import * as http from "node:http"
import * as https from "node:https"
import * as zlib from "node:zlib"
import { Timeout, Transport } from "../IntercomError.js"
import { IntercomTransport, type TransportRequest, type TransportResponse } from "./IntercomTransport.js"

/*
 * node:http(s) straight: a scroll is a thousand sequential requests, and this path costs a fraction
 * of the CPU of `fetch` (no web streams, no Request/Response objects, one timer per request for the
 * timeout instead of a racing fiber). It uses Node's global agents on purpose: they keep connections
 * alive (Node 19+) and are what proxy setups patch or configure (VS Code's proxy support,
 * NODE_USE_ENV_PROXY, global-agent), so a proxied user's requests keep working.
 */

const acceptEncoding = "gzip, br"

/** setTimeout's ceiling; a longer (or infinite) timeout would otherwise fire at once. */
const maxTimerMillis = 2_147_483_647

const decompress = (encoding: string, bytes: Buffer): Buffer => {
  switch (encoding) {
    case "gzip":
    case "x-gzip":
      return zlib.gunzipSync(bytes)
    case "br":
      return zlib.brotliDecompressSync(bytes)
    case "deflate":
      return zlib.inflateSync(bytes)
    case "identity":
      return bytes
    default:
      throw new Error(`the answer uses an unsupported content-encoding "${encoding}"`)
  }
}

/** Undoes `Content-Encoding: a, b` (applied in that order) on a whole body. */
const decodeBody = (contentEncoding: string, chunks: ReadonlyArray<Buffer>): string => {
  let bytes: Buffer = Buffer.concat(chunks)
  // An empty body can still name an encoding (a 204, a HEAD-like answer): nothing to undo.
  if (bytes.length === 0) return ""
  const encodings = contentEncoding.split(",").map((e) => e.trim().toLowerCase()).filter((e) => e.length > 0)
  for (const encoding of encodings.reverse()) bytes = decompress(encoding, bytes)
  return bytes.toString("utf8")
}

/** "connect ECONNREFUSED 127.0.0.1:4010", "ECONNRESET: socket hang up": the code is always in it. */
const describeNodeError = (error: unknown): string => {
  const code = (error as { code?: unknown } | null)?.code
  const message = error instanceof Error ? error.message : String(error)
  return typeof code === "string" && !message.includes(code) ? `${code}: ${message}` : message
}

const closedEarly = () => new Error("the connection closed before the body ended")

const exchange = (request: TransportRequest) =>
  Effect.callback<TransportResponse, Timeout | Transport>((resume) => {
    let url: URL
    try {
      url = new URL(request.url)
    } catch {
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
    let timer: ReturnType<typeof setTimeout> | undefined
    const settle = (effect: Effect.Effect<TransportResponse, Timeout | Transport>) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      resume(effect)
    }
    const failTransport = (error: unknown) => settle(Effect.fail(new Transport({ detail: describeNodeError(error) })))

    let req: http.ClientRequest
    try {
      req = (secure ? https : http).request(url, { method: request.method, headers })
    } catch (error) {
      // Node refuses a header it cannot send (a control character in the token) before any I/O;
      // its message names the header, never the value.
      return failTransport(error)
    }
    if (Number.isFinite(request.timeoutMillis)) {
      timer = setTimeout(() => {
        settle(Effect.fail(new Timeout({ timeoutMillis: request.timeoutMillis })))
        req.destroy()
      }, Math.min(Math.max(request.timeoutMillis, 0), maxTimerMillis))
    }

    req.on("error", failTransport)
    req.on("response", (res) => {
      const contentEncoding = res.headers["content-encoding"]
      const finish = (text: string) => {
        // A connection closed early can still end the stream: only a complete message counts.
        if (!res.complete) return failTransport(closedEarly())
        settle(Effect.succeed({
          status: res.statusCode ?? 0,
          // Only set-cookie is ever an array, and we read no cookies.
          headers: res.headers as Readonly<Record<string, string | undefined>>,
          // fetch's text() drops a byte order mark; so do we, so JSON.parse sees the same text.
          text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
        }))
      }
      if (contentEncoding === undefined) {
        // The common case, kept as cheap as it gets: decode to a string as the bytes arrive.
        let text = ""
        res.setEncoding("utf8")
        res.on("data", (chunk: string) => (text += chunk))
        res.on("end", () => finish(text))
      } else {
        const chunks: Array<Buffer> = []
        res.on("data", (chunk: Buffer) => chunks.push(chunk))
        res.on("end", () => {
          let text: string
          try {
            text = decodeBody(contentEncoding, chunks)
          } catch (error) {
            return failTransport(error)
          }
          finish(text)
        })
      }
      res.on("error", failTransport)
      res.on("close", () => {
        if (!res.complete) failTransport(closedEarly())
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

/** The default transport: node:http and node:https through Node's global (keep-alive) agents. */
export const NodeTransport = {
  layer: Layer.succeed(IntercomTransport, IntercomTransport.of({ send: exchange }))
} as const
