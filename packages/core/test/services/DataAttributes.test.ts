import { assert, describe, layer } from "@effect/vitest"
import { Effect } from "effect"
import { DataAttributes } from "../../src/services/DataAttributes.js"
import { clientLayer, createAttributeBody, failure, Sim, updateAttributeBody } from "../support/Simulator.js"

describe("DataAttributes", () => {
  layer(clientLayer(), { excludeTestServices: true })((it) => {
    it.effect("list by model gives the standard and the typed custom attributes the workspace defines", () =>
      Effect.gen(function*() {
        const attributes = yield* DataAttributes
        const sim = yield* Sim
        const company = yield* attributes.list({ model: "company" })
        assert.isTrue(company.every((a) => a.model === "company"))
        assert.deepStrictEqual(company.map((a) => a.full_name), sim.state.dataAttributes("company").map((a) => a.full_name))
        const custom = company.filter((a) => a.custom === true)
        assert.deepStrictEqual(
          Object.fromEntries(custom.map((a) => [a.name, a.data_type])),
          { account_manager: "string", health_score: "integer", is_partner: "boolean", signup_channel: "string", renewal_date: "string", seats: "integer" }
        )
        assert.isTrue(custom.every((a) => typeof a.id === "number"))
        assert.strictEqual(company.find((a) => a.full_name === "user_count")?.api_writable, false)
        const every = yield* attributes.list()
        assert.include(every.map((a) => a.full_name), "custom_attributes.job_title")
      }))

    it.effect("create defines an attribute once; update archives it, and list hides it unless asked", () =>
      Effect.gen(function*() {
        const attributes = yield* DataAttributes
        const sim = yield* Sim
        const created = yield* attributes.create(createAttributeBody({ name: "Contract value", model: "company", data_type: "float" }))
        assert.strictEqual(created.full_name, "custom_attributes.Contract value")
        assert.strictEqual(created.data_type, "float")
        assert.include((yield* attributes.list({ model: "company" })).map((a) => a.id), created.id)

        const archived = yield* attributes.update(created.id!, updateAttributeBody({ archived: true, description: "Moved to CRM" }))
        assert.deepStrictEqual([archived.archived, archived.description], [true, "Moved to CRM"])
        assert.notInclude((yield* attributes.list({ model: "company" })).map((a) => a.id), created.id)
        const withArchived = yield* attributes.list({ model: "company", includeArchived: true })
        assert.include(withArchived.map((a) => a.id), created.id)
        assert.strictEqual(sim.state.writes.at(-1)?.body, JSON.stringify({ archived: true, description: "Moved to CRM" }))
      }))

    it.effect("a taken name is refused as Intercom refuses it; an unknown id is NotFound", () =>
      Effect.gen(function*() {
        const attributes = yield* DataAttributes
        const taken = yield* failure(attributes.create(createAttributeBody({ name: "seats", model: "contact", data_type: "integer" })))
        assert.strictEqual(taken.reason._tag, "BadRequest")
        assert.include(taken.message, "You already have 'seats' in your company data")
        const unknown = yield* failure(attributes.update(999_999, updateAttributeBody({ archived: true })))
        assert.strictEqual(unknown.reason._tag, "NotFound")
        const blank = yield* failure(attributes.update(" ", updateAttributeBody({ archived: true })))
        assert.strictEqual(blank.reason._tag, "InvalidRequest")
      }))

    it.effect("a create whose answer is lost is not repeated; a lost update is retried", () =>
      Effect.gen(function*() {
        const attributes = yield* DataAttributes
        const sim = yield* Sim
        const posts = () => sim.state.writes.filter((w) => w.method === "POST" && w.path === "/data_attributes").length
        const before = posts()
        sim.faults.inject({ kind: "drop-connection", match: { method: "POST", path: "/data_attributes" }, once: true })
        const lost = yield* failure(attributes.create(createAttributeBody({ name: "Once only", model: "company", data_type: "string" })))
        assert.strictEqual(lost.reason._tag, "Transport")
        assert.strictEqual(posts(), before + 1)
        const defined = sim.state.dataAttributes("company").filter((a) => a.name === "Once only")
        assert.strictEqual(defined.length, 1)

        const id = defined[0]!.id!
        const puts = () => sim.state.writes.filter((w) => w.method === "PUT" && w.path === `/data_attributes/${id}`).length
        sim.faults.inject({ kind: "drop-connection", match: { method: "PUT", path: `/data_attributes/${id}` }, once: true })
        const updated = yield* attributes.update(id, updateAttributeBody({ description: "Set after a retry" }))
        assert.strictEqual(updated.description, "Set after a retry")
        assert.strictEqual(puts(), 2)
      }))
  })
})
