import type { IntercomError } from "@intercom-explorer/http"
import {
  CreateDataAttributeRequest,
  type DataAttribute,
  DataAttribute as DataAttributeSchema,
  DataAttributeList,
  UpdateDataAttributeRequest
} from "@intercom-explorer/models"
import { Context, Effect, Layer } from "effect"
import { RequestExecutor } from "../requests/RequestExecutor.js"
import { path, requireId } from "../requests/RequestPath.js"

export interface DataAttributeListOptions {
  /** Only this model's attributes (all models when omitted). */
  readonly model?: "company" | "contact" | "conversation" | undefined
  /** Archived custom attributes too (Intercom leaves them out by default). */
  readonly includeArchived?: boolean | undefined
}

export interface DataAttributesShape {
  /** GET /data_attributes: the standard and custom attributes, in one list (not paged). */
  readonly list: (options?: DataAttributeListOptions) => Effect.Effect<ReadonlyArray<DataAttribute>, IntercomError>
  /**
   * POST /data_attributes: defines a custom attribute. Never repeated once Intercom may have acted
   * (a retry after a lost answer would meet "You already have ..."), so only a 429 is retried. The
   * request comes validated: `validateRequest(CreateDataAttributeRequest)({ name, model, data_type })`.
   */
  readonly create: (attribute: CreateDataAttributeRequest) => Effect.Effect<DataAttribute, IntercomError>
  /**
   * PUT /data_attributes/{id}: changes a custom attribute's description, options or messenger
   * access, or archives it (`archived: true`). Standard attributes have no id and cannot be changed.
   * The change comes validated: `validateRequest(UpdateDataAttributeRequest)(input)`.
   */
  readonly update: (
    id: number | string,
    changes: UpdateDataAttributeRequest
  ) => Effect.Effect<DataAttribute, IntercomError>
}

export class DataAttributes extends Context.Service<DataAttributes, DataAttributesShape>()(
  "@intercom-explorer/core/DataAttributes"
) {
  static readonly layer: Layer.Layer<DataAttributes, never, RequestExecutor> = Layer.effect(
    DataAttributes,
    Effect.gen(function*() {
      const executor = yield* RequestExecutor

      const list = Effect.fn("DataAttributes.list")(function*(options: DataAttributeListOptions = {}) {
        const result = yield* executor.execute({
          method: "GET",
          path: "/data_attributes",
          query: { model: options.model, include_archived: options.includeArchived },
          response: DataAttributeList
        }, "idempotent")
        return result.data
      })

      const create = Effect.fn("DataAttributes.create")(function*(attribute: CreateDataAttributeRequest) {
        return yield* executor.execute({
          method: "POST",
          path: "/data_attributes",
          body: { schema: CreateDataAttributeRequest, value: attribute },
          response: DataAttributeSchema
        }, "create-once")
      })

      const update = Effect.fn("DataAttributes.update")(
        function*(id: number | string, changes: UpdateDataAttributeRequest) {
          const checked = yield* requireId("PUT", "/data_attributes/{id}", "the data attribute id", String(id))
          return yield* executor.execute({
            method: "PUT",
            path: path`/data_attributes/${checked}`,
            body: { schema: UpdateDataAttributeRequest, value: changes },
            response: DataAttributeSchema
          }, "idempotent")
        }
      )

      return DataAttributes.of({ list, create, update })
    })
  )
}
