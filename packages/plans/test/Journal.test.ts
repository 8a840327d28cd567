import { spawnSync } from "node:child_process"
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs"
import { hostname } from "node:os"
import path from "node:path"
import { DatabaseSync } from "node:sqlite"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { Journal, journalFileFor } from "../src/journal/Journal.ts"
import { planHash } from "../src/journal/PlanHash.ts"
import { type Plan, PLAN_FORMAT, PLAN_VERSION } from "../src/PlanFile.ts"
import { appliesIn, withJournal } from "./support/ApplyHarness.ts"
import { tempDir } from "./support/Simulator.ts"

const plan = (id: string, kind: "query" | "undo" = "query"): Plan => ({
  format: PLAN_FORMAT,
  version: PLAN_VERSION,
  id,
  createdAt: "2026-01-01T00:00:00.000Z",
  workspace: { appId: null },
  source: kind === "undo" ? { kind: "undo", of: "p0" } : { kind: "query", query: "plan:pro", assignments: ["tag VIP"] },
  summary: { creates: 0, updates: 2, tagChanges: 0, deletes: 0, unchanged: 0, invalid: 0 },
  operations: [1, 2, 3].map((seq) => ({
    seq,
    kind: "update" as const,
    id: `c${seq}`,
    companyId: null,
    label: `C${seq}`,
    updatedAt: null,
    changes: [{ field: "industry", before: null, after: "X", ...(seq === 3 ? { excluded: true } : {}) }],
    tags: []
  })),
  invalid: [],
  warnings: []
})

const begin = (file: string, p: Plan, label = "plan:pro") =>
  withJournal(file)(Effect.scoped(Effect.gen(function*() {
    const journal = yield* Journal
    return yield* journal.begin(p, { kind: p.source.kind === "undo" ? "undo" : "apply", planFile: null, label, hash: planHash(p) })
  })))

/** Sets the lock holder of `planId` as another process would have left it. */
const setHolder = (file: string, planId: string, pid: number, host: string, heartbeat: number) => {
  const db = new DatabaseSync(file)
  db.prepare("UPDATE applies SET lock_pid = ?, lock_host = ?, lock_heartbeat = ? WHERE plan_id = ?").run(pid, host, heartbeat, planId)
  db.close()
}

describe("Journal", () => {
  it("lives beside the replica", () => {
    assert.strictEqual(journalFileFor("/data/abc.sqlite"), "/data/abc.journal.sqlite")
    assert.strictEqual(journalFileFor("/data/abc.db"), "/data/abc.db.journal.sqlite")
  })

  it.effect("is an owner-only SQLite file in WAL mode with a schema version; a plan's operations start pending or excluded", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      const file = path.join(dir, "sub", "r.journal.sqlite")
      assert.deepStrictEqual(yield* begin(file, plan("p1")), { resumed: false })
      assert.strictEqual(statSync(file).mode & 0o777, 0o600)
      assert.strictEqual(statSync(path.dirname(file)).mode & 0o777, 0o700)
      const db = new DatabaseSync(file)
      assert.strictEqual((db.prepare("PRAGMA journal_mode").get() as { journal_mode: string }).journal_mode, "wal")
      assert.strictEqual((db.prepare("SELECT max(version) AS v FROM schema_migrations").get() as { v: number }).v, 2)
      assert.deepStrictEqual(
        (db.prepare("SELECT seq, state FROM operations ORDER BY seq").all() as Array<{ seq: number; state: string }>).map((r) => `${r.seq}:${r.state}`),
        ["1:pending", "2:pending", "3:excluded"]
      )
      db.close()
      assert.deepStrictEqual(yield* begin(file, plan("p1")), { resumed: true })
      const [record] = yield* appliesIn(file)
      assert.deepInclude(record!, { planId: "p1", kind: "apply", label: "plan:pro", total: 2, done: 0, finishedAt: null })
    }))

  it.effect("refuses the same plan id with other contents", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      const file = path.join(dir, "j.sqlite")
      yield* begin(file, plan("p1"))
      const changed = { ...plan("p1"), warnings: ["edited"] }
      const error = yield* Effect.flip(begin(file, changed))
      assert.strictEqual(error.reason._tag, "PlanFileInvalid")
      assert.match(error.message, /the plan file changed since it was first applied/)
    }))

  it.effect("one apply of a plan at a time: a live holder refuses, a dead or silent one is taken over, the lock goes with the scope", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      const file = path.join(dir, "j.sqlite")
      const p = plan("p1")
      // Held by this very process (another fiber): refused.
      yield* withJournal(file)(Effect.scoped(Effect.gen(function*() {
        const journal = yield* Journal
        yield* journal.begin(p, { kind: "apply", planFile: null, label: "x", hash: planHash(p) })
        const error = yield* Effect.flip(journal.begin(p, { kind: "apply", planFile: null, label: "x", hash: planHash(p) }))
        assert.strictEqual(error.reason._tag, "ApplyInProgress")
        assert.match(error.message, new RegExp(`plan p1 is being applied by another process \\(process ${process.pid} on `))
      })))
      // Released with the scope: taken again.
      assert.deepStrictEqual(yield* begin(file, p), { resumed: true })
      // A killed process's lock (its pid is gone) is taken over.
      const dead = spawnSync(process.execPath, ["-e", "0"]).pid!
      setHolder(file, "p1", dead, hostname(), Date.now())
      assert.deepStrictEqual(yield* begin(file, p), { resumed: true })
      // Another machine's holder that still beats refuses; one silent for minutes is taken over.
      setHolder(file, "p1", 4242, "other-host", Date.now())
      assert.strictEqual((yield* Effect.flip(begin(file, p))).reason._tag, "ApplyInProgress")
      setHolder(file, "p1", 4242, "other-host", Date.now() - 10 * 60_000)
      assert.deepStrictEqual(yield* begin(file, p), { resumed: true })
      // Our own pid on this host, but not held by this process: a killed run that had the same pid
      // (a container's CLI is pid 1 every time) is taken over.
      setHolder(file, "p1", process.pid, hostname(), Date.now())
      assert.deepStrictEqual(yield* begin(file, p), { resumed: true })
    }))

  it.live("lists applies and undos newest first", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      const file = path.join(dir, "j.sqlite")
      yield* begin(file, plan("p0"))
      yield* Effect.sleep("5 millis")
      yield* begin(file, plan("undo-p0", "undo"), "undo of p0")
      const applies = yield* appliesIn(file)
      assert.deepStrictEqual(applies.map((a) => `${a.planId}:${a.kind}:${a.label}`), ["undo-p0:undo:undo of p0", "p0:apply:plan:pro"])
    }))

  it.effect("a damaged journal is moved aside with a clear error; the next open starts a fresh one", () =>
    Effect.gen(function*() {
      const dir = yield* tempDir
      const file = path.join(dir, "j.sqlite")
      writeFileSync(file, "not a database at all, only text ".repeat(200))
      const error = yield* Effect.flip(appliesIn(file))
      assert.strictEqual(error.reason._tag, "JournalFailure")
      assert.match(error.message, /the journal failed to open: .*j\.sqlite could not be read .*moved aside to .*j\.sqlite\.corrupt-\d{8}T\d{6}Z/)
      assert.isTrue(readdirSync(dir).some((name) => name.startsWith("j.sqlite.corrupt-")))
      assert.deepStrictEqual(yield* appliesIn(file), [])
      assert.isTrue(existsSync(file))
    }))
})
