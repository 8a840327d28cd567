import { execFile } from "node:child_process"
import { existsSync, statSync, writeFileSync } from "node:fs"
import { hostname } from "node:os"
import path from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Fiber } from "effect"
import type { SyncProgress } from "../src/ReplicaSync.js"
import { clientLayer, Sim, tempDir, TOKEN } from "./support/Simulator.js"
import { deleteOnServer, replicaIds, syncInto, withReplica } from "./support/Sync.js"

/** Another process (another window's write-through) writes to the replica with a 1 s busy timeout: "written" or SQLite's refusal. */
const writeFromAnotherProcess = (file: string) =>
  Effect.promise(() =>
    new Promise<string>((resolve) => {
      const script = `const { DatabaseSync } = require("node:sqlite")
        const db = new DatabaseSync(process.argv[1], { timeout: 1000 })
        try { db.exec("BEGIN IMMEDIATE"); db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('probe', 'x')").run(); db.exec("COMMIT"); console.log("written") }
        catch (error) { console.log(error.message) }`
      execFile(process.execPath, ["--no-warnings", "-e", script, file], (_error, stdout) => resolve(stdout.trim()))
    })
  )

const createOnServer = (url: string, company_id: string, name: string) =>
  Effect.promise(async () => {
    const res = await fetch(`${url}/companies`, {
      method: "POST",
      headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
      body: JSON.stringify({ company_id, name })
    })
    return (await res.json()) as { id: string }
  })

