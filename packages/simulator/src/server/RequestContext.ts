import { ApiError, parameterInvalid } from "./ApiError.js"
import type { Simulation } from "./Simulation.js"
import type { Reply } from "./Reply.js"

// What a route handler sees, and the few input helpers every route needs. Handlers are
// synchronous: all state is in memory, and anything slow (latency faults) happens before them.

export interface RequestContext {
  readonly sim: Simulation
  readonly method: string
  /** Path without query string or trailing slash. */
  readonly path: string
  readonly query: URLSearchParams
  readonly params: Readonly<Record<string, string>>
  /** Parsed JSON body; undefined when the request had none. */
  readonly body: unknown
  /** `http://host:port` as the client addressed us, for `pages.next` links. */
  readonly baseUrl: string
}

export type Handler = (ctx: RequestContext) => Reply

export const param = (ctx: RequestContext, name: string): string => {
  const value = ctx.params[name]
  if (value === undefined) throw new Error(`route has no :${name}`)
  return value
}

/** An integer query parameter; absent → undefined; junk → 400 parameter_invalid. */
export const intQuery = (ctx: RequestContext, name: string): number | undefined => {
  const text = ctx.query.get(name)
  if (text === null || text === "") return undefined
  const value = Number(text)
  if (!Number.isInteger(value)) throw parameterInvalid(`${name} must be an integer`, name)
  return value
}

export const boolQuery = (ctx: RequestContext, name: string): boolean => {
  const text = ctx.query.get(name)
  return text === "true" || text === "1"
}

/** The body as an object; no body counts as `{}` (Intercom treats it so for optional bodies). */
export const objectBody = (ctx: RequestContext): Record<string, unknown> => {
  if (ctx.body === undefined || ctx.body === null) return {}
  if (typeof ctx.body !== "object" || Array.isArray(ctx.body)) {
    throw new ApiError(400, "bad_request", "Request body must be a JSON object")
  }
  return ctx.body as Record<string, unknown>
}

/** Ids arrive as strings per the spec, but Intercom's own examples send numbers; accept both. */
export const idValue = (value: unknown): string | undefined => {
  if (typeof value === "string" && value !== "") return value
  if (typeof value === "number" && Number.isFinite(value)) return String(value)
  return undefined
}
