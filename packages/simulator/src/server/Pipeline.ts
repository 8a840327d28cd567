import type { IncomingMessage, ServerResponse } from "node:http"
import { performance } from "node:perf_hooks"
import {
  ApiError,
  rateLimitExceeded,
  resourceNotFound,
  scrollRestart,
  unauthorized,
  versionInvalid
} from "./ApiError.js"
import { errorListJson } from "../wire/errors.js"
import type { ArmedFault } from "./Faults.js"
import { uuid } from "../state/Ids.js"
import { ADMIN_PREFIX } from "../routes/admin.js"
import type { Simulation } from "./Simulation.js"
import { isAcceptedVersion } from "./ApiVersion.js"
import type { Handler, RequestContext } from "./RequestContext.js"
import type { Reply } from "./Reply.js"
import type { RateDecision } from "./RateBudget.js"
import type { Router } from "./Router.js"

// The request pipeline, in the order Intercom's behaviour implies:
//   1. /__admin/* bypasses everything below.
//   2. Bearer token, else 401 (no rate-limit headers: Intercom only sends them when authenticated).
//   3. Faults are drawn for this request; a rate-limit burst takes effect at once.
//   4. The rate budget counts the request; over the limit is 429. Headers go on every reply below.
//   5. Intercom-Version, else 400 intercom_version_invalid.
//   6. Latency, then scroll faults (expire the scroll, or answer the 500 "restart the scroll").
//   7. The route runs; its reply is sent whole, truncated, or cut off mid-body as faults say.
// Handlers are synchronous and pure with respect to I/O, so a dropped response still mutated
// state: exactly the "the server acted, the client never heard" case clients must survive.

const JSON_TYPE = "application/json; charset=utf-8"

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Array<Buffer> = []
    req.on("data", (chunk: Buffer) => chunks.push(chunk))
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")))
    req.on("error", reject)
  })

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

const normalizePath = (raw: string): string => (raw.length > 1 && raw.endsWith("/") ? raw.slice(0, -1) : raw)

const rateHeaders = (d: RateDecision): Record<string, string> => ({
  "X-RateLimit-Limit": String(d.limit),
  "X-RateLimit-Remaining": String(d.remaining),
  "X-RateLimit-Reset": String(d.reset)
})

const isAuthorized = (header: string | undefined, token: string): boolean => {
  if (header === undefined) return false
  const match = /^Bearer\s+(.+)$/i.exec(header.trim())
  return match !== null && match[1] === token
}

const errorReply = (error: ApiError, requestId: string): Reply => ({
  status: error.status,
  body: errorListJson(requestId, error.code, error.message, error.field)
})

export interface Routers {
  readonly api: Router<Handler>
  readonly admin: Router<Handler>
}