describe("sync against the simulator over HTTP", () => {
  it.layer(clientLayer({ companies: 2500 }), { timeout: 60_000, excludeTestServices: true })((it) => {
    it.effect("stores exactly the server's companies, tags, segments and memberships, owner-only", () =>
      Effect.gen(function*() {
        const sim = yield* Sim
        const dir = yield* tempDir
        const file = path.join(dir, "ws", "replica.sqlite")
        const seen: Array<SyncProgress> = []
        const summary = yield* syncInto(file, (p) => seen.push(p))
        assert.strictEqual(summary.companies, 2500)
        assert.deepStrictEqual(summary.odd, [])
        assert.strictEqual(summary.appId, sim.state.appId)
        assert.deepStrictEqual(yield* replicaIds(file), sim.state.companies.ids().sort())
        assert.strictEqual(seen.at(-1)?.phase, "done")
        assert.isTrue(seen.some((p) => p.phase === "scrolling" && p.pages > 0 && p.rate > 0))
        // Owner-only: the database and SQLite's side files 0600, the folder the replica created 0700.
        for (const f of [file, `${file}-wal`, `${file}-shm`]) {
          if (existsSync(f)) assert.strictEqual(statSync(f).mode & 0o777, 0o600, f)
        }
        assert.strictEqual(statSync(path.dirname(file)).mode & 0o777, 0o700)

        yield* withReplica(file, (replica) =>
          Effect.gen(function*() {
            const tags = yield* replica.tags()
            assert.strictEqual(tags.length, sim.state.tags().length)
            for (const tag of tags) assert.strictEqual(tag.companies, sim.state.companiesWithTag(tag.id).length, tag.name)
            const segments = yield* replica.segments()
            assert.strictEqual(segments.length, sim.state.segments().length)
            for (const segment of segments) {
              const members = sim.state.companiesInSegment(segment.id).length
              assert.strictEqual(segment.companies, members, segment.name)
              assert.strictEqual(segment.count, members, segment.name)
            }
            const one = sim.state.companies.get(sim.state.companies.ids()[7]!)!
            const [stored] = yield* replica.pageRaw(`cid:"${one.company_id}"`)
            assert.deepStrictEqual(JSON.parse(stored!.json), JSON.parse(JSON.stringify(one)))
            const [decoded] = yield* replica.page(`cid:"${one.company_id}"`)
            assert.strictEqual(decoded!.name, one.name)
            const status = yield* replica.lastSync()
            assert.strictEqual(status?.status, "done")
            assert.strictEqual(status?.companies, 2500)
          }))
      }))

    it.effect("companies missing from a completed scroll leave the replica; new ones arrive", () =>
      Effect.gen(function*() {
        const sim = yield* Sim
        const dir = yield* tempDir
        const file = path.join(dir, "replica.sqlite")
        yield* syncInto(file)
        const gone = sim.state.companies.ids().slice(0, 3)
        for (const id of gone) assert.strictEqual(yield* deleteOnServer(sim.url, id), 200)
        const added = yield* createOnServer(sim.url, "replica-new-1", "Brand New Ltd")
        const summary = yield* syncInto(file)
        const ids = yield* replicaIds(file)
        assert.deepStrictEqual(ids, sim.state.companies.ids().sort())
        assert.strictEqual(summary.companies, ids.length)
        for (const id of gone) assert.notInclude(ids, id)
        assert.include(ids, added.id)
        assert.strictEqual(yield* withReplica(file, (r) => r.count(`cid:replica-new-1 name:"brand new ltd"`)), 1)
      }))

    it.effect("a slow scroll never holds the file's write lock for long: another window's write goes through", () =>
      Effect.gen(function*() {
        const sim = yield* Sim
        const dir = yield* tempDir
        const file = path.join(dir, "replica.sqlite")
        yield* syncInto(file)
        // Pages slower than the busy timeout (a scroll lock held elsewhere, a rate-limit wait): a
        // resync with nothing to stage must not hold the write lock while it waits for them.
        sim.faults.inject("latency@p=1&delay=1500&path=/companies/scroll")
        let scrolled!: () => void
        const scrolling = new Promise<void>((resolve) => (scrolled = resolve))
        const sync = yield* Effect.forkChild(syncInto(file, (p) => p.phase === "scrolling" && p.companies >= 200 && scrolled()))
        yield* Effect.promise(() => scrolling)
        const probes = [yield* writeFromAnotherProcess(file), yield* writeFromAnotherProcess(file)]
        sim.faults.clear()
        const summary = yield* Fiber.join(sync)
        assert.deepStrictEqual(probes, ["written", "written"])
        assert.strictEqual(summary.staged, 0)
        assert.strictEqual(summary.mode, "merge")
      }))

    it.effect("one sync at a time per workspace: a second in this process, or a lock held by a live process, is refused", () =>
      Effect.gen(function*() {
        const sim = yield* Sim
        const dir = yield* tempDir
        const file = path.join(dir, "replica.sqlite")
        // Two syncs of one file at once: the second finds the first's lock.
        let started!: () => void
        const scrolling = new Promise<void>((resolve) => (started = resolve))
        const first = yield* Effect.forkChild(syncInto(file, (p) => p.companies > 0 && started()))
        yield* Effect.promise(() => scrolling)
        const second = yield* Effect.flip(syncInto(file))
        assert.strictEqual(second.reason._tag, "SyncInProgress")
        assert.match(second.message, /another sync of this workspace is running \(process \d+ on /)
        const done = yield* Fiber.join(first)
        assert.strictEqual(done.companies, sim.state.companies.count())
        assert.isFalse(existsSync(`${file}.sync-lock`), "the lock is released")

        // A lock held by another live process (another window, the CLI) refuses the sync too.
        writeFileSync(`${file}.sync-lock`, JSON.stringify({ pid: process.ppid, host: hostname(), startedAt: "then" }))
        const busy = yield* Effect.flip(syncInto(file))
        assert.strictEqual(busy.reason._tag, "SyncInProgress")
        // A lock left by a dead process (a killed sync) is taken over.
        writeFileSync(`${file}.sync-lock`, JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), startedAt: "then" }))
        const after = yield* syncInto(file)
        assert.strictEqual(after.companies, sim.state.companies.count())
      }))
  })
})
