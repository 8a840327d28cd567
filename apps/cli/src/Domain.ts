import type { CompaniesShape, ScrollAborted, SegmentsShape, TagsShape } from "@intercom-explorer/core"
import type { Effect, Stream } from "effect"

// The models as core hands them out (the CLI depends on core only, not on models or http).

export type Company = Stream.Success<ReturnType<CompaniesShape["scroll"]>>
export type Tag = Effect.Success<ReturnType<TagsShape["list"]>>[number]
export type Segment = Effect.Success<ReturnType<SegmentsShape["list"]>>[number]
export type IntercomError = ScrollAborted["lastError"]
