import { randomUUID } from "node:crypto"
import { Replica } from "@intercom-explorer/replica"
import { Effect } from "effect"
import { summarizePlan } from "../PlanCodec.js"
import { type AttributeToCreate, type InvalidRow, type Operation, type Plan, PLAN_FORMAT, PLAN_VERSION, type PlanSource } from "../PlanFile.js"
import { planWarnings } from "./PlanWarnings.js"

export interface PlanParts {
  readonly source: PlanSource
  readonly operations: ReadonlyArray<Operation>
  readonly invalid: ReadonlyArray<InvalidRow>
  readonly unchanged: number
  /** Custom attributes to create before the writes (the section is left out when there are none). */
  readonly attributes?: ReadonlyArray<AttributeToCreate> | undefined
  /** Warnings of the build beside the plan's own (undefined attributes, unchecked types). */
  readonly warnings?: ReadonlyArray<string> | undefined
}

/** A new plan of these parts: a random id, made now, for the replica's workspace, with its summary and warnings. */
export const assemblePlan = Effect.fn("PlanAssembly.assemblePlan")(function*(parts: PlanParts) {
  const replica = yield* Replica
  const appId = yield* replica.appId()
  const plan: Plan = {
    format: PLAN_FORMAT,
    version: PLAN_VERSION,
    id: randomUUID(),
    createdAt: new Date().toISOString(),
    workspace: { appId: appId ?? null },
    source: parts.source,
    summary: summarizePlan(parts.operations, parts.invalid.length, parts.unchanged),
    operations: parts.operations,
    invalid: parts.invalid,
    warnings: [...(parts.warnings ?? []), ...planWarnings(parts.operations)],
    ...(parts.attributes === undefined || parts.attributes.length === 0 ? {} : { attributes: parts.attributes })
  }
  return plan
})
