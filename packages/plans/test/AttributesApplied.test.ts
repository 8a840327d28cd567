import path from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { IntercomClient } from "@intercom-explorer/core"
import { Replica, withWriteThrough } from "@intercom-explorer/replica"
import { defineCompanyAttributes } from "@intercom-explorer/simulator"
import { Effect } from "effect"
import { planFromQuery } from "../src/build/PlanFromQuery.js"
import { Journal } from "../src/journal/Journal.js"
import type { Plan } from "../src/PlanFile.js"
import { undoPlanOf } from "../src/undo/UndoPlan.js"
import { applyWith, withJournal, writesSince } from "./support/ApplyHarness.js"
import { Sim, tempDir, TOKEN } from "./support/Simulator.js"
import { allCompanies, syncedReplicaLayer } from "./support/SyncedReplica.js"

// The apply creates a plan's custom attributes before any company write (Intercom drops writes to
// an undefined attribute), exactly once across runs, and leaves out the writes of one the reviewer
// excluded. Against the simulator over HTTP, which drops undefined keys as Intercom does.

/** A plan setting `set` on the first `n` companies of the replica (from the `from`th). */
const planOn = (set: ReadonlyArray<string>, n = 3, from = 0) =>
  Effect.flatMap(allCompanies, (companies) => planFromQuery({ query: "", ids: companies.slice(from, from + n).map((c) => c.id), set }))

const customOf = (sim: Sim["Service"], id: string, key: string) =>
  (sim.state.companies.get(id) as { custom_attributes?: Record<string, unknown> } | undefined)?.custom_attributes?.[key]

const attributeWrites = (sim: Sim["Service"], from: number) =>
  writesSince(sim, from).filter((w) => w.path === "/data_attributes").map((w) => `${w.method} ${w.status}`)

