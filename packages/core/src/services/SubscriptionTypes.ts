import type { IntercomError } from "@intercom-explorer/http"
import { type SubscriptionType, SubscriptionTypeList } from "@intercom-explorer/models"
import { Context, Effect, Layer } from "effect"
import { RequestExecutor } from "../requests/RequestExecutor.js"

export interface SubscriptionTypesShape {
  /** GET /subscription_types. */
  readonly list: () => Effect.Effect<ReadonlyArray<SubscriptionType>, IntercomError>
}

export class SubscriptionTypes extends Context.Service<SubscriptionTypes, SubscriptionTypesShape>()(
  "@intercom-explorer/core/SubscriptionTypes"
) {
  static readonly layer: Layer.Layer<SubscriptionTypes, never, RequestExecutor> = Layer.effect(
    SubscriptionTypes,
    Effect.gen(function*() {
      const executor = yield* RequestExecutor
      const list = Effect.fn("SubscriptionTypes.list")(function*() {
        const result = yield* executor.execute({
          method: "GET",
          path: "/subscription_types",
          response: SubscriptionTypeList
        }, "idempotent")
        return result.data
      })
      return SubscriptionTypes.of({ list })
    })
  )
}
