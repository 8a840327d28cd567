import { readFileSync, statSync } from "node:fs"
import path from "node:path"
import { parseCsv } from "@intercom-explorer/core"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Stream } from "effect"
import type { ApplyProgress } from "../src/apply/ApplyPlan.ts"
import { rowResults, writeResultLog } from "../src/apply/ResultLog.ts"
import type { Plan } from "../src/PlanFile.ts"
import { appliesIn, applyWith, doubledWrites, editOnServer, requestCount, withJournal, writesOf, writesSince } from "./support/ApplyHarness.ts"
import { assertAtAfter, planOf, someIds } from "./support/Plans.ts"
import { clientLayer, Sim, tempDir, TOKEN } from "./support/Simulator.ts"

const check = (ok: boolean, message: string) => assert.isTrue(ok, message)

// Child processes and real waits: minutes under a loaded CI machine, seconds here.
describe("applyPlan", { timeout: 120_000 }, () => {
  it.layer(clientLayer({ companies: 200 }, { tier: "string", read_by: "string" }), { timeout: 60_000, excludeTestServices: true })((it) => {
    it.effect("applies updates, tag changes and creates; the server holds the after-state; the log says so; again it does nothing", () =>
      Effect.gen(function*() {
        const sim = yield* Sim
        const dir = yield* tempDir
        const journal = path.join(dir, "replica.journal.sqlite")
        const ids = someIds(sim, 24)
        const base = planOf(sim, [
          ...ids.slice(0, 20).map((id, i) => ({
            id,
            set: { industry: "Bakeries", "custom.tier": `gold-${i}`, size: 10 + i },
            tag: i % 2 === 0 ? ["Bulk A"] : [],
            untag: ["Needs onboarding"]
          })),
          { create: "bulk-new-1", set: { name: "Bulk New One", "custom.tier": "silver" }, tag: ["Bulk A"] },
          { create: "bulk-new-2", set: { name: "Bulk New Two", website: "https://two.example.com" } },
          { id: ids[20]!, set: { industry: "Excluded whole" }, excluded: true },
          { id: ids[21]!, set: { industry: "Kept", "custom.tier": "left out" } }
        ])
        // The reviewer leaves one change of the last operation out.
        const plan: Plan = {
          ...base,
          invalid: [{ row: 7, key: "acme-7", reasons: ["size must be a whole number of employees (0 or more)", "custom.tier: unknown"] }],
          operations: base.operations.map((op) =>
            op.id === ids[21] ? { ...op, changes: op.changes.map((c) => (c.field === "custom.tier" ? { ...c, excluded: true } : c)) } : op
          )
        }
        const progress: Array<ApplyProgress> = []
        const summary = yield* applyWith(journal, plan, { onProgress: (p) => progress.push(p), planFile: "bulk.plan.json" })
        assert.deepInclude(summary, { total: 23, applied: 23, unchanged: 0, conflicts: 0, invalid: 1, failed: 0, excluded: 1, cancelled: false, alreadyFinished: false, resumed: false })
        assertAtAfter(sim, { ...plan, operations: plan.operations.filter((op) => op.id !== ids[21]) }, check)
        assert.strictEqual(sim.state.companies.get(ids[21]!)?.industry, "Kept")
        assert.notStrictEqual(sim.state.companies.get(ids[21]!)?.custom_attributes["tier"], "left out")
        assert.deepStrictEqual(writesOf(sim, ids[20]!), [], "an excluded operation sends nothing")
        const created = sim.state.companies.byCompanyId("bulk-new-1")
        assert.strictEqual(created?.name, "Bulk New One")
        assert.deepStrictEqual(sim.state.tagsOf(created!.id).map((t) => t.name), ["Bulk A"])
        // Progress per operation, ending at the total.
        assert.isAtLeast(progress.length, 23)
        assert.deepInclude(progress.at(-1)!, { total: 23, done: 23, applied: 23 })
        assert.isAbove(progress.at(-1)!.requestsPerSecond, 0)
        // The journal's record of it.
        const applies = yield* appliesIn(journal)
        assert.strictEqual(applies.length, 1)
        assert.deepInclude(applies[0]!, { planId: plan.id, kind: "apply", planFile: "bulk.plan.json", label: "test", total: 23, done: 23, applied: 23 })
        assert.isNotNull(applies[0]!.finishedAt)
        assert.strictEqual(statSync(journal).mode & 0o777, 0o600)

        // The result log, both ways.
        const csvFile = path.join(dir, "result.csv")
        assert.strictEqual(yield* withJournal(journal)(writeResultLog(plan, csvFile, "csv")), 25)
        const records = parseCsv(readFileSync(csvFile, "utf8"))
        assert.deepStrictEqual(records[0], ["seq", "row", "id", "company_id", "label", "outcome", "detail", "code", "request_id"])
        assert.strictEqual(records.length, 26)
        assert.deepStrictEqual(records.slice(1).map((r) => r[5]).filter((o) => o !== "applied"), ["excluded", "invalid"])
        assert.deepStrictEqual(records[25], ["", "7", "", "acme-7", "", "invalid", "size must be a whole number of employees (0 or more); custom.tier: unknown", "", ""])
        const createdRow = records.find((r) => r[3] === "bulk-new-1")!
        assert.strictEqual(createdRow[2], created!.id, "a create's row carries its new id")
        const ndjsonFile = path.join(dir, "result.ndjson")
        assert.strictEqual(yield* withJournal(journal)(writeResultLog(plan, ndjsonFile, "ndjson")), 25)
        const lines = readFileSync(ndjsonFile, "utf8").trimEnd().split("\n").map((l) => JSON.parse(l))
        assert.deepInclude(lines[0], { seq: 1, id: ids[0], outcome: "applied", detail: null, request_id: null })

        // Applied again: answered from the journal, not one request.
        const requestsBefore = requestCount(sim)
        const writesBefore = sim.state.writes.length
        const again = yield* applyWith(journal, plan)
        assert.deepInclude(again, { alreadyFinished: true, applied: 23, total: 23 })
        assert.strictEqual(sim.state.writes.length, writesBefore)
        assert.strictEqual(requestCount(sim), requestsBefore)
        assert.deepStrictEqual(doubledWrites(sim), [])
      }))

    it.effect("a company edited on the server after the plan is a conflict: skipped, reported, untouched; forced, it is written", () =>
      Effect.gen(function*() {
        const sim = yield* Sim
        const dir = yield* tempDir
        const journal = path.join(dir, "replica.journal.sqlite")
        const ids = someIds(sim, 5, 40)
        const specs = ids.map((id, i) => ({ id, set: { industry: "Conflict Test", "custom.tier": `c-${i}` }, tag: ["Conflict tag"] }))
        const plan = planOf(sim, specs)
        const forced = planOf(sim, specs)
        const plannedBefore = plan.operations[0]!.changes[0]!.before
        // Another integration edits one company, and sets another to exactly what the plan wants.
        assert.strictEqual(yield* editOnServer(sim, ids[0]!, { industry: "Edited elsewhere" }), 200)
        assert.strictEqual(yield* editOnServer(sim, ids[1]!, { industry: "Conflict Test", custom_attributes: { tier: "c-1" } }), 200)
        const mark = sim.state.writes.length
        const summary = yield* applyWith(journal, plan)
        assert.deepInclude(summary, { total: 5, applied: 4, conflicts: 1, unchanged: 0 })
        assert.deepStrictEqual(writesOf(sim, ids[0]!, mark), [], "the conflicting company gets no write")
        assert.strictEqual(sim.state.companies.get(ids[0]!)?.industry, "Edited elsewhere")
        assert.notInclude(sim.state.tagsOf(ids[0]!).map((t) => t.name), "Conflict tag")
        // Only the tag was left to do on the company already at the planned fields.
        assert.deepStrictEqual(writesOf(sim, ids[1]!, mark).map((w) => `${w.method} ${w.path}`), ["POST /tags"])
        const rows = yield* withJournal(journal)(Stream.runCollect(rowResults(plan)))
        const conflict = rows.find((r) => r.id === ids[0])!
        assert.strictEqual(conflict.outcome, "conflict")
        assert.strictEqual(conflict.detail, `industry: planned before ${JSON.stringify(plannedBefore)}, now "Edited elsewhere"`)

        const forcedSummary = yield* applyWith(journal, forced, { force: true })
        assert.deepInclude(forcedSummary, { conflicts: 0, applied: 1, unchanged: 4 })
        assert.strictEqual(sim.state.companies.get(ids[0]!)?.industry, "Conflict Test")
        assert.include(sim.state.tagsOf(ids[0]!).map((t) => t.name), "Conflict tag")
      }))

    it.effect("a company deleted since the plan is a conflict, forced or not: nothing is sent to it", () =>
      Effect.gen(function*() {
        const sim = yield* Sim
        const dir = yield* tempDir
        const [gone] = someIds(sim, 1, 60)
        const plan = planOf(sim, [{ id: gone!, set: { industry: "Gone" }, untag: ["Whatever"] }])
        const deleted = yield* Effect.promise(() =>
          fetch(`${sim.url}/companies/${gone}`, { method: "DELETE", headers: { Authorization: `Bearer ${TOKEN}` } }).then((r) => r.status)
        )
        assert.strictEqual(deleted, 200)
        const mark = sim.state.writes.length
        const journal = path.join(dir, "j.sqlite")
        assert.deepInclude(yield* applyWith(journal, plan, { force: true }), { conflicts: 1, applied: 0, unchanged: 0 })
        assert.deepStrictEqual(writesOf(sim, gone!, mark), [])
        const rows = yield* withJournal(journal)(Stream.runCollect(rowResults(plan)))
        assert.strictEqual(rows[0]!.detail, `the company (${gone}) no longer exists in Intercom`)
      }))

    it.effect("a field already at its planned value is unchanged: no write at all", () =>
      Effect.gen(function*() {
        const sim = yield* Sim
        const dir = yield* tempDir
        const id = someIds(sim, 1, 50)[0]!
        const plan = planOf(sim, [{ id, set: { industry: "Already there" } }])
        assert.strictEqual(yield* editOnServer(sim, id, { industry: "Already there" }), 200)
        const mark = sim.state.writes.length
        const summary = yield* applyWith(path.join(dir, "j.sqlite"), plan)
        assert.deepInclude(summary, { unchanged: 1, applied: 0 })
        assert.strictEqual(sim.state.writes.length, mark)
      }))

    it.effect("reads current state by the scroll (or, while another scroll runs, list pages) when that takes fewer requests than one GET per company", () =>
      Effect.gen(function*() {
        const sim = yield* Sim
        const dir = yield* tempDir
        const reads = (from: number) => {
          const seen = sim.state.requests.slice(from)
          return {
            pages: seen.filter((r) => r.method === "POST" && r.path === "/companies/list").length,
            scrolled: seen.filter((r) => r.method === "GET" && r.path === "/companies/scroll").length,
            gets: seen.filter((r) => r.method === "GET" && /^\/companies\/[^/]+$/.test(r.path) && r.path !== "/companies/scroll").length
          }
        }
        // 30 companies of 200: one list page tells the size, then the scroll reads every company
        // (100 a page, and a last empty page).
        let from = sim.state.requests.length
        yield* applyWith(path.join(dir, "a.sqlite"), planOf(sim, someIds(sim, 30, 100).map((id) => ({ id, set: { "custom.read_by": "scroll" } }))))
        assert.deepStrictEqual(reads(from), { pages: 1, scrolled: Math.ceil(sim.state.companies.count() / 100) + 1, gets: 0 })

        // Another scroll of the app is open (another process's export): no waiting for it. Two list
        // pages of 150 cover the workspace, except companies without users, which the listing
        // leaves out and are read one by one.
        const held = yield* Effect.promise(() =>
          fetch(`${sim.url}/companies/scroll`, { headers: { Authorization: `Bearer ${TOKEN}` } }).then((res) => res.json())
        )
        assert.isString((held as { scroll_param?: unknown }).scroll_param)
        const many = someIds(sim, 30, 150)
        const withoutUsers = many.filter((id) => sim.state.companies.get(id)!.user_count === 0).length
        from = sim.state.requests.length
        yield* applyWith(path.join(dir, "b.sqlite"), planOf(sim, many.map((id) => ({ id, set: { "custom.read_by": "pages" } }))))
        assert.deepInclude(reads(from), { pages: 2, gets: withoutUsers })

        // Two companies: two GETs, no listing.
        from = sim.state.requests.length
        yield* applyWith(path.join(dir, "c.sqlite"), planOf(sim, someIds(sim, 2, 185).map((id) => ({ id, set: { "custom.read_by": "get" } }))))
        assert.deepStrictEqual(reads(from), { pages: 0, scrolled: 0, gets: 2 })
      }))

    it.effect("a plan for another workspace is refused before any write", () =>
      Effect.gen(function*() {
        const sim = yield* Sim
        const dir = yield* tempDir
        const plan = planOf(sim, [{ id: someIds(sim, 1, 60)[0]!, set: { industry: "Nope" } }], { appId: "otherapp" })
        const mark = sim.state.writes.length
        const error = yield* Effect.flip(applyWith(path.join(dir, "j.sqlite"), plan))
        assert.strictEqual(error.reason._tag, "PlanWorkspaceMismatch")
        assert.strictEqual(error.message, `the plan was made for workspace otherapp, but the token is for ${sim.state.appId}`)
        assert.strictEqual(sim.state.writes.length, mark)
      }))

    it.effect("cancel stops after the write in flight; the next run resumes; a changed plan file is refused", () =>
      Effect.gen(function*() {
        const sim = yield* Sim
        const dir = yield* tempDir
        const journal = path.join(dir, "j.sqlite")
        const ids = someIds(sim, 10, 70)
        const plan = planOf(sim, ids.map((id, i) => ({ id, set: { "custom.tier": `cancel-${i}` } })))
        const controller = new AbortController()
        const mark = sim.state.writes.length
        const first = yield* applyWith(journal, plan, {
          signal: controller.signal,
          onProgress: (p) => p.done >= 3 && controller.abort()
        })
        assert.deepInclude(first, { cancelled: true, applied: 3, total: 10 })
        assert.strictEqual(writesSince(sim, mark).length, 3)
        const unfinished = yield* appliesIn(journal)
        assert.deepInclude(unfinished[0]!, { finishedAt: null, done: 3, total: 10 })
        const rows = yield* withJournal(journal)(Stream.runCollect(rowResults(plan)))
        assert.match(rows[5]!.detail ?? "", /not applied yet/)

        const edited: Plan = { ...plan, operations: plan.operations.map((op) => (op.seq === 10 ? { ...op, label: "renamed" } : op)) }
        const refused = yield* Effect.flip(applyWith(journal, edited, { planFile: "edited.json" }))
        assert.strictEqual(refused.reason._tag, "PlanFileInvalid")
        assert.match(refused.message, /^edited\.json is not a plan this version can read: the plan file changed since it was first applied/)

        const second = yield* applyWith(journal, plan)
        assert.deepInclude(second, { cancelled: false, resumed: true, applied: 10 })
        assert.strictEqual(writesSince(sim, mark).length, 10)
        assert.deepStrictEqual(doubledWrites(sim, mark), [])
      }))
  })
})
