import path from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { Sim, clientLayer, tempDir } from "./support/Simulator.js"
import { syncInto, withReplica } from "./support/Sync.js"

// The look-ups a bulk change needs: which custom attributes exist (and what their values are, to
// type a CSV cell), and many companies by id or company_id at once.

const synced = Effect.gen(function*() {
  const file = path.join(yield* tempDir, "replica.sqlite")
  yield* syncInto(file)
  return file
})

describe("company look-ups for bulk changes", () => {
  it.layer(clientLayer({ companies: 700 }), { timeout: 60_000, excludeTestServices: true })((it) => {
    it.effect("customAttributes: every key on any company, typed by its stored values; a key with two kinds is mixed", () =>
      Effect.gen(function*() {
        const sim = yield* Sim
        const file = yield* synced
        const before = yield* withReplica(file, (replica) => replica.customAttributes())
        assert.deepStrictEqual(before, [
          { key: "account_manager", type: "string" },
          { key: "health_score", type: "number" },
          { key: "is_partner", type: "boolean" },
          { key: "renewal_date", type: "string" },
          { key: "seats", type: "number" },
          { key: "signup_channel", type: "string" }
        ])
        const id = sim.state.companies.ids()[3]!
        const after = yield* withReplica(file, (replica) =>
          Effect.gen(function*() {
            yield* replica.applyCompany({ type: "company", id, custom_attributes: { health_score: "high", only_nulls: null } })
            return yield* replica.customAttributes()
          }))
        assert.deepStrictEqual(after.find((a) => a.key === "health_score"), { key: "health_score", type: "mixed" })
        assert.deepStrictEqual(after.find((a) => a.key === "only_nulls"), { key: "only_nulls", type: "string" })
      }))

    it.effect("companiesByKey: by id and by company_id across chunks; unknown keys absent; company_id exact", () =>
      Effect.gen(function*() {
        const sim = yield* Sim
        const file = yield* synced
        const ids = sim.state.companies.ids()
        const { byCompanyId, byId, odd } = yield* withReplica(file, (replica) =>
          Effect.gen(function*() {
            yield* replica.applyCompany({ type: "company", id: "odd-1", company_id: "Acme-7", name: "Acme" })
            const byId = yield* replica.companiesByKey([...ids, "nope", ids[0]!], "id")
            const all = yield* replica.page("", { limit: 1000 })
            const companyIds: Array<string> = all.flatMap((c) => (c.company_id === undefined ? [] : [c.company_id]))
            const byCompanyId = yield* replica.companiesByKey([...companyIds, "missing"], "company_id")
            const odd = yield* replica.companiesByKey(["acme-7", "Acme-7"], "company_id")
            return { byCompanyId, byId, odd }
          }))
        assert.strictEqual(byId.size, ids.length)
        assert.isFalse(byId.has("nope"))
        for (const id of ids) assert.strictEqual(byId.get(id)?.id, id)
        assert.strictEqual(byCompanyId.size, ids.length + 1)
        for (const [key, company] of byCompanyId) assert.strictEqual(company.company_id, key)
        assert.deepStrictEqual([...odd.keys()], ["Acme-7"])
        assert.strictEqual(odd.get("Acme-7")?.name, "Acme")
      }))
  })
})
