import path from "node:path"
import { IntercomClient } from "@intercom-explorer/core"
import { assert, describe, it } from "@effect/vitest"
import type { Simulator } from "@intercom-explorer/simulator"
import { Effect, Layer, Stream } from "effect"
import { applyPlan } from "../src/apply/ApplyPlan.ts"
import { rowResults } from "../src/apply/ResultLog.ts"
import type { Plan } from "../src/PlanFile.ts"
import { applyWith, withJournal, writesSince } from "./support/ApplyHarness.ts"
import { assertAtAfter, planOf, someIds } from "./support/Plans.ts"
import { Sim, tempDir, TOKEN } from "./support/Simulator.ts"

const check = (ok: boolean, message: string) => assert.isTrue(ok, message)

/** The client with a one-second request timeout, against a simulator whose rate window is one second (short 429 waits). */
const faultyLayer = Layer.unwrap(
  Effect.map(Sim, (sim) => IntercomClient.layer({ token: TOKEN, baseUrl: sim.url, timeout: "1 second" }))
).pipe(Layer.provideMerge(Sim.layer({ companies: 200, rateWindowMs: 1000 }, { fault_run: "string" })))

/**
 * Nothing doubled: each company's PUT was taken (2xx) once, plus once more for each of its requests
 * a fault cut off after the server had acted (a dropped answer, a timed-out one), which the client
 * could not know had landed and sent again with the same body.
 */
const assertPutsOnce = (sim: Simulator, plan: Plan, from: number, firedFrom: number, kind?: "drop-connection" | "latency") => {
  const history = sim.faults.history.slice(firedFrom)
  for (const op of plan.operations) {
    const target = `/companies/${op.id}`
    const taken = writesSince(sim, from).filter((w) => w.method === "PUT" && w.path === target && w.status < 300).length
    const cut = kind === undefined ? 0 : history.filter((f) => f.kind === kind && f.method === "PUT" && f.path === target).length
    assert.strictEqual(taken, 1 + cut, `${target}: taken ${taken} times, ${cut} of them cut off`)
  }
}

const updates = (sim: Simulator, from: number, tag: string, n = 25) =>
  planOf(sim, someIds(sim, n, from).map((id, i) => ({ id, set: { industry: `${tag} ${i}`, "custom.fault_run": `${tag}-${i}` }, tag: [tag] })))

