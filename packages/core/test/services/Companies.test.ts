import { assert, describe, layer } from "@effect/vitest"
import { Effect, Stream } from "effect"
import { Companies } from "../../src/services/Companies.js"
import { Tags } from "../../src/services/Tags.js"
import { clientLayer, companiesWithUsers, failure, Sim, updateBody, upsertBody } from "../support/Simulator.js"

describe("Companies", () => {
  layer(clientLayer(), { excludeTestServices: true })((it) => {
    it.effect("upsert creates a company by company_id, then updates the same one", () =>
      Effect.gen(function*() {
        const companies = yield* Companies
        const sim = yield* Sim
        const before = sim.state.companies.count()
        const created = yield* companies.upsert(upsertBody({ company_id: "ext-upsert-1", name: "Upsert Ltd", plan: "Pro" }))
        assert.strictEqual(created.company_id, "ext-upsert-1")
        assert.strictEqual(created.name, "Upsert Ltd")
        const updated = yield* companies.upsert(upsertBody({ company_id: "ext-upsert-1", monthly_spend: 420, size: "12" }))
        assert.strictEqual(updated.id, created.id)
        assert.strictEqual(updated.monthly_spend, 420)
        assert.strictEqual(updated.size, 12)
        assert.strictEqual(updated.name, "Upsert Ltd")
        assert.strictEqual(sim.state.companies.count(), before + 1)
        assert.strictEqual(sim.state.companies.byCompanyId("ext-upsert-1")?.monthly_spend, 420)
      }))

    it.effect("update changes the plan, and a re-read shows it", () =>
      Effect.gen(function*() {
        const companies = yield* Companies
        const sim = yield* Sim
        const id = sim.state.companies.ids()[5]!
        const updated = yield* companies.update(id, updateBody({ plan: "Enterprise", industry: "Aerospace" }))
        assert.strictEqual(updated.plan?.name, "Enterprise")
        const reread = yield* companies.retrieve(id)
        assert.strictEqual(reread.plan?.name, "Enterprise")
        assert.strictEqual(reread.industry, "Aerospace")
        assert.strictEqual(sim.state.companies.get(id)?.plan.name, "Enterprise")
      }))

    it.effect("delete removes the company", () =>
      Effect.gen(function*() {
        const companies = yield* Companies
        const sim = yield* Sim
        const created = yield* companies.upsert(upsertBody({ company_id: "ext-delete-me", name: "Doomed" }))
        const deleted = yield* companies.delete(created.id)
        assert.deepStrictEqual(deleted, { id: created.id, object: "company", deleted: true })
        assert.isUndefined(sim.state.companies.get(created.id))
        const error = yield* failure(companies.retrieve(created.id))
        assert.strictEqual(error.reason._tag, "NotFound")
      }))

    it.effect("list pages add up to the simulator's companies with users, each once", () =>
      Effect.gen(function*() {
        const companies = yield* Companies
        const sim = yield* Sim
        const expected = companiesWithUsers(sim)
        const requests = sim.state.requests.length
        const listed = yield* Stream.runCollect(companies.list({ perPage: 7 }))
        assert.strictEqual(listed.length, expected.length)
        assert.deepStrictEqual(new Set(listed.map((c) => c.id)), new Set(expected))
        // One request per page, no extra empty page at the end.
        assert.strictEqual(sim.state.requests.length - requests, Math.ceil(expected.length / 7))
        const ascending = yield* Stream.runCollect(companies.list({ perPage: 50, order: "asc" }))
        assert.deepStrictEqual(ascending.map((c) => c.id), [...listed.map((c) => c.id)].reverse())
      }))

    it.effect("listPage returns one page with the totals", () =>
      Effect.gen(function*() {
        const companies = yield* Companies
        const sim = yield* Sim
        const total = companiesWithUsers(sim).length
        const first = yield* companies.listPage(1, 10)
        assert.strictEqual(first.totalCount, total)
        assert.strictEqual(first.totalPages, Math.ceil(total / 10))
        assert.strictEqual(first.companies.length, Math.min(10, total))
        assert.strictEqual(first.page, 1)
        assert.isTrue(first.hasNextPage)
        const last = yield* companies.listPage(first.totalPages, 10)
        assert.strictEqual(last.companies.length, total - 10 * (first.totalPages - 1))
        assert.isFalse(last.hasNextPage)
        const error = yield* failure(companies.listPage(0, 10))
        assert.strictEqual(error.reason._tag, "InvalidRequest")
      }))

    it.effect("byTag streams the companies carrying a tag, across pages", () =>
      Effect.gen(function*() {
        const companies = yield* Companies
        const tags = yield* Tags
        const sim = yield* Sim
        const ids = sim.state.companies.ids().slice(0, 9)
        const tag = yield* tags.tagCompanies("ByTag test", ids)
        const tagged = yield* Stream.runCollect(companies.byTag(tag.id, { perPage: 4 }))
        assert.deepStrictEqual(new Set(tagged.map((c) => c.id)), new Set(ids))
        assert.strictEqual(tagged.length, ids.length)
        const one = yield* companies.retrieve(ids[0]!)
        assert.include(one.tags?.tags?.map((t) => t.name) ?? [], "ByTag test")
      }))

    it.effect("bySegment streams exactly the segment's members", () =>
      Effect.gen(function*() {
        const companies = yield* Companies
        const sim = yield* Sim
        for (const segment of sim.state.segments()) {
          const members = yield* Stream.runCollect(companies.bySegment(segment.id, { perPage: 5 }))
          assert.deepStrictEqual(
            new Set(members.map((c) => c.id)),
            new Set(sim.state.companiesInSegment(segment.id)),
            segment.name
          )
        }
      }))

    it.effect("scroll delivers every company exactly once and releases the lock", () =>
      Effect.gen(function*() {
        const companies = yield* Companies
        const sim = yield* Sim
        const all = yield* Stream.runCollect(companies.scroll())
        assert.strictEqual(all.length, sim.state.companies.count())
        assert.strictEqual(new Set(all.map((c) => c.id)).size, all.length)
        // The lock is free again: a scroll that refuses to wait can start.
        const again = yield* Stream.runCollect(companies.scroll({ whenBusy: "fail" }).pipe(Stream.take(3)))
        assert.strictEqual(again.length, 3)
      }))

    it.effect("attachedContacts pages a company's contacts with its total", () =>
      Effect.gen(function*() {
        const companies = yield* Companies
        const sim = yield* Sim
        const id = sim.state.companies.ids().find((c) => sim.state.contactsOfCompany(c).length >= 3)!
        const contactIds = sim.state.contactsOfCompany(id)
        const all = yield* companies.attachedContacts(id)
        assert.strictEqual(all.total_count, contactIds.length)
        assert.deepStrictEqual(all.data.map((c) => c.id), contactIds)
        const second = yield* companies.attachedContacts(id, { page: 2, perPage: 2 })
        assert.deepStrictEqual(second.data.map((c) => c.id), contactIds.slice(2, 4))
        assert.strictEqual(second.total_count, contactIds.length)
      }))

    it.effect("attachedSegments lists the company's segments", () =>
      Effect.gen(function*() {
        const companies = yield* Companies
        const sim = yield* Sim
        const id = sim.state.companies.ids().find((c) => sim.state.segmentsOf(c).length > 0)!
        const segments = yield* companies.attachedSegments(id)
        assert.deepStrictEqual(segments.data.map((s) => s.id), sim.state.segmentsOf(id).map((s) => s.id))
      }))

    it.effect("an upsert whose answer is lost is retried and still makes one company", () =>
      Effect.gen(function*() {
        const companies = yield* Companies
        const sim = yield* Sim
        const before = sim.state.companies.count()
        sim.faults.inject({ kind: "drop-connection", match: { method: "POST", path: "/companies" }, once: true })
        const company = yield* companies.upsert(upsertBody({ company_id: "ext-retried", name: "Retried Co" }))
        assert.strictEqual(company.company_id, "ext-retried")
        assert.strictEqual(sim.state.companies.count(), before + 1)
        assert.strictEqual(sim.faults.history.at(-1)?.kind, "drop-connection")
      }))
  })
})
