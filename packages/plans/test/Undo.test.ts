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

// Child processes and real waits: minutes under a loaded CI machine, seconds here.
describe("undo", { timeout: 120_000 }, () => {
  it.layer(clientLayer({ companies: 200 }, { undo_new: "string", note: "string", unfinished: "string", landed: "string", undo_kill: "integer" }), { timeout: 60_000, excludeTestServices: true })((it) => {
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

    it.effect("an unfinished apply cannot be undone; once an undo began, the apply's failed rows are not retried", () =>
      Effect.gen(function*() {
        const sim = yield* Sim
        const dir = yield* tempDir
        const journal = path.join(dir, "j.sqlite")
        const ids = fullIds(sim, 4, 140)
        const plan = planOf(sim, ids.map((id) => ({ id, set: { "custom.unfinished": "yes" } })))
        // Cancelled after the first write: the apply is not finished.
        const controller = new AbortController()
        yield* applyWith(journal, plan, { signal: controller.signal, onProgress: (p) => p.done >= 1 && controller.abort() })
        const error = yield* Effect.flip(withJournal(journal)(undoPlanOf(plan)))
        assert.strictEqual(error.reason._tag, "NothingToUndo")
        assert.match(error.message, /its apply has not finished/)
        // Finished with one company changed meanwhile (a conflict); the undo takes the rest back; a
        // forced apply would now write the conflict over a company the undo left alone: it does not.
        assert.strictEqual(yield* editOnServer(sim, ids[3]!, { custom_attributes: { unfinished: "changed" } }), 200)
        assert.deepInclude(yield* applyWith(journal, plan), { conflicts: 1 })
        yield* undoWith(journal, plan)
        const mark = sim.state.writes.length
        const again = yield* applyWith(journal, plan, { force: true })
        assert.deepInclude(again, { alreadyFinished: true })
        assert.deepStrictEqual(sim.state.writes.slice(mark).filter((w) => w.method !== "POST" || w.path !== "/companies/list"), [])
      }))

    it.effect("a row that failed after its write landed is undone too", () =>
      Effect.gen(function*() {
        const sim = yield* Sim
        const dir = yield* tempDir
        const journal = path.join(dir, "j.sqlite")
        const [id] = fullIds(sim, 1, 150)
        const keys = ["landed"]
        const before = stateOf(sim, id!, keys)
        // The PUT lands, then the tag request fails every time: the row is failed, its field written.
        const plan = planOf(sim, [{ id: id!, set: { "custom.landed": "yes" }, tag: ["Landed then failed"] }])
        sim.faults.inject("scroll-restart-500@p=1&times=5&method=POST&path=/tags")
        const summary = yield* applyWith(journal, plan).pipe(Effect.ensuring(Effect.sync(() => sim.faults.clear())))
        assert.deepInclude(summary, { failed: 1, applied: 0 })
        assert.strictEqual(sim.state.companies.get(id!)?.custom_attributes["landed"], "yes")
        yield* undoWith(journal, plan)
        assert.deepStrictEqual(stateOf(sim, id!, keys), before)
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
