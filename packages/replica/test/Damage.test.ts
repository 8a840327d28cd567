import { spawn } from "node:child_process"
import { existsSync, readdirSync, writeFileSync } from "node:fs"
import path from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { clientLayer, Sim, tempDir, TOKEN } from "./support/Simulator.js"
import { deleteOnServer, replicaIds, syncInto, withReplica } from "./support/Sync.js"

const packageDir = path.resolve(import.meta.dirname, "..")

/** Runs test/support/sync-child.ts and SIGKILLs it once it has staged companies; resolves with its stdout. */
const killMidSync = (file: string, url: string) =>
  Effect.promise(() =>
    new Promise<string>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ["--conditions=@intercom-explorer/source", "--import", "../../scripts/ts-child/register-ts.mjs", "test/support/sync-child.ts", file, url],
        { cwd: packageDir, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, SYNC_CHILD_TOKEN: TOKEN } }
      )
      let out = ""
      let err = ""
      child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()))
      child.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString()
        if (out.includes("scrolling")) child.kill("SIGKILL")
      })
      child.on("exit", (code, signal) => (signal === "SIGKILL" ? resolve(out) : reject(new Error(`exit ${code}: ${out}${err}`))))
    })
  )

describe("damage and kills", () => {
  it.layer(clientLayer({ companies: 600, scrollTtlMs: 2000 }), { timeout: 60_000, excludeTestServices: true })((it) => {
    it.effect("a corrupt file is moved aside with a clear error, and the next sync rebuilds it", () =>
      Effect.gen(function*() {
        const sim = yield* Sim
        const dir = yield* tempDir
        const file = path.join(dir, "replica.sqlite")
        writeFileSync(file, "this is not a database, just some text that happens to be here ".repeat(100))
        const error = yield* Effect.flip(withReplica(file, (r) => r.count("")))
        assert.strictEqual(error.reason._tag, "ReplicaCorrupt")
        assert.match(error.message, /could not be read .*moved aside to .*replica\.sqlite\.corrupt-\d{8}T\d{6}Z, and the next sync rebuilds it/)
        assert.isFalse(existsSync(file))
        assert.isTrue(readdirSync(dir).some((name) => name.startsWith("replica.sqlite.corrupt-")))
        // No replica now: a query says to sync.
        const missing = yield* Effect.flip(withReplica(file, (r) => r.count("")))
        assert.strictEqual(missing.reason._tag, "ReplicaMissing")
        assert.match(missing.message, /run `companies sync`/)
        yield* syncInto(file)
        assert.deepStrictEqual(yield* replicaIds(file), sim.state.companies.ids().sort())

        // A good replica damaged later (a page overwritten) is caught the same way, by the sync itself.
        writeFileSync(file, "garbage ".repeat(600))
        const summary = yield* syncInto(file)
        assert.match(summary.movedAside ?? "", /corrupt-/)
        assert.deepStrictEqual(yield* replicaIds(file), sim.state.companies.ids().sort())
      }))

    it.effect("a SIGKILL mid-sync leaves the previous replica intact and queryable", () =>
      Effect.gen(function*() {
        const sim = yield* Sim
        const dir = yield* tempDir
        const file = path.join(dir, "replica.sqlite")
        yield* syncInto(file)
        const before = yield* replicaIds(file)
        // A change the child would bring in, and a slow scroll so that it is killed mid-way.
        assert.strictEqual(yield* deleteOnServer(sim.url, before[0]!), 200)
        sim.faults.inject("latency@p=1&delay=150&path=/companies/scroll")
        const out = yield* killMidSync(file, sim.url)
        assert.include(out, "scrolling")
        assert.notInclude(out, "finished")
        sim.faults.clear()
        // The previous replica, whole: the deleted company still there, nothing half-synced.
        assert.deepStrictEqual(yield* replicaIds(file), before)
        assert.strictEqual(yield* withReplica(file, (r) => r.count("")), before.length)
        assert.strictEqual((yield* withReplica(file, (r) => r.lastSync()))?.status, "running", "the killed sync is recorded as started")
        // The killed sync's lock is stale and its staging tables are left over: the next sync goes through.
        yield* syncInto(file)
        assert.deepStrictEqual(yield* replicaIds(file), sim.state.companies.ids().sort())
        const statuses = yield* withReplica(file, (r) =>
          Effect.sync(() => r.database.prepare("SELECT status, error FROM syncs ORDER BY id").all() as Array<{ status: string; error: string | null }>))
        assert.deepStrictEqual(statuses.map((row) => row.status), ["done", "failed", "done"], "the killed sync is marked failed by the next one")
        assert.strictEqual(statuses[1]!.error, "ended with its process")
      }))
  })
})
