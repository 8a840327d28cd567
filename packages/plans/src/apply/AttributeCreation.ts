import {
  definedCompanyAttributes,
  CreateDataAttributeRequest,
  customAttributeValueProblem,
  type DataAttribute,
  DataAttributes,
  describeError,
  type IntercomError,
  validateRequest
} from "@intercom-explorer/core"
import { Effect, Result } from "effect"
import { ApplyStopped, type PlanError, planError } from "../PlanErrors.js"
import { type AttributeToCreate, attributesToCreate, type Plan } from "../PlanFile.js"
import type { AttributeRecord, JournalShape } from "../journal/Journal.js"
import { plannedChanges } from "./OperationCheck.js"

// The plan's custom attributes are created before any company write: Intercom drops a write to an
// undefined attribute. POST /data_attributes is not idempotent (a second one meets "You already
// have ..."), so each is journalled `sent` before it goes out; a run that finds one `sent`, or whose
// create is refused, lists the attributes and counts one that is there as done. An attribute that
// exists with a type the plan's values do not fit stops the apply: its writes would be dropped.

/** What became of one of the plan's attributes in this apply. */
export interface AttributeOutcome {
  readonly name: string
  readonly dataType: AttributeToCreate["data_type"]
  /** created by this apply (or an earlier run of it), or already there; excluded by the reviewer. */
  readonly state: "created" | "existed" | "excluded"
}

const stopped = (plan: Plan, detail: string) => planError(new ApplyStopped({ planId: plan.id, detail }))

/** The plan's values of custom.NAME that `attribute` would not take, as the first message. */
const misfit = (plan: Plan, name: string, attribute: DataAttribute): string | undefined => {
  for (const op of plan.operations) {
    for (const change of plannedChanges(op).fields) {
      if (change.field !== `custom.${name}`) continue
      const problem = customAttributeValueProblem(attribute, change.after)
      if (problem !== undefined) return `${op.label}: ${problem}`
    }
  }
  return undefined
}

/** The attributes of a finished or running apply, with the excluded ones, for its summary. */
export const attributeOutcomes = (plan: Plan, records: ReadonlyArray<AttributeRecord>): ReadonlyArray<AttributeOutcome> =>
  (plan.attributes ?? []).flatMap((a): ReadonlyArray<AttributeOutcome> => {
    if (a.excluded === true) return [{ name: a.name, dataType: a.data_type, state: "excluded" }]
    const record = records.find((r) => r.name === a.name)
    return record === undefined || record.state === "sent" ? [] : [{ name: a.name, dataType: a.data_type, state: record.state }]
  })

/**
 * Creates the plan's attributes that the journal does not record as done (the reviewer's
 * exclusions aside). Fails with ApplyStopped (resumable) when one cannot be created or exists with
 * a type the plan's values do not fit; a refused token stops it the same way.
 */
export const createPlanAttributes = Effect.fn("AttributeCreation.createPlanAttributes")(function*(
  plan: Plan,
  journal: JournalShape
): Effect.fn.Return<void, PlanError, DataAttributes> {
  const wanted = attributesToCreate(plan)
  if (wanted.length === 0) return
  const done = new Map((yield* journal.attributes(plan.id)).map((r) => [r.name, r]))
  const service = yield* DataAttributes
  const listed = (what: string) =>
    service.list({ model: "company" }).pipe(
      Effect.mapError((error) => stopped(plan, `could not list the data attributes ${what}: ${describeError(error)}`))
    )
  const existing = (list: ReadonlyArray<DataAttribute>, name: string) => definedCompanyAttributes(list).get(name)

  /** An attribute found in Intercom: done, when the plan's values fit its type. */
  const found = (attribute: DataAttribute, state: "created" | "existed") =>
    Effect.gen(function*() {
      const problem = misfit(plan, attribute.name, attribute)
      if (problem !== undefined) {
        return yield* stopped(plan, `custom.${attribute.name} exists in Intercom as ${attribute.data_type}, and the plan's values do not fit it (${problem}): make the plan again`)
      }
      yield* journal.finishAttribute(plan.id, attribute.name, state, attribute)
    })

  for (const attribute of wanted) {
    const record = done.get(attribute.name)
    if (record !== undefined && record.state !== "sent") continue
    if (record?.state === "sent") {
      // An earlier run sent it and never heard back: it may be there.
      const there = existing(yield* listed(`to see whether custom.${attribute.name} was created`), attribute.name)
      if (there !== undefined) {
        yield* found(there, "created")
        continue
      }
    }
    const request = validateRequest(CreateDataAttributeRequest)({ name: attribute.name, model: "company", data_type: attribute.data_type })
    if (Result.isFailure(request)) return yield* stopped(plan, `custom.${attribute.name} cannot be created: ${request.failure.message}`)
    yield* journal.markAttributeSent(plan.id, attribute.name, attribute.data_type)
    const answer = yield* Effect.result(service.create(request.success))
    if (Result.isSuccess(answer)) {
      yield* found(answer.success, "created")
      continue
    }
    const error: IntercomError = answer.failure
    if (error.reason._tag === "Unauthorized" || error.reason._tag === "Forbidden") return yield* stopped(plan, describeError(error))
    // Refused as taken ("You already have ..."), or a failure after which it may be there: look.
    const there = existing(yield* listed(`after the create of custom.${attribute.name} failed`), attribute.name)
    if (there === undefined) return yield* stopped(plan, `could not create custom.${attribute.name} (${attribute.data_type}): ${describeError(error)}`)
    // Refused (400: it was there before) is "existed"; after a timeout, a dropped connection or a
    // 5xx it is there because this create landed, so it stays "created" (the undo warns of it).
    yield* found(there, error.reason._tag === "BadRequest" ? "existed" : "created")
  }
})
