import {
  type Company,
  Companies,
  CreateOrUpdateCompanyRequest,
  type IntercomError,
  Tags,
  UpdateCompanyRequest,
  validateRequest
} from "@intercom-explorer/core"
import { Effect, Result } from "effect"
import { customKey, isCustomField, isStandardField } from "../FieldValues.js"
import type { FieldChange, FieldValue, Operation, TagChange } from "../PlanFile.js"

// The requests of one operation, all idempotent: PUT /companies/{id} with the fields still to
// change (custom ones merged into custom_attributes), or the upsert POST /companies by company_id,
// or DELETE; then each tag still to add or remove. The body is built and validated first (the same
// messages as the edit boxes), so an invalid one fails its row before anything is sent.

/** What the journal records before the requests go out. */
export interface WriteBody {
  readonly update?: { readonly id: string; readonly body: Record<string, unknown> }
  readonly upsert?: Record<string, unknown>
  readonly delete?: string
  readonly tag: ReadonlyArray<string>
  readonly untag: ReadonlyArray<string>
}

export interface Write {
  readonly body: WriteBody
  readonly send: Effect.Effect<{ readonly resultId: string | null; readonly updatedAt: number | null }, IntercomError, Companies | Tags>
}

const fieldsBody = (fields: ReadonlyArray<FieldChange>): Record<string, unknown> => {
  const body: Record<string, unknown> = {}
  const custom: Record<string, FieldValue> = {}
  for (const change of fields) {
    if (isCustomField(change.field)) custom[customKey(change.field)] = change.after
    else body[change.field] = change.after
  }
  if (Object.keys(custom).length > 0) body.custom_attributes = custom
  return body
}

/** Why the fields cannot be sent as they are, or undefined. */
const unsendable = (fields: ReadonlyArray<FieldChange>): string | undefined => {
  for (const change of fields) {
    if (!isStandardField(change.field) && !isCustomField(change.field)) return `${change.field} is not a field a plan can change`
    if (isStandardField(change.field) && change.after === null) {
      return `Intercom cannot clear ${change.field} (a standard field); leave it out of the plan`
    }
  }
  return undefined
}

const tagRequests = (id: string, tags: ReadonlyArray<TagChange>) =>
  Effect.gen(function*() {
    const service = yield* Tags
    for (const tag of tags) {
      yield* tag.action === "add" ? service.tagCompanies(tag.tag, [{ id }]) : service.untagCompanies(tag.tag, [{ id }])
    }
  })

const names = (tags: ReadonlyArray<TagChange>, action: TagChange["action"]) =>
  tags.filter((t) => t.action === action).map((t) => t.tag)

/**
 * The write that brings `company` (as read now; undefined when missing) to `op`'s after-state, given
 * the fields and tags still to do; a validation message when it cannot be sent.
 */
export const writeFor = (
  op: Operation,
  company: Company | undefined,
  fields: ReadonlyArray<FieldChange>,
  tags: ReadonlyArray<TagChange>
): Result.Result<Write, string> => {
  const tagBody = { tag: names(tags, "add"), untag: names(tags, "remove") }
  if (op.kind === "delete") {
    const id = op.id ?? company?.id
    if (id === undefined) return Result.fail("a delete needs the company's id")
    return Result.succeed({
      body: { delete: id, tag: [], untag: [] },
      send: Effect.gen(function*() {
        const companies = yield* Companies
        yield* companies.delete(id)
        return { resultId: id, updatedAt: null }
      }).pipe(
        // Already gone (an earlier run's delete that was never heard back, or someone else's).
        Effect.catchIf((error) => error.reason._tag === "NotFound", () => Effect.succeed({ resultId: id, updatedAt: null }))
      )
    })
  }
  const problem = unsendable(fields)
  if (problem !== undefined) return Result.fail(problem)
  if (op.kind === "create" && company === undefined) {
    if (op.companyId === null) return Result.fail("a create needs a company_id")
    const body = { company_id: op.companyId, ...fieldsBody(fields) }
    const valid = validateRequest(CreateOrUpdateCompanyRequest)(body)
    if (Result.isFailure(valid)) return Result.fail(valid.failure.message)
    return Result.succeed({
      body: { upsert: body, ...tagBody },
      send: Effect.gen(function*() {
        const companies = yield* Companies
        const created = yield* companies.upsert(valid.success)
        yield* tagRequests(created.id, tags)
        return { resultId: created.id, updatedAt: created.updated_at ?? null }
      })
    })
  }
  const id = company?.id ?? op.id
  if (id === undefined || id === null) return Result.fail("an update needs the company's id")
  if (fields.length === 0) {
    return Result.succeed({
      body: tagBody,
      send: tagRequests(id, tags).pipe(Effect.as({ resultId: id, updatedAt: company?.updated_at ?? null }))
    })
  }
  const body = fieldsBody(fields)
  const valid = validateRequest(UpdateCompanyRequest)(body)
  if (Result.isFailure(valid)) return Result.fail(valid.failure.message)
  return Result.succeed({
    body: { update: { id, body }, ...tagBody },
    send: Effect.gen(function*() {
      const companies = yield* Companies
      const updated = yield* companies.update(id, valid.success)
      yield* tagRequests(id, tags)
      return { resultId: id, updatedAt: updated.updated_at ?? null }
    })
  })
}

/** How many requests `body` makes. */
export const requestCount = (body: WriteBody): number =>
  (body.update !== undefined || body.upsert !== undefined || body.delete !== undefined ? 1 : 0) + body.tag.length +
  body.untag.length
