import { assert, describe, it } from "@effect/vitest"
import type { Company } from "@intercom-explorer/core"
import { Replica } from "@intercom-explorer/replica"
import { Effect } from "effect"
import { hasTag } from "../src/FieldValues.js"
import { planFromQuery, type PlanFromQueryOptions } from "../src/build/PlanFromQuery.js"
import { allCompanies, syncedReplicaLayer } from "./support/SyncedReplica.js"

/** The AssignmentInvalid of planning with these options: which assignment, and why. */
const refusal = (options: PlanFromQueryOptions) =>
  Effect.gen(function*() {
    const error = yield* Effect.flip(planFromQuery(options))
    const reason = error.reason as { _tag: string; assignment: string; detail: string }
    assert.strictEqual(reason._tag, "AssignmentInvalid")
    return [reason.assignment, reason.detail]
  })

const onPlan = (companies: ReadonlyArray<Company>, name: string) => companies.filter((c) => c.plan?.name === name)

describe("planFromQuery: the same assignments on every company a replica query matches", () => {
  it.layer(syncedReplicaLayer({ companies: 200 }), { timeout: 60_000, excludeTestServices: true })((it) => {
    it.effect("set, tag and untag on every match: only what differs, tags only where they change anything", () =>
      Effect.gen(function*() {
        const companies = yield* allCompanies
        const starters = onPlan(companies, "Starter")
        assert.isAbove(starters.length, 10)
        const plan = yield* planFromQuery({
          query: "plan:Starter",
          set: ["plan=Growth", "custom.tier=gold", "seats=5"],
          tag: ["VIP"],
          untag: ["Churn risk"]
        })
        const replica = yield* Replica
        assert.deepStrictEqual(plan.source, {
          kind: "query",
          query: "plan:Starter",
          assignments: ["set plan=Growth", "set custom.tier=gold", "set seats=5", "tag VIP", "untag Churn risk"]
        })
        assert.strictEqual(plan.workspace.appId, (yield* replica.appId()) ?? null)
        assert.deepStrictEqual(plan.invalid, [])
        assert.deepStrictEqual([...plan.operations.map((op) => op.id)].sort(), starters.map((c) => c.id).sort())
        for (const op of plan.operations) {
          const company = starters.find((c) => c.id === op.id)!
          assert.deepStrictEqual(op.changes, [
            { field: "plan", before: "Starter", after: "Growth" },
            { field: "custom.tier", before: null, after: "gold" },
            ...(company.custom_attributes?.seats === 5 ? [] : [{ field: "custom.seats", before: company.custom_attributes?.seats as number, after: 5 }])
          ])
          assert.deepStrictEqual(op.tags, [
            ...(hasTag(company, "VIP") ? [] : [{ tag: "VIP", action: "add" as const }]),
            ...(hasTag(company, "churn risk") ? [{ tag: "Churn risk", action: "remove" as const }] : [])
          ])
          assert.deepStrictEqual([op.kind, op.companyId, op.label, op.updatedAt], ["update", company.company_id ?? null, company.name ?? "", company.updated_at ?? null])
        }
        assert.deepStrictEqual(plan.operations.map((op) => op.seq), starters.map((_, i) => i + 1))
        assert.deepStrictEqual(plan.summary, { creates: 0, updates: starters.length, tagChanges: 0, deletes: 0, unchanged: 0, invalid: 0 })
      }))

    it.effect("companies already so are unchanged; ids restrict the matches; custom.KEY= clears to null", () =>
      Effect.gen(function*() {
        const companies = yield* allCompanies
        const growth = onPlan(companies, "Growth")
        const same = yield* planFromQuery({ query: "plan:growth", set: ["plan=Growth"] })
        assert.deepStrictEqual([same.operations.length, same.summary.unchanged], [0, growth.length])

        const picked = [growth[0]!.id, growth[1]!.id, onPlan(companies, "Free")[0]!.id]
        const some = yield* planFromQuery({ query: "plan:Growth", set: ["industry=Bulk"], ids: picked })
        assert.deepStrictEqual(some.operations.map((op) => op.id).sort(), picked.slice(0, 2).sort())

        const managed = growth.filter((c) => c.custom_attributes?.account_manager != null)
        const cleared = yield* planFromQuery({ query: "plan:Growth", set: ["custom.account_manager="] })
        assert.deepStrictEqual(
          cleared.operations.map((op) => [op.id, op.changes]),
          managed.map((c) => [c.id, [{ field: "custom.account_manager", before: c.custom_attributes!.account_manager as string, after: null }]])
        )
        assert.strictEqual(cleared.summary.unchanged, growth.length - managed.length)
      }))

    it.effect("a warning when a standard field is set where it was empty", () =>
      Effect.gen(function*() {
        const companies = yield* allCompanies
        const noSite = companies.filter((c) => (c.website ?? null) === null).length
        assert.isAbove(noSite, 0)
        const plan = yield* planFromQuery({ query: "", set: ["website=https://bulk.example.com"] })
        assert.deepStrictEqual(plan.warnings, [
          `website is set on ${noSite} ${noSite === 1 ? "company" : "companies"} where it was empty: an undo cannot empty it again (Intercom cannot clear a standard field)`
        ])
      }))

    it.effect("a bad assignment refuses the whole plan, naming it with the models' message", () =>
      Effect.gen(function*() {
        assert.deepStrictEqual(yield* refusal({ query: "", set: ["name="] }), ["set name=", "Intercom cannot clear name"])
        assert.deepStrictEqual(yield* refusal({ query: "", set: ["size=lots"] }), ["set size=lots", "size must be a whole number of employees (0 or more)"])
        assert.deepStrictEqual(yield* refusal({ query: "", set: ["website=not a site"] }), ["set website=not a site", "website must be a web address such as https://example.com"])
        assert.deepStrictEqual(yield* refusal({ query: "", set: ["seats=many"] }), ["set seats=many", "seats holds numbers in this workspace"])
        const unknown = yield* refusal({ query: "", set: ["colour=red"] })
        assert.strictEqual(unknown[0], "set colour=red")
        assert.match(unknown[1]!, /^unknown field "colour"/)
        assert.deepStrictEqual(yield* refusal({ query: "", set: ["plan"] }), ["set plan", "an assignment is FIELD=VALUE (e.g. plan=Pro, custom.tier=gold)"])
        assert.deepStrictEqual(yield* refusal({ query: "", tag: [" VIP"] }), ["tag  VIP", "tag name must not start or end with spaces"])
        assert.deepStrictEqual(yield* refusal({ query: "", tag: ["VIP"], untag: ["vip"] }), ["untag VIP", `"VIP" is both added and removed`])
      }))

    it.effect("a query the replica cannot parse fails as the replica's error", () =>
      Effect.gen(function*() {
        const error = yield* Effect.flip(planFromQuery({ query: "size:>>", set: ["plan=Pro"] }))
        assert.strictEqual(error._tag, "ReplicaError")
      }))
  })
})
