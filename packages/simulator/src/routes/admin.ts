import { ApiError, resourceNotFound } from "../server/ApiError.js"
import { faultFromJson, faultToJson, parseFaults } from "../server/FaultSyntax.js"
import type { FaultSpec } from "../server/Faults.js"
import { type Handler, param } from "../server/RequestContext.js"
import { json } from "../server/Reply.js"
import type { Router } from "../server/Router.js"
import { SimulatorView } from "../SimulatorView.js"

// The admin endpoint, for driving a simulator from outside its process (the CLI, a shell, a
// browser): inspect state, arm and clear faults. It lives under /__admin, outside the API: no
// token, no rate limit, no faults (a fault must not be able to lock you out of clearing it).
// The simulator binds to 127.0.0.1 by default, which is what keeps this endpoint local.

const toSpecs = (body: unknown): Array<FaultSpec> => {
  try {
    if (typeof body === "string") return parseFaults(body)
    if (Array.isArray(body)) return body.map(faultFromJson)
    if (typeof body === "object" && body !== null && typeof (body as { faults?: unknown }).faults === "string") {
      return parseFaults((body as { faults: string }).faults)
    }
    return [faultFromJson(body)]
  } catch (error) {
    throw new ApiError(400, "parameter_invalid", error instanceof Error ? error.message : String(error))
  }
}

const state: Handler = (ctx) => json(new SimulatorView(ctx.sim).summary())

const listFaults: Handler = (ctx) =>
  json({
    faults: ctx.sim.faults.list().map((f) => ({ ...f, spec: faultToJson(f.spec) })),
    history: ctx.sim.faults.history
  })

const injectFaults: Handler = (ctx) => {
  const ids = toSpecs(ctx.body).map((spec) => ctx.sim.faults.inject(spec))
  return json({ ids })
}

const clearFaults: Handler = (ctx) => {
  ctx.sim.faults.clear()
  return json({ cleared: true })
}

const removeFault: Handler = (ctx) => {
  if (!ctx.sim.faults.remove(param(ctx, "faultId"))) throw resourceNotFound()
  return json({ removed: true })
}

export const ADMIN_PREFIX = "/__admin"

export const adminRoutes = (router: Router<Handler>): void => {
  router
    .add("GET", `${ADMIN_PREFIX}/state`, state)
    .add("GET", `${ADMIN_PREFIX}/faults`, listFaults)
    .add("POST", `${ADMIN_PREFIX}/faults`, injectFaults)
    .add("DELETE", `${ADMIN_PREFIX}/faults`, clearFaults)
    .add("DELETE", `${ADMIN_PREFIX}/faults/:faultId`, removeFault)
}
