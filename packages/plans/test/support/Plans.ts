import type { Company } from "@intercom-explorer/core"
import type { Simulator } from "@intercom-explorer/simulator"
import { currentValue, hasTag } from "../../src/FieldValues.ts"
import { summarizePlan } from "../../src/PlanCodec.ts"
import { type FieldChange, type FieldValue, type Operation, type Plan, PLAN_FORMAT, PLAN_VERSION, type TagChange } from "../../src/PlanFile.ts"

// Plans built by hand from the simulator's current state, so the apply is tested on its own: each
// change's before is read the way a plan builder reads it (FieldValues), from the server itself.

export interface OperationSpec {
  /** An existing company (an update), by Intercom id. */
  readonly id?: string
  /** A new company (a create), by company_id. */
  readonly create?: string
  readonly set?: Readonly<Record<string, FieldValue>>
  readonly tag?: ReadonlyArray<string>
  readonly untag?: ReadonlyArray<string>
  readonly excluded?: boolean
}

let counter = 0

/** The company as a client reads it (the simulator's wire JSON is models' `Company`). */
export const companyOn = (sim: Simulator, id: string): Company => {
  const company = sim.state.companies.get(id)
  if (company === undefined) throw new Error(`no company ${id} in the simulator`)
  return company as unknown as Company
}

const operationOf = (sim: Simulator, spec: OperationSpec, seq: number): Operation => {
  const company = spec.id === undefined ? undefined : companyOn(sim, spec.id)
  const changes = Object.entries(spec.set ?? {}).map(([field, after]): FieldChange => ({
    field,
    before: company === undefined ? null : currentValue(company, field),
    after
  }))
  const tags: Array<TagChange> = [
    ...(spec.tag ?? []).filter((t) => company === undefined || !hasTag(company, t)).map((tag) => ({ tag, action: "add" as const })),
    ...(spec.untag ?? []).filter((t) => company !== undefined && hasTag(company, t)).map((tag) => ({ tag, action: "remove" as const }))
  ]
  return {
    seq,
    kind: company === undefined ? "create" : "update",
    id: company?.id ?? null,
    companyId: company?.company_id ?? spec.create ?? null,
    label: (company?.name ?? String(spec.set?.name ?? spec.create ?? "")) || "(no name)",
    updatedAt: company?.updated_at ?? null,
    changes,
    tags,
    ...(spec.excluded === true ? { excluded: true } : {})
  }
}

/** A plan of these operations against the simulator as it is now. */
export const planOf = (sim: Simulator, specs: ReadonlyArray<OperationSpec>, options: { readonly appId?: string | null } = {}): Plan => {
  const operations = specs.map((spec, i) => operationOf(sim, spec, i + 1))
  return {
    format: PLAN_FORMAT,
    version: PLAN_VERSION,
    id: `test-plan-${process.pid}-${++counter}-${Date.now()}`,
    createdAt: new Date().toISOString(),
    workspace: { appId: options.appId === undefined ? sim.state.appId : options.appId },
    source: { kind: "query", query: "test", assignments: [] },
    summary: summarizePlan(operations, 0, 0),
    operations,
    invalid: [],
    warnings: []
  }
}

/** The first `n` company ids of the simulator (sorted, so a seed gives the same ones). */
export const someIds = (sim: Simulator, n: number, from = 0): Array<string> => sim.state.companies.ids().sort().slice(from, from + n)

/** The plan's after-state per company, as (id -> field -> value) and tags, for checking the server. */
export const assertAtAfter = (sim: Simulator, plan: Plan, check: (ok: boolean, message: string) => void): void => {
  for (const op of plan.operations) {
    if (op.excluded === true) continue
    const wire = op.id !== null ? sim.state.companies.get(op.id) : sim.state.companies.byCompanyId(op.companyId ?? "")
    check(wire !== undefined, `company ${op.id ?? op.companyId} exists`)
    const company = wire as unknown as Company
    for (const change of op.changes) {
      if (change.excluded === true) continue
      const value = currentValue(company, change.field)
      check(value === change.after, `${op.label} ${change.field}: ${JSON.stringify(value)} = ${JSON.stringify(change.after)}`)
    }
    for (const tag of op.tags) {
      if (tag.excluded === true) continue
      const has = sim.state.tagsOf(company.id).some((t) => t.name.toLowerCase() === tag.tag.toLowerCase())
      check(has === (tag.action === "add"), `${op.label} tag ${tag.tag} ${tag.action}`)
    }
  }
}

/**
 * `n` company ids (sorted, from the `from`th) whose standard fields are all set, so an undo can give
 * every one back (Intercom cannot clear a standard field).
 */
export const fullIds = (sim: Simulator, n: number, from = 0): Array<string> =>
  sim.state.companies.ids().sort().slice(from).filter((id) => {
    const company = companyOn(sim, id)
    return ["name", "plan", "size", "website", "industry"].every((field) => currentValue(company, field) !== null)
  }).slice(0, n)