describe("apply: the plan's custom attributes are created first, once", () => {
  it.layer(syncedReplicaLayer({ companies: 60 }), { timeout: 60_000, excludeTestServices: true })((it) => {
    it.effect("created before the first company write, written through to the replica; applied again, nothing is sent; the undo says it stays", () =>
      Effect.gen(function*() {
        const sim = yield* Sim
        const journal = path.join(yield* tempDir, "journal.sqlite")
        const plan = yield* planOn(["custom.tier_one=gold"])
        assert.deepStrictEqual(plan.attributes, [{ name: "tier_one", data_type: "string" }])
        const from = sim.state.writes.length
        const client = withWriteThrough(IntercomClient.layer({ token: TOKEN, baseUrl: sim.url }))
        const summary = yield* applyWith(journal, plan).pipe(Effect.provide(client))
        assert.deepStrictEqual(summary.attributes, [{ name: "tier_one", dataType: "string", state: "created" }])
        assert.strictEqual(summary.applied, 3)
        const writes = writesSince(sim, from).map((w) => `${w.method} ${w.path.startsWith("/companies/") ? "/companies/{id}" : w.path}`)
        assert.deepStrictEqual(writes, ["POST /data_attributes", "PUT /companies/{id}", "PUT /companies/{id}", "PUT /companies/{id}"])
        for (const op of plan.operations) assert.strictEqual(customOf(sim, op.id!, "tier_one"), "gold", "Intercom kept the write")
        const replica = yield* Replica
        const stored = (yield* replica.companyAttributes())!.find((a) => a.name === "tier_one")
        assert.deepStrictEqual([stored?.data_type, stored?.custom], ["string", true], "the replica has it with no sync")

        const again = yield* applyWith(journal, plan)
        assert.isTrue(again.alreadyFinished)
        assert.deepStrictEqual(again.attributes, summary.attributes)
        assert.strictEqual(writesSince(sim, from).length, 4, "nothing more sent")

        const undo = yield* withJournal(journal)(undoPlanOf(plan))
        const id = stored?.id
        assert.include(
          undo.warnings,
          `custom.tier_one (string), created by the apply, stays defined in Intercom: the API cannot delete a data attribute; archive it in Intercom's settings or with PUT /data_attributes/${id} {"archived": true} if it is not wanted`
        )
      }))

    it.effect("one created meanwhile elsewhere counts as done: the refused create is followed by a list, and the writes land", () =>
      Effect.gen(function*() {
        const sim = yield* Sim
        const plan = yield* planOn(["custom.tier_two=gold"], 2, 3)
        yield* Effect.promise(() => defineCompanyAttributes(sim, { tier_two: "string" }))
        const from = sim.state.writes.length
        const summary = yield* applyWith(path.join(yield* tempDir, "journal.sqlite"), plan)
        assert.deepStrictEqual(summary.attributes, [{ name: "tier_two", dataType: "string", state: "existed" }])
        assert.deepStrictEqual(attributeWrites(sim, from), ["POST 400"])
        for (const op of plan.operations) assert.strictEqual(customOf(sim, op.id!, "tier_two"), "gold")
      }))

    it.effect("a create an earlier run sent and never heard back: the next run lists first, and sends only the one that is not there", () =>
      Effect.gen(function*() {
        const sim = yield* Sim
        const journal = path.join(yield* tempDir, "journal.sqlite")
        const plan = yield* planOn(["custom.tier_three=gold", "custom.tier_four=silver"], 2, 5)
        // The earlier run: both recorded as sent; only tier_three reached Intercom.
        yield* withJournal(journal)(Effect.gen(function*() {
          const j = yield* Journal
          yield* j.markAttributeSent(plan.id, "tier_three", "string")
          yield* j.markAttributeSent(plan.id, "tier_four", "string")
        }))
        yield* Effect.promise(() => defineCompanyAttributes(sim, { tier_three: "string" }))
        const from = sim.state.writes.length
        const summary = yield* applyWith(journal, plan)
        assert.deepStrictEqual(summary.attributes, [
          { name: "tier_three", dataType: "string", state: "created" },
          { name: "tier_four", dataType: "string", state: "created" }
        ])
        assert.deepStrictEqual(attributeWrites(sim, from), ["POST 200"], "tier_four only")
        for (const op of plan.operations) assert.deepStrictEqual([customOf(sim, op.id!, "tier_three"), customOf(sim, op.id!, "tier_four")], ["gold", "silver"])
      }))

    it.effect("one that exists with a type the plan's values do not fit stops the apply before any company write (resumable)", () =>
      Effect.gen(function*() {
        const sim = yield* Sim
        const plan = yield* planOn(["custom.tier_five=gold"], 2, 7)
        yield* Effect.promise(() => defineCompanyAttributes(sim, { tier_five: "integer" }))
        const from = sim.state.writes.length
        const error = yield* Effect.flip(applyWith(path.join(yield* tempDir, "journal.sqlite"), plan))
        assert.strictEqual(error.reason._tag, "ApplyStopped")
        assert.include(error.message, "custom.tier_five exists in Intercom as integer, and the plan's values do not fit it")
        assert.include(error.message, 'custom.tier_five must be a whole number (Intercom defines it as integer); got "gold"')
        assert.deepStrictEqual(writesSince(sim, from).filter((w) => w.path.startsWith("/companies")), [])
      }))

    it.effect("excluded by the reviewer: not created, its writes left out (an update with nothing else is excluded), the rest applied", () =>
      Effect.gen(function*() {
        const sim = yield* Sim
        const built = yield* planOn(["custom.tier_six=gold", "custom.health_score=77"], 2, 9)
        const onlySix = yield* planOn(["custom.tier_six=gold"], 1, 11)
        const plan: Plan = {
          ...built,
          operations: [...built.operations, { ...onlySix.operations[0]!, seq: built.operations.length + 1 }],
          attributes: [{ name: "tier_six", data_type: "string", excluded: true }]
        }
        const from = sim.state.writes.length
        const summary = yield* applyWith(path.join(yield* tempDir, "journal.sqlite"), plan)
        assert.deepStrictEqual(summary.attributes, [{ name: "tier_six", dataType: "string", state: "excluded" }])
        assert.deepStrictEqual([summary.applied, summary.excluded], [2, 1])
        assert.deepStrictEqual(attributeWrites(sim, from), [])
        const bodies = writesSince(sim, from).map((w) => w.body ?? "")
        assert.strictEqual(bodies.length, 2)
        for (const body of bodies) assert.deepStrictEqual(JSON.parse(body).custom_attributes, { health_score: 77 })
      }))
  })
})
