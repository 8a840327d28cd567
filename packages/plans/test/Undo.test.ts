import path from "node:path"
import type { Company } from "@intercom-explorer/core"
import { assert, describe, it } from "@effect/vitest"
import type { Simulator } from "@intercom-explorer/simulator"
import { Effect } from "effect"
import { applyPlan } from "../src/apply/ApplyPlan.ts"
import { STANDARD_FIELDS } from "../src/PlanFile.ts"
import { undoPlanOf } from "../src/undo/UndoPlan.ts"
import { applyWith, doubledWrites, editOnServer, withJournal, writesOf } from "./support/ApplyHarness.ts"
import { runChild } from "./support/ChildApply.ts"
import { fullIds, planOf, someIds } from "./support/Plans.ts"
import { clientLayer, Sim, tempDir } from "./support/Simulator.ts"

/** What an undo must give back: the editable fields, every custom attribute (unset reads as null) and the tag names. */
const stateOf = (sim: Simulator, id: string, keys: ReadonlyArray<string>) => {
  const company = sim.state.companies.get(id) as unknown as Company | undefined
  if (company === undefined) return undefined
  return {
    ...Object.fromEntries(STANDARD_FIELDS.map((f) => [f, f === "plan" ? company.plan?.name ?? null : company[f] ?? null])),
    custom: Object.fromEntries(keys.map((k) => [k, company.custom_attributes?.[k] ?? null])),
    tags: sim.state.tagsOf(id).map((t) => t.name).sort()
  }
}

const upsertOnServer = (sim: Simulator, body: Record<string, unknown>) =>
  Effect.promise(async () => {
    const response = await fetch(`${sim.url}/companies`, {
      method: "POST",
      headers: { Authorization: `Bearer ${sim.token}`, "Content-Type": "application/json", "Intercom-Version": "2.11" },
      body: JSON.stringify(body)
    })
    return (await response.json()) as { id: string }
  })

const undoWith = (journal: string, plan: Parameters<typeof undoPlanOf>[0], options?: Parameters<typeof applyPlan>[1]) =>
  withJournal(journal)(Effect.flatMap(undoPlanOf(plan), (undo) => applyPlan(undo, options)))

