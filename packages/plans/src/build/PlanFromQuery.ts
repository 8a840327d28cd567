import { Replica, type ReplicaError, toCompany } from "@intercom-explorer/replica"
import { Effect, Result, Stream } from "effect"
import type { PlanError } from "../PlanErrors.js"
import type { Operation, Plan } from "../PlanFile.js"
import { parseAssignments } from "./Assignments.js"
import { customKey, isCustomField } from "../FieldValues.js"
import { attributeChecker, knownAttributes } from "./AttributeCheck.js"
import { companyLabel, diffCompany } from "./CompanyDiff.js"
import { assemblePlan } from "./PlanAssembly.js"

export interface PlanFromQueryOptions {
  /** A replica query (see the replica's query language); every match is planned. */
  readonly query: string
  /** "FIELD=VALUE" / "custom.KEY=VALUE"; "custom.KEY=" clears (null). */
  readonly set?: ReadonlyArray<string> | undefined
  readonly tag?: ReadonlyArray<string> | undefined
  readonly untag?: ReadonlyArray<string> | undefined
  /** Only these Intercom ids (a multi-selection), ANDed with the query. */
  readonly ids?: ReadonlyArray<string> | undefined
}

/**
 * The plan of setting the same fields and tags on every company the query matches in the replica.
 * A company already so is counted unchanged. Fails with `AssignmentInvalid` (nothing planned) when
 * an assignment names no field or its value is invalid.
 */
export const planFromQuery: (options: PlanFromQueryOptions) => Effect.Effect<Plan, PlanError | ReplicaError, Replica> = Effect.fn(
  "PlanFromQuery.planFromQuery"
)(function*(options: PlanFromQueryOptions) {
  const replica = yield* Replica
  const definitions = yield* replica.companyAttributes()
  const known = knownAttributes(yield* replica.customAttributes(), definitions)
  const checker = attributeChecker(definitions)
  const parsed = parseAssignments(options, known, (field, value) => (isCustomField(field) ? checker.problem(customKey(field), value) : undefined))
  if (Result.isFailure(parsed)) return yield* Effect.fail(parsed.failure)
  const assignments = parsed.success
  const only = options.ids === undefined ? undefined : new Set(options.ids)

  const operations: Array<Operation> = []
  let unchanged = 0
  yield* Stream.runForEach(replica.streamRaw(options.query), (raw) =>
    Effect.sync(() => {
      if (only !== undefined && !only.has(raw.id)) return
      const company = toCompany(raw.json)
      const { changes, tags } = diffCompany(company, assignments.values, assignments.tag, assignments.untag)
      if (changes.length === 0 && tags.length === 0) {
        unchanged++
        return
      }
      operations.push({
        seq: operations.length + 1,
        kind: "update",
        id: company.id,
        companyId: company.company_id ?? null,
        label: companyLabel(company, new Map(), null),
        updatedAt: company.updated_at ?? null,
        changes,
        tags
      })
      checker.accept(changes, "the assignment")
    }))

  return yield* assemblePlan({
    source: { kind: "query", query: options.query, assignments: assignments.recorded },
    operations,
    invalid: [],
    unchanged,
    attributes: checker.attributes(),
    warnings: checker.warnings()
  })
})
