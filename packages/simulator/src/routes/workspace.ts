import type { Handler } from "../server/RequestContext.js"
import { json } from "../server/Reply.js"
import type { Router } from "../server/Router.js"
import { subscriptionListWire } from "../wire/subscriptions.js"
import { meWire } from "../wire/workspace.js"

// Workspace-level reads: the subscription types, and GET /me, which clients call to check a
// token and learn the workspace (the extension's sign-in does).

const subscriptionTypes: Handler = (ctx) =>
  json(subscriptionListWire(Array.from(ctx.sim.workspace.subscriptions.values())))

const me: Handler = (ctx) => json(meWire(ctx.sim.workspace.defaultAdmin, ctx.sim.workspace.app))

export const workspaceRoutes = (router: Router<Handler>): void => {
  router.add("GET", "/subscription_types", subscriptionTypes).add("GET", "/me", me)
}
