import { DatabaseSync } from "node:sqlite"
import path from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { CreateDataAttributeRequest, DataAttributes, IntercomClient, UpdateDataAttributeRequest, validateRequest } from "@intercom-explorer/core"
import { Effect, Layer, Result } from "effect"
import { Replica } from "../src/Replica.js"
import { migrations } from "../src/ReplicaDb.js"
import { withWriteThrough } from "../src/WriteThrough.js"
import { clientLayer, Sim, tempDir, TOKEN } from "./support/Simulator.js"
import { syncInto, withReplica } from "./support/Sync.js"

// The company data attribute definitions: read by the sync (GET /data_attributes?model=company),
// unknown in a replica no sync has read them into, and kept current by the write-through.

const valid = <A>(result: Result.Result<A, { readonly message: string }>): A =>
  Result.isSuccess(result) ? result.success : assert.fail(result.failure.message)
const createRequest = (input: { name: string; model: "company" | "contact"; data_type: "string" | "integer" | "boolean" }) =>
  valid(validateRequest(CreateDataAttributeRequest)(input))

const names = (list: ReadonlyArray<{ readonly name: string; readonly data_type: string }> | undefined) =>
  list === undefined ? undefined : list.map((a) => `${a.name}:${a.data_type}`).sort()

/** A replica file at schema version 2 (before the definitions), as an older version left it. */
const olderReplica = (file: string) => {
  const db = new DatabaseSync(file)
  db.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)")
  for (const migration of migrations.filter((m) => m.version <= 2)) {
    for (const statement of migration.sql) db.exec(statement)
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, 0)").run(migration.version, migration.name)
  }
  db.close()
}

describe("replica: company data attribute definitions", () => {
  it.layer(clientLayer({ companies: 40 }), { timeout: 60_000, excludeTestServices: true })((it) => {
    it.effect("a sync reads the company attributes (GET /data_attributes?model=company) and stores them as sent", () =>
      Effect.gen(function*() {
        const sim = yield* Sim
        const file = path.join(yield* tempDir, "replica.sqlite")
        const from = sim.state.requests.length
        const summary = yield* syncInto(file)
        const listed = sim.state.requests.slice(from).filter((r) => r.method === "GET" && r.path.startsWith("/data_attributes"))
        assert.deepStrictEqual(listed.map((r) => r.path), ["/data_attributes"], "one list (the log keeps no query; model=company shows in what is stored)")
        const onServer = sim.state.dataAttributes("company").filter((a) => a.archived !== true)
        assert.strictEqual(summary.attributes, onServer.length)
        const stored = yield* withReplica(file, (replica) => replica.companyAttributes())
        assert.deepStrictEqual(names(stored), names(onServer))
        assert.isTrue(stored!.some((a) => a.custom === true), "the seed's custom attributes are there")
        assert.isTrue(stored!.every((a) => a.model === "company"))
      }))

    it.effect("a replica synced before the definitions were stored says they are unknown (undefined), until a sync reads them", () =>
      Effect.gen(function*() {
        const file = path.join(yield* tempDir, "replica.sqlite")
        olderReplica(file)
        // Opening migrates it (the table appears, empty) but no sync has read the definitions.
        assert.strictEqual(yield* withReplica(file, (replica) => replica.companyAttributes()), undefined)
        yield* syncInto(file)
        const stored = yield* withReplica(file, (replica) => replica.companyAttributes())
        assert.isAbove(stored!.length, 0)
      }))

    it.effect("write-through: an attribute created through core shows at once, with no sync; a contact attribute is not stored", () =>
      Effect.gen(function*() {
        const sim = yield* Sim
        const file = path.join(yield* tempDir, "replica.sqlite")
        yield* syncInto(file)
        const client = withWriteThrough(IntercomClient.layer({ token: TOKEN, baseUrl: sim.url }))
        yield* Effect.gen(function*() {
          const replica = yield* Replica
          const attributes = yield* DataAttributes
          const before = (yield* replica.companyAttributes())!.length
          const created = yield* attributes.create(createRequest({ name: "renewal_quarter", model: "company", data_type: "integer" }))
          yield* attributes.create(createRequest({ name: "favourite_colour", model: "contact", data_type: "string" }))
          const after = (yield* replica.companyAttributes())!
          assert.strictEqual(after.length, before + 1)
          assert.deepStrictEqual(after.at(-1), created)
          assert.isFalse(after.some((a) => a.name === "favourite_colour"))
          // An archive through core is stored too, so editors stop offering the attribute.
          yield* attributes.update(created.id!, valid(validateRequest(UpdateDataAttributeRequest)({ archived: true })))
          assert.isTrue((yield* replica.companyAttributes())!.find((a) => a.name === "renewal_quarter")!.archived)
        }).pipe(Effect.provide(Layer.provideMerge(client, Replica.layer({ file }))))
        // A later sync reads Intercom's list again (archived ones left out, as Intercom lists them).
        yield* syncInto(file)
        const synced = yield* withReplica(file, (replica) => replica.companyAttributes())
        assert.isFalse(synced!.some((a) => a.name === "renewal_quarter"))
      }))

    it.effect("definitions that cannot be read do not fail the sync: it says why, and the ones read before are kept", () =>
      Effect.gen(function*() {
        const sim = yield* Sim
        const file = path.join(yield* tempDir, "replica.sqlite")
        yield* syncInto(file)
        const before = names(yield* withReplica(file, (replica) => replica.companyAttributes()))
        sim.faults.clear()
        sim.faults.inject({ kind: "drop-connection", probability: 1, match: { path: "/data_attributes" } })
        const summary = yield* syncInto(file).pipe(Effect.ensuring(Effect.sync(() => sim.faults.clear())))
        assert.isString(summary.attributesUnread)
        assert.strictEqual(summary.attributes, 0)
        assert.isAbove(summary.companies, 0, "the companies were synced")
        assert.deepStrictEqual(names(yield* withReplica(file, (replica) => replica.companyAttributes())), before)
      }), 120_000)
  })
})
