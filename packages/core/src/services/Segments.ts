import type { IntercomError } from "@intercom-explorer/http"
import { type Segment, Segment as SegmentSchema, SegmentList } from "@intercom-explorer/models"
import { Context, Effect, Layer } from "effect"
import { RequestExecutor } from "../requests/RequestExecutor.js"
import { path, requireId } from "../requests/RequestPath.js"

export interface SegmentListOptions {
  /** Ask Intercom to count each segment's members (`count`). */
  readonly includeCount?: boolean | undefined
}

export interface SegmentsShape {
  /** GET /segments (the answer is the legacy `segment.list` envelope). */
  readonly list: (options?: SegmentListOptions) => Effect.Effect<ReadonlyArray<Segment>, IntercomError>
  /** GET /segments/{id}. */
  readonly get: (id: string) => Effect.Effect<Segment, IntercomError>
}

export class Segments extends Context.Service<Segments, SegmentsShape>()("@intercom-explorer/core/Segments") {
  static readonly layer: Layer.Layer<Segments, never, RequestExecutor> = Layer.effect(
    Segments,
    Effect.gen(function*() {
      const executor = yield* RequestExecutor

      const list = Effect.fn("Segments.list")(function*(options: SegmentListOptions = {}) {
        const result = yield* executor.execute({
          method: "GET",
          path: "/segments",
          query: { include_count: options.includeCount === true ? true : undefined },
          response: SegmentList
        }, "idempotent")
        return result.segments
      })

      const get = Effect.fn("Segments.get")(function*(id: string) {
        yield* requireId("GET", "/segments/{id}", "the segment id", id)
        return yield* executor.execute({
          method: "GET",
          path: path`/segments/${id}`,
          response: SegmentSchema
        }, "idempotent")
      })

      return Segments.of({ list, get })
    })
  )
}