export const createRequestListener =
  (sim: Simulation, routers: Routers) =>
  (req: IncomingMessage, res: ServerResponse): void => {
    // A client that hangs up mid-response (often on purpose, in tests of timeouts) is not an error.
    res.on("error", () => {})
    handle(sim, routers, req, res).catch((error: unknown) => {
      // Only reachable on a bug: answer something rather than hang the client.
      sim.options.log?.(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
      if (!res.headersSent) {
        res.writeHead(500, { "Content-Type": JSON_TYPE })
        res.end(errorListJson(null, "server_error", "Internal server error"))
      } else res.destroy()
    })
  }

const handle = async (sim: Simulation, routers: Routers, req: IncomingMessage, res: ServerResponse): Promise<void> => {
  const started = performance.now()
  const method = (req.method ?? "GET").toUpperCase()
  const rawUrl = req.url ?? "/"
  const q = rawUrl.indexOf("?")
  const path = normalizePath(q < 0 ? rawUrl : rawUrl.slice(0, q))
  const query = new URLSearchParams(q < 0 ? "" : rawUrl.slice(q + 1))
  const requestId = uuid()
  const text = method === "GET" || method === "HEAD" ? "" : await readBody(req)
  const headers: Record<string, string> = { "X-Request-Id": requestId }
  const baseUrl = `http://${req.headers.host ?? `${sim.options.host}:${sim.options.port}`}`

  const finish = (reply: Reply, fired: ReadonlyArray<ArmedFault> = []): void => {
    send(res, reply, headers, fired)
    const ms = performance.now() - started
    const dropped = reply.droppedCustomAttributes
    sim.logRequest(
      method === "GET" || method === "HEAD"
        ? { method, path, status: reply.status, ms }
        : { method, path, status: reply.status, ms, body: text, ...(dropped === undefined ? {} : { droppedCustomAttributes: dropped }) }
    )
  }

  if (path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`)) {
    let body: unknown
    try {
      body = text === "" ? undefined : JSON.parse(text)
    } catch {
      body = text // the admin endpoint also takes the fault text syntax as a plain body
    }
    finish(route(sim, routers.admin, { method, path, query, body, baseUrl }, requestId))
    return
  }

  if (!isAuthorized(req.headers.authorization, sim.options.token)) {
    finish(errorReply(unauthorized(), requestId))
    return
  }

  const fired = sim.faults.evaluate(method, path)
  const burst = fired.find((f) => f.spec.kind === "rate-limit-burst")
  if (burst !== undefined) sim.rateBudget.burst(burst.spec.count)

  const decision = sim.rateBudget.take()
  Object.assign(headers, rateHeaders(decision))
  if (!decision.allowed) {
    finish(errorReply(rateLimitExceeded(decision.limit, sim.rateBudget.windowSeconds), requestId))
    return
  }

  const version = req.headers["intercom-version"]
  if (!isAcceptedVersion(Array.isArray(version) ? version[0] : version)) {
    finish(errorReply(versionInvalid(), requestId))
    return
  }

  const delays = fired.filter((f) => f.spec.kind === "latency").map((f) => f.spec.delayMs ?? 1000)
  if (delays.length > 0) await sleep(Math.max(...delays))

  if (fired.some((f) => f.spec.kind === "scroll-expire")) sim.scroll.expireNow()
  const restart = fired.find((f) => f.spec.kind === "scroll-restart-500")
  if (restart !== undefined) {
    sim.scroll.abort(restart.spec.holdLock === true)
    finish(errorReply(scrollRestart(), requestId))
    return
  }

  let body: unknown
  try {
    body = text.trim() === "" ? undefined : JSON.parse(text)
  } catch {
    finish(errorReply(new ApiError(400, "bad_request", "Request body is not valid JSON"), requestId))
    return
  }
  finish(route(sim, routers.api, { method, path, query, body, baseUrl }, requestId), fired)
}

const route = (
  sim: Simulation,
  router: Router<Handler>,
  request: Omit<RequestContext, "sim" | "params">,
  requestId: string
): Reply => {
  const match = router.match(request.method, request.path)
  if (match === undefined) return errorReply(resourceNotFound(), requestId)
  try {
    return match.handler({ ...request, sim, params: match.params })
  } catch (error) {
    if (error instanceof ApiError) return errorReply(error, requestId)
    throw error
  }
}

/** Writes the reply, or the broken version of it that a fault asks for. */
const send = (
  res: ServerResponse,
  reply: Reply,
  headers: Record<string, string>,
  fired: ReadonlyArray<ArmedFault>
): void => {
  const bytes = Buffer.from(reply.body, "utf8")
  const drop = fired.find((f) => f.spec.kind === "drop-connection")
  const truncate = fired.find((f) => f.spec.kind === "truncate-body")
  const all: Record<string, string | number> = { ...headers }
  if (bytes.length > 0) all["Content-Type"] = JSON_TYPE
  if (drop !== undefined) {
    // Promise the whole body, send part of it, then reset the connection.
    all["Content-Length"] = bytes.length
    res.writeHead(reply.status, all)
    res.write(bytes.subarray(0, Math.floor(bytes.length * (drop.spec.fraction ?? 0.5))))
    setImmediate(() => res.destroy())
    return
  }
  // A truncated body is a complete HTTP response whose JSON just stops: the parse must fail.
  const body = truncate === undefined ? bytes : bytes.subarray(0, Math.floor(bytes.length * (truncate.spec.fraction ?? 0.5)))
  all["Content-Length"] = body.length
  res.writeHead(reply.status, all)
  res.end(body)
}
