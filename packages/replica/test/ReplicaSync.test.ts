import { spawn } from "node:child_process"
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs"
import http from "node:http"
import { hostname } from "node:os"
import path from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { IntercomClient } from "@intercom-explorer/core"
import { Effect, Schedule } from "effect"
import { Replica } from "../src/Replica.js"
import type { ReplicaError } from "../src/ReplicaErrors.js"
import { syncReplica, type SyncProgress } from "../src/ReplicaSync.js"
import { clientLayer, Sim, tempDir, TOKEN } from "./support/Simulator.js"

const packageDir = path.resolve(import.meta.dirname, "..")

/** Syncs `file` with the client in context and returns the summary. */
const syncInto = (file: string, onProgress?: (p: SyncProgress) => void) =>
  syncReplica({ onProgress, scroll: { prefetchPages: 2, busyRetry: Schedule.spaced("200 millis").pipe(Schedule.upTo({ duration: "20 seconds" })) } }).pipe(Effect.provide(Replica.layer({ file, create: true })))

const replicaIds = (file: string) =>
  Effect.gen(function*() {
    const replica = yield* Replica
    const rows = yield* replica.pageRaw("sort:name", { limit: 1_000_000 })
    return rows.map((row) => row.id).sort()
  }).pipe(Effect.provide(Replica.layer({ file })))

describe("sync against the simulator over HTTP", () => {
  it.layer(clientLayer({ companies: 2500 }), { timeout: 120_000, excludeTestServices: true })((it) => {
    it.effect("stores exactly the server's companies, tags, segments and memberships", () =>
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
        // Owner-only: the file 0600, the folder the replica created 0700.
        assert.strictEqual(statSync(file).mode & 0o777, 0o600)
        assert.strictEqual(statSync(path.dirname(file)).mode & 0o777, 0o700)

        yield* Effect.gen(function*() {
          const replica = yield* Replica
          const tags = yield* replica.tags()
          assert.strictEqual(tags.length, sim.state.tags().length)
          for (const tag of tags) assert.strictEqual(tag.companies, sim.state.companiesWithTag(tag.id).length, tag.name)
          const segments = yield* replica.segments()
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
        }).pipe(Effect.provide(Replica.layer({ file })))
      }))

    it.effect("drops companies deleted since the last sync, and one sync at a time", () =>
      Effect.gen(function*() {
        const sim = yield* Sim
        const dir = yield* tempDir
        const file = path.join(dir, "replica.sqlite")
        yield* syncInto(file)
        const gone = sim.state.companies.ids().slice(0, 3)
        for (const id of gone) {
          const res = yield* Effect.promise(() =>
            fetch(`${sim.url}/companies/${id}`, { method: "DELETE", headers: { Authorization: `Bearer ${TOKEN}` } })
          )
          assert.strictEqual(res.status, 200)
        }
        yield* syncInto(file)
        const ids = yield* replicaIds(file)
        assert.strictEqual(ids.length, sim.state.companies.count())
        for (const id of gone) assert.notInclude(ids, id)

        // A lock held by a live process (this one, as another window would) refuses a second sync.
        writeFileSync(`${file}.sync-lock`, JSON.stringify({ pid: process.ppid, host: hostname(), startedAt: "then" }))
        const busy = yield* Effect.flip(syncInto(file))
        assert.strictEqual((busy as ReplicaError).reason._tag, "SyncInProgress")
      }))
  })

  it.layer(clientLayer({ companies: 1500, scrollPageSize: 50, scrollTtlMs: 1500, rateWindowMs: 1000 }), { timeout: 120_000, excludeTestServices: true })((it) => {
    for (const fault of [
      "scroll-expire@nth=4",
      "scroll-restart-500@nth=3",
      "scroll-restart-500@nth=5&hold",
      "drop-connection@nth=6&path=/companies/scroll",
      "truncate-body@nth=2&path=/companies/scroll",
      "rate-limit-burst@nth=3&count=2"
    ]) {
      it.effect(`gives exactly the server's set under ${fault}`, () =>
        Effect.gen(function*() {
          const sim = yield* Sim
          const dir = yield* tempDir
          const file = path.join(dir, "replica.sqlite")
          sim.faults.clear()
          sim.faults.inject(fault)
          const summary = yield* syncInto(file)
          assert.isAbove(sim.faults.history.length, 0, "the fault fired")
          assert.deepStrictEqual(yield* replicaIds(file), sim.state.companies.ids().sort())
          assert.strictEqual(summary.companies, sim.state.companies.count())
        }), { timeout: 120_000 })
    }
  })
})

