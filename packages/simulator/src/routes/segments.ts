import { resourceNotFound } from "../server/ApiError.js"
import { boolQuery, type Handler, param } from "../server/RequestContext.js"
import { json } from "../server/Reply.js"
import type { Router } from "../server/Router.js"
import { segmentListWire, segmentWire } from "../wire/segments.js"

// Segments: a fixed set whose membership is computed from company attributes and tags.
// GET /segments keeps its legacy shape `{type:"segment.list", segments:[…]}` (not `data`).
// `count` is the number of member companies: the simulator's segments are company segments.

const list: Handler = (ctx) => {
  const ws = ctx.sim.workspace
  const withCount = boolQuery(ctx, "include_count")
  return json(
    segmentListWire(Array.from(ws.segments.values(), (s) => segmentWire(s, withCount ? ws.segmentCount(s.id) : undefined)))
  )
}

const find: Handler = (ctx) => {
  const segment = ctx.sim.workspace.segments.get(param(ctx, "segmentId"))
  if (segment === undefined) throw resourceNotFound()
  return json(segmentWire(segment))
}

export const segmentRoutes = (router: Router<Handler>): void => {
  router.add("GET", "/segments", list).add("GET", "/segments/:segmentId", find)
}
