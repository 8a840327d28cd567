import type { Handler } from "../http/Context.js"
import { json } from "../http/Reply.js"
import type { Router } from "../http/Router.js"
import { meWire, subscriptionTypeWire } from "../Wire.js"

// Workspace-level reads: the subscription types, and GET /me, which clients call to check a
// token and learn the workspace (the extension's sign-in does).

const subscriptionTypes: Handler = (ctx) =>
  json({ type: "list", data: Array.from(ctx.core.ws.subscriptions.values(), subscriptionTypeWire) })

const me: Handler = (ctx) => json(meWire(ctx.core.ws.defaultAdmin, ctx.core.ws.app))

export const workspaceRoutes = (router: Router<Handler>): void => {
  router.add("GET", "/subscription_types", subscriptionTypes).add("GET", "/me", me)
}
