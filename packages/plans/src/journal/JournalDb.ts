import { existsSync } from "node:fs"
import { isCorruption, moveAside, prepareOwnerOnlyFile, transaction } from "@intercom-explorer/replica"
import { DatabaseSync } from "node:sqlite"
import { Effect, type Scope } from "effect"
import { JournalFailure, PlanError, planError } from "../PlanErrors.js"

// The journal's SQLite file: opened the way the replica opens its own (owner-only file, WAL, a busy
// timeout, versioned migrations, a damaged file moved aside), but with synchronous=FULL: every row is
// a promise about a request already sent, and a power cut must not take one back.

/** Versioned migrations, applied in order inside one transaction each; never edit a released one. */
const migrations: ReadonlyArray<{ readonly version: number; readonly name: string; readonly sql: ReadonlyArray<string> }> = [
  {
    version: 1,
    name: "applies and their operations",
    sql: [
      `CREATE TABLE applies (
        plan_id TEXT PRIMARY KEY NOT NULL,
        kind TEXT NOT NULL,
        plan_file TEXT,
        label TEXT NOT NULL,
        plan_hash TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        lock_pid INTEGER,
        lock_host TEXT,
        lock_heartbeat INTEGER) WITHOUT ROWID`,
      `CREATE TABLE operations (
        plan_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        state TEXT NOT NULL,
        attempt INTEGER NOT NULL DEFAULT 0,
        body TEXT,
        before_image TEXT,
        result_id TEXT,
        updated_at INTEGER,
        conflicts TEXT,
        error TEXT,
        code TEXT,
        request_id TEXT,
        sent_at INTEGER,
        finished_at INTEGER,
        PRIMARY KEY (plan_id, seq)) WITHOUT ROWID`
    ]
  },
  {
    version: 2,
    name: "custom attributes an apply creates",
    sql: [
      `CREATE TABLE attributes (
        plan_id TEXT NOT NULL,
        name TEXT NOT NULL,
        data_type TEXT NOT NULL,
        state TEXT NOT NULL,
        attribute TEXT,
        sent_at INTEGER,
        finished_at INTEGER,
        PRIMARY KEY (plan_id, name))`
    ]
  }
]

const schemaVersion = migrations[migrations.length - 1]!.version

const failure = (operation: string, detail: string): PlanError => planError(new JournalFailure({ operation, detail }))

const messageOf = (cause: unknown) => (cause instanceof Error ? cause.message : String(cause))


class TooNew extends Error {}

const migrate = (db: DatabaseSync) => {
  db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)")
  const current = (db.prepare("SELECT max(version) AS v FROM schema_migrations").get() as { v: number | null }).v ?? 0
  if (current > schemaVersion) {
    throw new TooNew(`it has schema version ${current}, newer than this version understands (${schemaVersion}); update Intercom Explorer`)
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue
    transaction(db, () => {
      for (const statement of migration.sql) db.exec(statement)
      db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)")
        .run(migration.version, migration.name, Math.floor(Date.now() / 1000))
    })
  }
}

const openOnce = (file: string): DatabaseSync => {
  prepareOwnerOnlyFile(file)
  const db = new DatabaseSync(file, { timeout: 5_000 })
  try {
    db.exec("PRAGMA journal_mode = WAL")
    db.exec("PRAGMA synchronous = FULL")
    // A file that is no database fails here, before anything is trusted from it.
    const check = db.prepare("PRAGMA quick_check(1)").get() as { quick_check?: string } | undefined
    if (check !== undefined && check.quick_check !== "ok") {
      throw Object.assign(new Error(`integrity check: ${check.quick_check}`), { errcode: 11 })
    }
    migrate(db)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}

/**
 * Opens (creating and migrating) the journal at `file` for the surrounding scope. A file SQLite
 * cannot read is moved aside and reported: silently starting a fresh journal would lose the
 * before-images an undo needs, so the person hears about it.
 */
export const openJournalDb = (file: string): Effect.Effect<DatabaseSync, PlanError, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.try({
      try: () => {
        try {
          return openOnce(file)
        } catch (error) {
          if (isCorruption(error) && existsSync(file)) {
            const movedTo = moveAside(file)
            throw failure("open", `${file} could not be read (${messageOf(error)}); it was moved aside to ${movedTo}`)
          }
          throw error
        }
      },
      catch: (error) => (error instanceof PlanError ? error : failure("open", `${file}: ${messageOf(error)}`))
    }),
    (db) => Effect.sync(() => db.isOpen && db.close())
  )

/** A synchronous journal step as an effect failing with `JournalFailure`. */
export const journalStep = <A>(operation: string, f: () => A): Effect.Effect<A, PlanError> =>
  Effect.try({
    try: f,
    catch: (error) => (error instanceof PlanError ? error : failure(operation, messageOf(error)))
  })
