import { assert, describe, layer } from "@effect/vitest"
import { Effect, Stream } from "effect"
import { COMPANY_LIST_CAP, Companies } from "../../src/services/Companies.js"
import { clientLayer, companiesWithUsers, failure, Sim } from "../support/Simulator.js"

// POST /companies/list never goes past 10,000 companies; the workspace here has more with users.
describe("Companies.list at the 10,000 cap", () => {
  layer(clientLayer({ companies: 12_500 }), { excludeTestServices: true, timeout: "60 seconds" })((it) => {
    it.effect("stops at the cap without asking for a page beyond it", () =>
      Effect.gen(function*() {
        const companies = yield* Companies
        const sim = yield* Sim
        assert.isAbove(companiesWithUsers(sim).length, COMPANY_LIST_CAP)
        const requests = sim.state.requests.length
        const ids = yield* Stream.runCollect(companies.list({ perPage: 150 }).pipe(Stream.map((c) => c.id)))
        assert.strictEqual(ids.length, COMPANY_LIST_CAP)
        assert.strictEqual(new Set(ids).size, COMPANY_LIST_CAP)
        assert.strictEqual(sim.state.requests.length - requests, Math.ceil(COMPANY_LIST_CAP / 150))
        assert.isTrue(sim.state.requests.slice(requests).every((r) => r.status === 200))
      }), { timeout: 60_000 })

    it.effect("counts what arrived when the server clamps per_page (150 at most)", () =>
      Effect.gen(function*() {
        const companies = yield* Companies
        const count = yield* Stream.runCount(companies.list({ perPage: 400 }))
        assert.strictEqual(count, COMPANY_LIST_CAP)
      }), { timeout: 60_000 })

    it.effect("listPage reports the last reachable page; the next one is refused", () =>
      Effect.gen(function*() {
        const companies = yield* Companies
        const sim = yield* Sim
        const first = yield* companies.listPage(1, 150)
        assert.strictEqual(first.totalCount, companiesWithUsers(sim).length)
        assert.strictEqual(first.totalPages, Math.ceil(COMPANY_LIST_CAP / 150))
        const last = yield* companies.listPage(first.totalPages, 150)
        assert.isFalse(last.hasNextPage)
        const beyond = yield* failure(companies.listPage(first.totalPages + 1, 150))
        assert.strictEqual(beyond.reason._tag, "BadRequest")
        assert.include(beyond.message, "page limit reached")
      }))
  })
})
