import { assert, describe, layer } from "@effect/vitest"
import { Effect, Stream } from "effect"
import { Companies } from "../../src/services/Companies.js"
import { Tags } from "../../src/services/Tags.js"
import { clientLayer, failure, Sim } from "../support/Simulator.js"

describe("Tags", () => {
  layer(clientLayer(), { excludeTestServices: true })((it) => {
    it.effect("create makes a tag that list and get show; creating the name again returns it", () =>
      Effect.gen(function*() {
        const tags = yield* Tags
        const sim = yield* Sim
        const created = yield* tags.create("Renewal Q3")
        assert.strictEqual(created.name, "Renewal Q3")
        assert.strictEqual(sim.state.tagByName("Renewal Q3")?.id, created.id)
        assert.include((yield* tags.list()).map((t) => t.id), created.id)
        assert.deepStrictEqual(yield* tags.get(created.id), { type: "tag", id: created.id, name: "Renewal Q3" })
        const again = yield* tags.create("Renewal Q3")
        assert.strictEqual(again.id, created.id)
      }))

    it.effect("rename changes the name everywhere, including on tagged companies", () =>
      Effect.gen(function*() {
        const tags = yield* Tags
        const companies = yield* Companies
        const sim = yield* Sim
        const companyId = sim.state.companies.ids()[0]!
        const tag = yield* tags.tagCompanies("Old name", [companyId])
        const renamed = yield* tags.rename(tag.id, "New name")
        assert.strictEqual(renamed.id, tag.id)
        assert.strictEqual(renamed.name, "New name")
        assert.strictEqual((yield* tags.get(tag.id)).name, "New name")
        const company = yield* companies.retrieve(companyId)
        const names = company.tags?.tags?.map((t) => t.name) ?? []
        assert.include(names, "New name")
        assert.notInclude(names, "Old name")
      }))

    it.effect("tagCompanies tags many companies in one call; untagCompanies removes it", () =>
      Effect.gen(function*() {
        const tags = yield* Tags
        const companies = yield* Companies
        const sim = yield* Sim
        const ids = sim.state.companies.ids().slice(10, 16)
        const requests = sim.state.requests.length
        const tag = yield* tags.tagCompanies("Bulk", [...ids.slice(0, 5), { id: ids[5]! }])
        assert.strictEqual(sim.state.requests.length - requests, 1)
        assert.deepStrictEqual(new Set(sim.state.companiesWithTag(tag.id)), new Set(ids))
        const byTag = yield* Stream.runCollect(companies.byTag(tag.id))
        assert.deepStrictEqual(new Set(byTag.map((c) => c.id)), new Set(ids))

        const wire = sim.state.companies.get(ids[0]!)!
        yield* tags.untagCompanies("Bulk", [ids[1]!, { company_id: wire.company_id }])
        assert.deepStrictEqual(new Set(sim.state.companiesWithTag(tag.id)), new Set(ids.slice(2)))
        const company = yield* companies.retrieve(ids[1]!)
        assert.notInclude(company.tags?.tags?.map((t) => t.name) ?? [], "Bulk")
      }))

    it.effect("deleting a tag a segment depends on is refused with tag_has_dependent_objects", () =>
      Effect.gen(function*() {
        const tags = yield* Tags
        const sim = yield* Sim
        const vip = sim.state.tagByName("VIP")!
        const error = yield* failure(tags.delete(vip.id))
        assert.strictEqual(error.reason._tag, "BadRequest")
        assert.strictEqual(error.status, 400)
        assert.strictEqual(error.code, "tag_has_dependent_objects")
        assert.include(error.message, "VIP accounts")
        assert.strictEqual(error.reason._tag === "BadRequest" ? error.reason.code : "", "tag_has_dependent_objects")
        assert.isDefined(sim.state.tagByName("VIP"))
      }))

    it.effect("delete removes an unused tag", () =>
      Effect.gen(function*() {
        const tags = yield* Tags
        const sim = yield* Sim
        const tag = yield* tags.create("Short lived")
        yield* tags.delete(tag.id)
        assert.isUndefined(sim.state.tagByName("Short lived"))
        assert.notInclude((yield* tags.list()).map((t) => t.id), tag.id)
        const error = yield* failure(tags.get(tag.id))
        assert.strictEqual(error.reason._tag, "NotFound")
      }))

    it.effect("bad tag requests fail before a request, unknown companies with NotFound", () =>
      Effect.gen(function*() {
        const tags = yield* Tags
        const sim = yield* Sim
        const requests = sim.state.requests.length
        for (
          const effect of [
            tags.create(" padded"),
            tags.create(""),
            tags.tagCompanies("Empty", []),
            tags.rename("", "x")
          ]
        ) {
          assert.strictEqual((yield* failure(effect)).reason._tag, "InvalidRequest")
        }
        assert.strictEqual(sim.state.requests.length, requests)
        const unknown = yield* failure(tags.tagCompanies("Ghost", ["000000000000000000000000"]))
        assert.strictEqual(unknown.reason._tag, "NotFound")
        assert.strictEqual(unknown.code, "company_not_found")
        assert.isUndefined(sim.state.tagByName("Ghost"))
      }))
  })
})
