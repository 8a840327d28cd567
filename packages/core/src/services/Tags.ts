import type { IntercomError } from "@intercom-explorer/http"
import {
  CreateOrUpdateTagRequest,
  type Tag,
  type TagBasic,
  TagBasic as TagBasicSchema,
  TagCompanyRequest,
  TagList,
  UntagCompanyRequest
} from "@intercom-explorer/models"
import { Context, Effect, Layer, type Schema } from "effect"
import { RequestExecutor } from "../requests/RequestExecutor.js"
import { Ignored, requestBody } from "../requests/RequestBody.js"
import { path, requireId } from "../requests/RequestPath.js"

/**
 * A company to tag or untag: its Intercom id as a string, or `{ id }` / `{ company_id }`.
 */
export type CompanyRef = string | { readonly id: string } | { readonly company_id: string }

const toItem = (ref: CompanyRef): { readonly id?: string; readonly company_id?: string } =>
  typeof ref === "string" ? { id: ref } : ref

export interface TagsShape {
  /** GET /tags: every tag of the workspace. */
  readonly list: () => Effect.Effect<ReadonlyArray<Tag>, IntercomError>
  /** GET /tags/{id}. */
  readonly get: (id: string) => Effect.Effect<TagBasic, IntercomError>
  /** POST /tags {name}: creates the tag, or returns the existing one of that name. */
  readonly create: (name: string) => Effect.Effect<TagBasic, IntercomError>
  /** POST /tags {id, name}: renames a tag. */
  readonly rename: (id: string, name: string) => Effect.Effect<TagBasic, IntercomError>
  /** POST /tags {name, companies}: tags companies in one call (creating the tag if needed). */
  readonly tagCompanies: (name: string, companies: ReadonlyArray<CompanyRef>) => Effect.Effect<TagBasic, IntercomError>
  /** POST /tags {name, companies: [{..., untag: true}]}: removes the tag from companies. */
  readonly untagCompanies: (
    name: string,
    companies: ReadonlyArray<CompanyRef>
  ) => Effect.Effect<TagBasic, IntercomError>
  /**
   * DELETE /tags/{id}. A tag that segments depend on is refused with the BadRequest reason and
   * code `tag_has_dependent_objects`.
   */
  readonly delete: (id: string) => Effect.Effect<void, IntercomError>
}

export class Tags extends Context.Service<Tags, TagsShape>()("@intercom-explorer/core/Tags") {
  static readonly layer: Layer.Layer<Tags, never, RequestExecutor> = Layer.effect(
    Tags,
    Effect.gen(function*() {
      const executor = yield* RequestExecutor

      const list = Effect.fn("Tags.list")(function*() {
        const result = yield* executor.execute({ method: "GET", path: "/tags", response: TagList }, "idempotent")
        return result.data
      })

      const get = Effect.fn("Tags.get")(function*(id: string) {
        yield* requireId("GET", "/tags/{id}", "the tag id", id)
        return yield* executor.execute({ method: "GET", path: path`/tags/${id}`, response: TagBasicSchema }, "idempotent")
      })

      /** Every write of this service is a POST /tags in one of its shapes, answered with the tag. */
      const postTags = <S extends Schema.Codec<any, any>>(schema: S, value: S["Encoded"]) =>
        Effect.flatMap(requestBody(schema, "POST", "/tags", value), (body) =>
          executor.execute({
            method: "POST",
            path: "/tags",
            body: { schema: schema as Schema.Codec<S["Type"], unknown>, value: body },
            response: TagBasicSchema
          }, "idempotent"))

      const create = Effect.fn("Tags.create")(function*(name: string) {
        return yield* postTags(CreateOrUpdateTagRequest, { name })
      })

      const rename = Effect.fn("Tags.rename")(function*(id: string, name: string) {
        yield* requireId("POST", "/tags", "the tag id", id)
        return yield* postTags(CreateOrUpdateTagRequest, { id, name })
      })

      const tagCompanies = Effect.fn("Tags.tagCompanies")(
        function*(name: string, companies: ReadonlyArray<CompanyRef>) {
          return yield* postTags(TagCompanyRequest, {
            name,
            companies: companies.map(toItem)
          })
        }
      )

      const untagCompanies = Effect.fn("Tags.untagCompanies")(
        function*(name: string, companies: ReadonlyArray<CompanyRef>) {
          return yield* postTags(UntagCompanyRequest, {
            name,
            companies: companies.map((ref) => ({ ...toItem(ref), untag: true as const }))
          })
        }
      )

      const remove = Effect.fn("Tags.delete")(function*(id: string) {
        yield* requireId("DELETE", "/tags/{id}", "the tag id", id)
        yield* executor.execute({ method: "DELETE", path: path`/tags/${id}`, response: Ignored }, "idempotent")
      })

      return Tags.of({ list, get, create, rename, tagCompanies, untagCompanies, delete: remove })
    })
  )
}
