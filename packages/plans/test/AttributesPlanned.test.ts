import path from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { Replica } from "@intercom-explorer/replica"
import { Effect } from "effect"
import { planFromFile } from "../src/build/PlanFromFile.js"
import { planFromQuery } from "../src/build/PlanFromQuery.js"
import { parsePlan, readPlanFile, writePlanFile } from "../src/PlanCodec.js"
import { tempDir } from "./support/Simulator.js"
import { allCompanies, sourceFile, syncedReplicaLayer } from "./support/SyncedReplica.js"

// Building a plan checks custom attribute values against the workspace's definitions (the seeded
// simulator defines health_score integer, is_partner boolean, signup_channel a list of text, ...):
// a wrong type makes the row invalid (or refuses the assignment); a key Intercom does not define is
// planned for creation with the type its first value gives it, and warned about.

const ndjson = (rows: ReadonlyArray<Record<string, unknown>>) => rows.map((r) => JSON.stringify(r)).join("\n") + "\n"

describe("plans: custom attributes checked against the definitions while building", () => {
  it.layer(syncedReplicaLayer({ companies: 60 }), { timeout: 60_000, excludeTestServices: true })((it) => {
    it.effect("a file: wrong types are invalid rows naming the column; undefined keys become attributes to create, warned about", () =>
      Effect.gen(function*() {
        const [a, b, c, d, e, f] = (yield* allCompanies).map((company) => company.company_id as string)
        const plan = yield* planFromFile({
          file: yield* sourceFile("changes.ndjson", ndjson([
            { company_id: a, "custom.health_score": 12.5 },
            { company_id: b, "custom.signup_channel": "Carrier pigeon" },
            { company_id: c, "custom.tier": "gold", "custom.ratio": 1, "custom.renewal_at": 1767225600 },
            { company_id: d, "custom.tier": 5, "custom.ratio": 3 },
            { company_id: e, "custom.tier": "silver", "custom.ratio": 2.5 },
            { company_id: f, "custom.a.b": "x" }
          ]))
        })
        assert.deepStrictEqual(plan.invalid, [
          { row: 1, key: a!, reasons: ['column "custom.health_score" ("12.5"): custom.health_score must be a whole number (Intercom defines it as integer); got 12.5'] },
          { row: 2, key: b!, reasons: [plan.invalid[1]!.reasons[0]!] },
          {
            row: 4,
            key: d!,
            reasons: ['column "custom.tier" ("5"): custom.tier must be text: it is not defined in Intercom, and the plan creates it as string from its first value (row 3); got 5']
          },
          {
            row: 6,
            key: f!,
            reasons: ['column "custom.a.b" ("x"): custom.a.b is not defined in Intercom, which ignores writes to undefined attributes, and cannot be created: name must not contain a dot: Intercom reads a dot as a nested attribute']
          }
        ])
        assert.match(plan.invalid[1]!.reasons[0]!, /^column "custom\.signup_channel" \("Carrier pigeon"\): custom\.signup_channel must be one of .+; got "Carrier pigeon"$/)
        // The first value types an attribute; whole numbers then a fraction make it float.
        assert.deepStrictEqual(plan.attributes, [
          { name: "tier", data_type: "string" },
          { name: "ratio", data_type: "float" },
          { name: "renewal_at", data_type: "date" }
        ])
        assert.deepStrictEqual(plan.warnings.filter((w) => w.startsWith("Intercom ignores")), [
          "Intercom ignores undefined attributes: custom.tier (set on 2 companies) will be created as string before the writes",
          "Intercom ignores undefined attributes: custom.ratio (set on 2 companies) will be created as float before the writes",
          "Intercom ignores undefined attributes: custom.renewal_at (set on 1 company) will be created as date before the writes"
        ])
        assert.deepStrictEqual(plan.operations.map((op) => op.companyId), [c!, e!])
      }))

    it.effect("a CSV cell of a defined attribute reads as its type (a defined integer no company holds yet reads \"42\" as 42); null clears without a definition", () =>
      Effect.gen(function*() {
        const [a, b] = (yield* allCompanies).map((company) => company.company_id as string)
        const csv = `company_id,custom.health_score,custom.is_partner\n${a},4242,true\n${b},high,\n`
        const plan = yield* planFromFile({ file: yield* sourceFile("changes.csv", csv) })
        assert.strictEqual(plan.attributes, undefined, "nothing to create: the section is left out")
        const op = plan.operations.find((o) => o.companyId === a)!
        assert.deepStrictEqual(op.changes.find((ch) => ch.field === "custom.health_score")?.after, 4242)
        for (const change of op.changes) assert.strictEqual(typeof change.after, change.field === "custom.health_score" ? "number" : "boolean")
        assert.deepStrictEqual(plan.invalid, [{ row: 3, key: b!, reasons: ['column "custom.health_score" ("high"): health_score holds numbers in this workspace'] }])

        const cleared = yield* planFromFile({ file: yield* sourceFile("clear.ndjson", ndjson([{ company_id: a, "custom.never_defined": null }])) })
        assert.deepStrictEqual([cleared.attributes, cleared.invalid, cleared.operations.length], [undefined, [], 0], "clearing what nobody holds changes nothing")
      }))

    it.effect("a query: a wrong-typed value refuses the assignment; an undefined key is planned once, counted over the companies it is set on", () =>
      Effect.gen(function*() {
        const wrong = yield* Effect.flip(planFromQuery({ query: "", set: ["custom.health_score=12.5"] }))
        assert.deepStrictEqual([wrong.reason._tag, wrong.message], [
          "AssignmentInvalid",
          '"set custom.health_score=12.5": custom.health_score must be a whole number (Intercom defines it as integer); got 12.5'
        ])
        const listed = yield* Effect.flip(planFromQuery({ query: "", set: ["custom.signup_channel=Carrier pigeon"] }))
        assert.match(listed.message, /custom\.signup_channel must be one of/)

        const ids = (yield* allCompanies).slice(0, 4).map((company) => company.id)
        const plan = yield* planFromQuery({ query: "", ids, set: ["custom.loyalty_tier=gold", "custom.loyalty_points=10"] })
        assert.strictEqual(plan.operations.length, 4)
        // An assignment's text is text unless the attribute is known as a number: NDJSON types a new one otherwise.
        assert.deepStrictEqual(plan.attributes, [{ name: "loyalty_tier", data_type: "string" }, { name: "loyalty_points", data_type: "string" }])
        assert.include(plan.warnings, "Intercom ignores undefined attributes: custom.loyalty_tier (set on 4 companies) will be created as string before the writes")
      }))

    it.effect("a plan file with attributes to create is written and read back; one without the section (older) still reads", () =>
      Effect.gen(function*() {
        const ids = (yield* allCompanies).slice(0, 2).map((company) => company.id)
        const plan = yield* planFromQuery({ query: "", ids, set: ["custom.region_code=EU"] })
        const file = path.join(yield* tempDir, "plan.json")
        yield* writePlanFile(file, { ...plan, attributes: [{ name: "region_code", data_type: "string", excluded: true }] })
        const back = yield* readPlanFile(file)
        assert.deepStrictEqual(back.attributes, [{ name: "region_code", data_type: "string", excluded: true }])
        const { attributes: _, ...older } = plan
        const read = parsePlan("older.json", JSON.stringify(older))
        assert.isTrue(read._tag === "Success" && read.success.attributes === undefined)
        const twice = parsePlan("twice.json", JSON.stringify({ ...plan, attributes: [{ name: "x", data_type: "string" }, { name: "x", data_type: "integer" }] }))
        assert.isTrue(twice._tag === "Failure" && twice.failure.message.includes('attributes[1] names "x" a second time'))
        const badType = parsePlan("type.json", JSON.stringify({ ...plan, attributes: [{ name: "x", data_type: "datetime" }] }))
        assert.isTrue(badType._tag === "Failure" && badType.failure.message.includes("attributes"))
      }))

    it.effect("a replica synced before it kept definitions: the keys are not checked, nothing is created, and the plan says so", () =>
      Effect.gen(function*() {
        const replica = yield* Replica
        const db = replica.database
        const kept = db.prepare("SELECT value FROM meta WHERE key = 'company_attributes_at'").get() as { value: string }
        db.prepare("DELETE FROM meta WHERE key = 'company_attributes_at'").run()
        try {
          assert.strictEqual(yield* replica.companyAttributes(), undefined)
          const ids = (yield* allCompanies).slice(0, 2).map((company) => company.id)
          const plan = yield* planFromQuery({ query: "", ids, set: ["custom.health_score=12.5", "custom.brand_new=1"] })
          assert.strictEqual(plan.attributes, undefined)
          assert.strictEqual(plan.operations.length, 2)
          assert.include(
            plan.warnings,
            "custom attributes could not be checked against Intercom's definitions (custom.health_score, custom.brand_new): the replica was synced before it kept them; sync it and plan again, since Intercom ignores writes to undefined or wrong-typed attributes"
          )
        } finally {
          db.prepare("INSERT INTO meta (key, value) VALUES ('company_attributes_at', ?)").run(kept.value)
        }
      }))
  })
})