/** A proxy in front of the simulator that spoils two companies of the first scroll page. */
const spoilingProxy = (target: string) =>
  Effect.acquireRelease(
    Effect.promise(() =>
      new Promise<{ url: string; server: http.Server }>((resolve) => {
        const server = http.createServer(async (req, res) => {
          const headers: Record<string, string> = {}
          for (const name of ["authorization", "intercom-version", "accept", "content-type"]) {
            const value = req.headers[name]
            if (typeof value === "string") headers[name] = value
          }
          const upstream = await fetch(`${target}${req.url}`, { method: req.method!, headers })
          let body = await upstream.text()
          if (req.url!.startsWith("/companies/scroll") && upstream.status === 200) {
            const page = JSON.parse(body) as { data: Array<Record<string, unknown>> }
            if (page.data.length > 2 && !req.url!.includes("scroll_param")) {
              page.data[0]!.size = "very big"
              delete page.data[1]!.id
              body = JSON.stringify(page)
            }
          }
          res.writeHead(upstream.status, { "content-type": "application/json" })
          res.end(body)
        })
        server.listen(0, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server }))
      })
    ),
    ({ server }) => Effect.promise(() => new Promise<void>((resolve) => server.close(() => resolve())))
  )

describe("one odd company never sinks a sync", () => {
  it.layer(Sim.layer({ companies: 400 }), { timeout: 60_000, excludeTestServices: true })((it) => {
    it.effect("stores it as sent with the readable columns, counts and reports it", () =>
      Effect.gen(function*() {
        const sim = yield* Sim
        const proxy = yield* spoilingProxy(sim.url)
        const dir = yield* tempDir
        const file = path.join(dir, "replica.sqlite")
        const summary = yield* syncInto(file).pipe(Effect.provide(IntercomClient.layer({ token: TOKEN, baseUrl: proxy.url })))
        assert.strictEqual(summary.odd.length, 2)
        const spoiled = summary.odd.find((odd) => odd.id !== undefined)!
        assert.match(spoiled.problem, /size/)
        assert.strictEqual(summary.odd.find((odd) => odd.id === undefined)?.problem.includes("id"), true)
        assert.strictEqual(summary.companies, 399)
        yield* Effect.gen(function*() {
          const replica = yield* Replica
          const [row] = yield* replica.pageRaw(`cid:"${sim.state.companies.get(spoiled.id!)!.company_id}"`)
          assert.strictEqual(JSON.parse(row!.json).size, "very big")
          assert.match(row!.decodeError!, /size/)
          assert.strictEqual(yield* replica.count("no:size"), 1)
          const [company] = yield* replica.page(`cid:"${sim.state.companies.get(spoiled.id!)!.company_id}"`)
          assert.strictEqual(company!.id, spoiled.id)
          assert.strictEqual(company!.size, undefined)
          assert.strictEqual((yield* replica.lastSync())?.odd, 2)
        }).pipe(Effect.provide(Replica.layer({ file })))
      }))
  })
})

describe("damage and kills", () => {
  it.layer(clientLayer({ companies: 600, scrollTtlMs: 2000 }), { timeout: 120_000, excludeTestServices: true })((it) => {
    it.effect("a corrupt file is moved aside with a clear error, and the next sync rebuilds it", () =>
      Effect.gen(function*() {
        const sim = yield* Sim
        const dir = yield* tempDir
        const file = path.join(dir, "replica.sqlite")
        writeFileSync(file, "this is not a database, just some text that happens to be here ".repeat(100))
        const error = yield* Effect.flip(Effect.provide(Effect.flatMap(Replica, (r) => r.count("")), Replica.layer({ file })))
        assert.strictEqual(error.reason._tag, "ReplicaCorrupt")
        assert.match(error.message, /moved aside to .*replica\.sqlite\.corrupt-\d{8}T\d{6}Z/)
        assert.isFalse(existsSync(file))
        assert.isTrue(readdirSync(dir).some((name) => name.startsWith("replica.sqlite.corrupt-")))
        // A file damaged while the next sync opens it is moved aside by the sync itself.
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
        // Changes the child would bring in, and a slow scroll so that it is killed mid-way.
        const res = yield* Effect.promise(() =>
          fetch(`${sim.url}/companies/${before[0]}`, { method: "DELETE", headers: { Authorization: `Bearer ${TOKEN}` } })
        )
        assert.strictEqual(res.status, 200)
        sim.faults.inject("latency@p=1&delay=150&path=/companies/scroll")
        const killed = yield* Effect.promise(() =>
          new Promise<string>((resolve, reject) => {
            const child = spawn(
              process.execPath,
              [
                "--conditions=@intercom-explorer/source",
                "--import",
                "./test/support/register-ts.mjs",
                "test/support/sync-child.ts",
                file,
                sim.url,
                TOKEN
              ],
              { cwd: packageDir, stdio: ["ignore", "pipe", "pipe"] }
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
        assert.notInclude(killed, "finished")
        sim.faults.clear()
        // The previous replica, whole: the deleted company still there, nothing half-synced.
        assert.deepStrictEqual(yield* replicaIds(file), before)
        const count = yield* Effect.provide(Effect.flatMap(Replica, (r) => r.count("")), Replica.layer({ file }))
        assert.strictEqual(count, before.length)
        // The killed sync's lock is stale and its staging tables are left over: the next sync goes through.
        yield* syncInto(file)
        assert.deepStrictEqual(yield* replicaIds(file), sim.state.companies.ids().sort())
      }))
  })
})
