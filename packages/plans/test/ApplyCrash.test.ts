import path from "node:path"
import type { Company } from "@intercom-explorer/core"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { currentValue } from "../src/FieldValues.ts"
import { Journal } from "../src/journal/Journal.ts"
import { planHash } from "../src/journal/PlanHash.ts"
import { appliesIn, applyWith, doubledWrites, editOnServer, withJournal, writesSince } from "./support/ApplyHarness.ts"
import { runChild, seeded } from "./support/ChildApply.ts"
import { assertAtAfter, planOf, someIds } from "./support/Plans.ts"
import { clientLayer, Sim, tempDir } from "./support/Simulator.ts"

const check = (ok: boolean, message: string) => assert.isTrue(ok, message)

const SEED = Number(process.env.CRASH_SEED ?? 20261202)
const KILLS = 3

// Child processes and real waits: minutes under a loaded CI machine, seconds here.
describe("apply killed at random points", { timeout: 120_000 }, () => {
  // Slow enough (every request waits a little) that the kills land mid-run.
  it.layer(clientLayer({ companies: 200, faults: "latency@p=1&delay=8&path=/companies" }, { crash_run: "string" }), { timeout: 120_000, excludeTestServices: true })(
    (it) => {
      it.effect("SIGKILL, resume, repeat: the after-state, every write once, none after its company's final value", () =>
        Effect.gen(function*() {
          const sim = yield* Sim
          const dir = yield* tempDir
          const journal = path.join(dir, "replica.journal.sqlite")
          const ids = someIds(sim, 150)
          const plan = planOf(sim, ids.map((id, i) => ({
            id,
            set: { industry: `Crash ${i % 7}`, "custom.crash_run": `run-${i}`, monthly_spend: 1000 + i },
            ...(i % 3 === 0 ? { tag: ["Crash tested"] } : {})
          })))
          const random = seeded(SEED)
          const mark = sim.state.writes.length
          const kills: Array<number> = []
          let summary
          for (let run = 0; run < 20 && summary === undefined; run++) {
            const killAt = kills.length < KILLS ? 1 + Math.floor(random() * 140) : undefined
            const result = yield* runChild("apply", plan, journal, sim.url, killAt)
            if (result._tag === "Killed") kills.push(result.progress)
            else summary = result.summary
          }
          assert.isDefined(summary, `finished after kills at ${kills.join(", ")} (seed ${SEED})`)
          assert.strictEqual(kills.length, KILLS)
          assert.deepInclude(summary!, { total: 150, applied: 150, conflicts: 0, failed: 0, unchanged: 0, resumed: true })
          assertAtAfter(sim, plan, check)
          const [record] = yield* appliesIn(journal)
          assert.deepInclude(record!, { done: 150, applied: 150 })

          // Exactly once on the wire: no (company, body) taken twice.
          assert.deepStrictEqual(doubledWrites(sim, mark), [], `seed ${SEED}, kills at ${kills.join(", ")}`)
          // No lost or reordered write: once a company's field holds its final value, nothing
          // writes it to another value afterwards.
          const writes = writesSince(sim, mark).filter((w) => w.method === "PUT" && w.status === 200)
          for (const id of ids) {
            const final = sim.state.companies.get(id) as unknown as Company
            let reached = false
            for (const w of writes.filter((w) => w.path === `/companies/${id}`)) {
              const body = JSON.parse(w.body!) as { industry?: string }
              if (body.industry === undefined) continue
              assert.isFalse(reached && body.industry !== currentValue(final, "industry"), `company ${id} written after its final value`)
              reached = body.industry === currentValue(final, "industry")
            }
            assert.isTrue(reached, `company ${id} got its final industry from a write`)
          }
        }))
    }
  )
})

// Child processes and real waits: minutes under a loaded CI machine, seconds here.
describe("a kill between the journal's two records", { timeout: 120_000 }, () => {
  it.layer(clientLayer({ companies: 60 }, { half_way: "string" }), { timeout: 60_000, excludeTestServices: true })((it) => {
    it.effect("a `sent` operation is re-checked: written once when its request never landed, not at all when it did", () =>
      Effect.gen(function*() {
        const sim = yield* Sim
        const dir = yield* tempDir
        const journal = path.join(dir, "j.sqlite")
        const [landed, lost, untouched] = someIds(sim, 3)
        const plan = planOf(sim, [landed!, lost!, untouched!].map((id) => ({ id, set: { "custom.half_way": `done-${id}` } })))
        // A killed process's journal: all three recorded as sent; the first one's PUT reached the
        // server (the process died before it heard back), the second one's never did.
        yield* withJournal(journal)(Effect.scoped(Effect.gen(function*() {
          const j = yield* Journal
          yield* j.begin(plan, { kind: "apply", planFile: null, label: "half way", hash: planHash(plan) })
          for (const op of plan.operations) {
            yield* j.markSent(plan.id, op.seq, { update: { id: op.id, body: { custom_attributes: { half_way: `done-${op.id}` } } }, tag: [], untag: [] }, null)
          }
        })))
        assert.strictEqual(yield* editOnServer(sim, landed!, { custom_attributes: { half_way: `done-${landed}` } }), 200)
        const mark = sim.state.writes.length
        const summary = yield* applyWith(journal, plan)
        assert.deepInclude(summary, { resumed: true, applied: 3, unchanged: 0 })
        assert.deepStrictEqual(writesSince(sim, mark).map((w) => w.path), [`/companies/${lost}`, `/companies/${untouched}`])
        assertAtAfter(sim, plan, check)
        const records = yield* withJournal(journal)(Effect.gen(function*() {
          const j = yield* Journal
          return yield* j.operations(plan.id)
        }))
        assert.deepStrictEqual(records.map((r) => `${r.state}:${r.attempt}`), ["applied:1", "applied:2", "applied:2"])
      }))
  })
})
