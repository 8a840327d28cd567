import { IntercomConfig, type IntercomConfigOptions, IntercomHttp, RateLimitState } from "@intercom-explorer/http"
import { Layer } from "effect"
import { Pacing, type PacingOptions } from "./requests/Pacing.js"
import { RequestExecutor } from "./requests/RequestExecutor.js"
import { ScrollLock } from "./scroll/ScrollLock.js"
import { Companies } from "./services/Companies.js"
import { Contacts } from "./services/Contacts.js"
import { DataAttributes } from "./services/DataAttributes.js"
import { Notes } from "./services/Notes.js"
import { Segments } from "./services/Segments.js"
import { SubscriptionTypes } from "./services/SubscriptionTypes.js"
import { Tags } from "./services/Tags.js"

export interface IntercomClientOptions extends IntercomConfigOptions {
  /** How requests are spaced from the `X-RateLimit-*` headers. */
  readonly pacing?: PacingOptions | undefined
}

/** Everything `IntercomClient.layer` provides. */
export type IntercomClientServices =
  | Companies
  | Contacts
  | Tags
  | Segments
  | Notes
  | SubscriptionTypes
  | DataAttributes
  | RateLimitState
  | RequestExecutor
  | ScrollLock
  | Pacing
  | IntercomHttp

/** The domain services of one workspace, wired on one HTTP layer (node:http, `NodeTransport`). */
export const IntercomClient = {
  /**
   * Companies, Contacts, Tags, Segments, Notes, SubscriptionTypes and DataAttributes over one shared request
   * executor, pacing governor and rate-limit state (read `RateLimitState` for the budget), plus the
   * app's scroll lock. Building it does no I/O. Each call builds its own services, even where
   * layers are memoized (two clients for two workspaces never share one).
   */
  layer: (options: IntercomClientOptions): Layer.Layer<IntercomClientServices> => {
    const config = IntercomConfig.layer(options)
    const http = IntercomHttp.layer.pipe(Layer.provide(config))
    const pacing = Pacing.layer(options.pacing).pipe(Layer.provideMerge(http))
    const executor = RequestExecutor.layer.pipe(Layer.provideMerge(pacing))
    const runtime = Layer.merge(executor, ScrollLock.layer.pipe(Layer.provide(config)))
    // Fresh: the service layers are static values, so a shared MemoMap (a ManagedRuntime's, a
    // vitest `layer`'s, an outer `Effect.provide`) would otherwise hand a second client, with another
    // token, region or timeout, the services already built for the first one.
    return Layer.fresh(
      Layer.mergeAll(
        Companies.layer,
        Contacts.layer,
        Tags.layer,
        Segments.layer,
        Notes.layer,
        SubscriptionTypes.layer,
        DataAttributes.layer
      ).pipe(Layer.provideMerge(runtime))
    )
  }
} as const