describe("undo", () => {
  it.layer(clientLayer({ companies: 200 }), { timeout: 60_000, excludeTestServices: true })((it) => {
    it.effect("restores the exact prior state of every applied company (fields, custom attributes, tags); a create is deleted", () =>
      Effect.gen(function*() {
        const sim = yield* Sim
        const dir = yield* tempDir
        const journal = path.join(dir, "j.sqlite")
        const ids = fullIds(sim, 12, 100)
        const keys = ["health_score", "signup_channel", "undo_new", "account_manager"]
        const before = new Map(ids.map((id) => [id, stateOf(sim, id, keys)]))
        const plan = planOf(sim, [
          ...ids.map((id, i) => ({
            id,
            set: { industry: `Undo ${i}`, plan: "Undo plan", size: 5000 + i, "custom.health_score": i, "custom.undo_new": `new-${i}`, "custom.account_manager": "Ann" },
            tag: ["Undo added"],
            untag: ["Needs onboarding", "Salesforce sync"]
          })),
          { create: "undo-created", set: { name: "Created Then Undone", "custom.undo_new": "x" }, tag: ["Undo added"] }
        ])
        const applied = yield* applyWith(journal, plan)
        assert.deepInclude(applied, { applied: 13, failed: 0 })
        const createdId = sim.state.companies.byCompanyId("undo-created")!.id
        assert.notDeepEqual(stateOf(sim, ids[0]!, keys), before.get(ids[0]!))

        const undo = yield* withJournal(journal)(undoPlanOf(plan))
        assert.deepInclude(undo, { id: `undo-${plan.id}`, source: { kind: "undo", of: plan.id } })
        assert.deepStrictEqual(undo.warnings, [])
        assert.deepStrictEqual(undo.operations.at(-1), {
          seq: 13,
          kind: "delete",
          id: createdId,
          companyId: "undo-created",
          label: "Created Then Undone",
          updatedAt: undo.operations.at(-1)!.updatedAt,
          changes: [{ field: "name", before: "Created Then Undone", after: null }, { field: "custom.undo_new", before: "x", after: null }],
          tags: []
        })
        assert.deepStrictEqual(yield* withJournal(journal)(undoPlanOf(plan)), undo, "the same undo plan every time")

        const undone = yield* withJournal(journal)(applyPlan(undo))
        assert.deepInclude(undone, { applied: 13, conflicts: 0, failed: 0 })
        for (const id of ids) assert.deepStrictEqual(stateOf(sim, id, keys), before.get(id), `company ${id}`)
        assert.isUndefined(sim.state.companies.byCompanyId("undo-created"))

        // An undo of the undo is the apply again.
        const redo = yield* withJournal(journal)(Effect.flatMap(undoPlanOf(undo), (p) => applyPlan(p)))
        assert.deepInclude(redo, { applied: 13, conflicts: 0, failed: 0 })
        assert.strictEqual(sim.state.companies.get(ids[3]!)?.industry, "Undo 3")
        assert.strictEqual(sim.state.companies.byCompanyId("undo-created")?.name, "Created Then Undone")
        assert.deepStrictEqual(sim.state.tagsOf(sim.state.companies.byCompanyId("undo-created")!.id).map((t) => t.name), ["Undo added"])
      }))

    it.effect("a standard field that was empty cannot be cleared: the undo leaves it out and warns, naming company and field", () =>
      Effect.gen(function*() {
        const sim = yield* Sim
        const dir = yield* tempDir
        const journal = path.join(dir, "j.sqlite")
        const { id } = yield* upsertOnServer(sim, { company_id: "undo-empty", name: "Empty Co" })
        const plan = planOf(sim, [{ id, set: { website: "https://empty.example.com", "custom.note": "set" } }])
        yield* applyWith(journal, plan)
        const undo = yield* withJournal(journal)(undoPlanOf(plan))
        assert.deepStrictEqual(undo.warnings, [
          `Empty Co (${id}): website was empty before the apply, and Intercom cannot clear a standard field, so the undo leaves it as the apply set it`
        ])
        assert.deepStrictEqual(undo.operations[0]!.changes, [{ field: "custom.note", before: "set", after: null }])
        yield* withJournal(journal)(applyPlan(undo))
        assert.strictEqual(sim.state.companies.get(id)?.custom_attributes["note"], null)
        assert.strictEqual(sim.state.companies.get(id)?.website, "https://empty.example.com")
      }))

    it.effect("a company changed since the apply is a conflict for the undo: skipped, reported, untouched", () =>
      Effect.gen(function*() {
        const sim = yield* Sim
        const dir = yield* tempDir
        const journal = path.join(dir, "j.sqlite")
        const ids = someIds(sim, 3, 120)
        const plan = planOf(sim, ids.map((id) => ({ id, set: { industry: "Undo conflict" } })))
        yield* applyWith(journal, plan)
        assert.strictEqual(yield* editOnServer(sim, ids[1]!, { industry: "Changed after the apply" }), 200)
        const mark = sim.state.writes.length
        const summary = yield* undoWith(journal, plan)
        assert.deepInclude(summary, { applied: 2, conflicts: 1 })
        assert.deepStrictEqual(writesOf(sim, ids[1]!, mark), [])
        assert.strictEqual(sim.state.companies.get(ids[1]!)?.industry, "Changed after the apply")
      }))

    it.effect("nothing to undo for a plan the journal never applied", () =>
      Effect.gen(function*() {
        const sim = yield* Sim
        const dir = yield* tempDir
        const plan = planOf(sim, [{ id: someIds(sim, 1, 125)[0]!, set: { industry: "Never" } }])
        const error = yield* Effect.flip(withJournal(path.join(dir, "j.sqlite"))(undoPlanOf(plan)))
        assert.strictEqual(error.reason._tag, "NothingToUndo")
        assert.match(error.message, new RegExp(`^nothing to undo for plan ${plan.id}: the journal has no apply of it`))
      }))

    it.effect("an undo killed mid-way resumes and restores everything", () =>
      Effect.gen(function*() {
        const sim = yield* Sim
        const dir = yield* tempDir
        const journal = path.join(dir, "j.sqlite")
        const ids = fullIds(sim, 40, 130)
        const keys = ["undo_kill"]
        const before = new Map(ids.map((id) => [id, stateOf(sim, id, keys)]))
        const plan = planOf(sim, ids.map((id, i) => ({ id, set: { industry: `Kill ${i}`, "custom.undo_kill": i }, tag: ["Undo kill"] })))
        yield* applyWith(journal, plan)
        const mark = sim.state.writes.length
        const killed = yield* runChild("undo", plan, journal, sim.url, 12)
        assert.strictEqual(killed._tag, "Killed")
        assert.isTrue(ids.some((id) => JSON.stringify(stateOf(sim, id, keys)) !== JSON.stringify(before.get(id))), "killed before the end")
        const summary = yield* undoWith(journal, plan)
        assert.deepInclude(summary, { resumed: true, applied: 40, conflicts: 0, failed: 0 })
        for (const id of ids) assert.deepStrictEqual(stateOf(sim, id, keys), before.get(id), `company ${id}`)
        assert.deepStrictEqual(doubledWrites(sim, mark), [])
      }))
  })
})