// Child processes and real waits: minutes under a loaded CI machine, seconds here.
describe("apply under faults", { timeout: 120_000 }, () => {
  it.layer(faultyLayer, { timeout: 120_000, excludeTestServices: true })((it) => {
    it.effect("a 429 storm: waited out, nothing lost, nothing doubled", () =>
      Effect.gen(function*() {
        const sim = yield* Sim
        const dir = yield* tempDir
        const plan = updates(sim, 0, "Storm", 12)
        const mark = sim.state.writes.length
        const firedFrom = sim.faults.history.length
        sim.faults.inject("rate-limit-burst@p=0.06&count=2")
        const summary = yield* applyWith(path.join(dir, "j.sqlite"), plan).pipe(Effect.ensuring(Effect.sync(() => sim.faults.clear())))
        assert.isAbove(sim.faults.history.length - firedFrom, 0, "the storm happened")
        assert.isAbove(sim.state.rateLimit.injected, 0)
        assert.deepInclude(summary, { applied: 12, failed: 0 })
        assertAtAfter(sim, plan, check)
        assertPutsOnce(sim, plan, mark, firedFrom)
      }), 90_000)

    it.effect("500s: retried, nothing lost, nothing doubled; a row whose retries run out is failed with reason, code and request_id, and the apply goes on", () =>
      Effect.gen(function*() {
        const sim = yield* Sim
        const dir = yield* tempDir
        const journal = path.join(dir, "j.sqlite")
        const plan = updates(sim, 30, "Flaky")
        const doomed = plan.operations[4]!.id!
        const mark = sim.state.writes.length
        const firedFrom = sim.faults.history.length
        sim.faults.inject("scroll-restart-500@p=0.25&method=PUT&path=/companies")
        // One company's PUT fails every time: 1 try + core's 4 retries.
        sim.faults.inject(`scroll-restart-500@p=1&times=5&method=PUT&path=~^/companies/${doomed}$`)
        const summary = yield* applyWith(journal, plan).pipe(Effect.ensuring(Effect.sync(() => sim.faults.clear())))
        assert.isAbove(sim.faults.history.length - firedFrom, 5)
        assert.deepInclude(summary, { applied: 24, failed: 1, cancelled: false })
        assertAtAfter(sim, { ...plan, operations: plan.operations.filter((op) => op.id !== doomed) }, check)
        assertPutsOnce(sim, { ...plan, operations: plan.operations.filter((op) => op.id !== doomed) }, mark, firedFrom)
        const rows = yield* withJournal(journal)(Stream.runCollect(rowResults(plan)))
        const failed = rows.find((r) => r.id === doomed)!
        assert.strictEqual(failed.outcome, "failed")
        assert.strictEqual(failed.code, "server_error")
        assert.match(failed.requestId ?? "", /^[0-9a-f-]{36}$/)
        assert.match(failed.detail ?? "", new RegExp(`on PUT /companies/${doomed}, request_id ${failed.requestId}`))
        assert.notStrictEqual(sim.state.companies.get(doomed)?.industry, plan.operations[4]!.changes[0]!.after)

        // Run again once Intercom is well: the failed row is tried again, the rest is not touched.
        const writesBefore = sim.state.writes.filter((w) => w.method === "PUT").length
        const again = yield* applyWith(journal, plan)
        assert.deepInclude(again, { applied: 25, failed: 0, alreadyFinished: false, resumed: true })
        assertAtAfter(sim, plan, check)
        assert.deepStrictEqual(sim.state.writes.filter((w) => w.method === "PUT").slice(writesBefore).map((w) => w.path), [`/companies/${doomed}`])
        const third = yield* applyWith(journal, plan)
        assert.deepInclude(third, { alreadyFinished: true, applied: 25 })
      }))

    it.effect("dropped connections: the same body sent again, nothing lost, nothing doubled", () =>
      Effect.gen(function*() {
        const sim = yield* Sim
        const dir = yield* tempDir
        const plan = updates(sim, 60, "Dropped")
        const mark = sim.state.writes.length
        const firedFrom = sim.faults.history.length
        sim.faults.inject("drop-connection@p=0.3&method=PUT")
        const summary = yield* applyWith(path.join(dir, "j.sqlite"), plan).pipe(Effect.ensuring(Effect.sync(() => sim.faults.clear())))
        assert.isAbove(sim.faults.history.length - firedFrom, 0, "connections were dropped")
        assert.deepInclude(summary, { applied: 25, failed: 0 })
        assertAtAfter(sim, plan, check)
        assertPutsOnce(sim, plan, mark, firedFrom, "drop-connection")
      }))

    it.effect("timeouts: the same body sent again, nothing lost, nothing doubled", () =>
      Effect.gen(function*() {
        const sim = yield* Sim
        const dir = yield* tempDir
        const plan = updates(sim, 90, "Slow")
        const mark = sim.state.writes.length
        const firedFrom = sim.faults.history.length
        sim.faults.inject("latency@p=0.12&delay=1500&method=PUT")
        const summary = yield* applyWith(path.join(dir, "j.sqlite"), plan).pipe(Effect.ensuring(Effect.sync(() => sim.faults.clear())))
        // The last slow answers land after the apply gave up on them: wait for them before counting.
        yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 1600)))
        assert.isAbove(sim.faults.history.length - firedFrom, 0, "requests timed out")
        assert.deepInclude(summary, { applied: 25, failed: 0 })
        assertAtAfter(sim, plan, check)
        assertPutsOnce(sim, plan, mark, firedFrom, "latency")
      }))

    it.effect("a refused token stops the apply (resumable); with the right one it resumes", () =>
      Effect.gen(function*() {
        const sim = yield* Sim
        const dir = yield* tempDir
        const journal = path.join(dir, "j.sqlite")
        const plan: Plan = { ...updates(sim, 120, "Token"), workspace: { appId: null } }
        const wrongClient = IntercomClient.layer({ token: "not-the-token", baseUrl: sim.url })
        const mark = sim.state.writes.length
        const error = yield* Effect.flip(withJournal(journal)(applyPlan(plan)).pipe(Effect.provide(wrongClient)))
        assert.strictEqual(error.reason._tag, "ApplyStopped")
        assert.match(error.message, /^the apply of plan .* stopped: Intercom rejected the access token \(401\); run it again to resume$/)
        assert.strictEqual(writesSince(sim, mark).filter((w) => w.status < 300).length, 0)
        const summary = yield* applyWith(journal, plan)
        assert.deepInclude(summary, { resumed: true, applied: 25, failed: 0 })
        assertAtAfter(sim, plan, check)
      }))
  })
})
