import { existsSync } from "node:fs"
import { DatabaseSync } from "node:sqlite"
import { Effect, type Scope } from "effect"
import { fold } from "./CompanyRow.js"
import { isCorruption, moveAside, prepareOwnerOnlyFile } from "./DatabaseFile.js"
import {
  ReplicaCorrupt,
  ReplicaError,
  ReplicaMissing,
  SchemaTooNew,
  storageFailure
} from "./ReplicaErrors.js"

/**
 * The typed columns of a company, shared by the live table and a sync's staging table. A rowid
 * table with narrow rows: a query that scans reads only these, and the JSON Intercom sent lives
 * apart in `company_json` (a WITHOUT ROWID table with ~1 KB rows would give each row its own
 * overflow page, five times the file).
 */
const companyColumnsV1 = `
  rid INTEGER PRIMARY KEY,
  id TEXT NOT NULL,
  company_id TEXT, company_id_fold TEXT,
  name TEXT, name_fold TEXT,
  plan TEXT, plan_fold TEXT,
  size INTEGER,
  website TEXT, website_fold TEXT,
  industry TEXT, industry_fold TEXT,
  monthly_spend REAL,
  user_count INTEGER,
  session_count INTEGER,
  created_at INTEGER,
  updated_at INTEGER,
  last_request_at INTEGER,
  remote_created_at INTEGER,
  custom BLOB,
  decode_error TEXT`

/** Version 4 appended `raw_hash` (see `rawHash`); a staging table has every column a live one has, in the same order. */
const companyColumns = `${companyColumnsV1},
  raw_hash INTEGER`

export const companiesTable = (name: string) => `CREATE TABLE ${name} (${companyColumns})`
/** Each company as Intercom sent it, by the row id of its `companies` row. */
export const jsonTable = (name: string) => `CREATE TABLE ${name} (rid INTEGER PRIMARY KEY, raw TEXT NOT NULL)`
export const membershipTable = (name: string, key: "tag_id" | "segment_id") =>
  `CREATE TABLE ${name} (company_id TEXT NOT NULL, ${key} TEXT NOT NULL, name_fold TEXT NOT NULL)`

/**
 * The sort keys' columns, each indexed with the id: the index serves filters, and descending order
 * (missing values sort last in it). Ascending order puts missing values last with `(x IS NULL)`,
 * which only the name (the default order) has an index for; other ascending sorts sort their matches.
 */
export const sortColumns = ["name_fold", "size", "monthly_spend", "user_count", "session_count", "created_at", "updated_at", "last_request_at"] as const

/**
 * The indexes of the live tables, built again after a sync swaps the staging tables in. Even the
 * unique ones: staging only appends (the scroll delivers each company once, and a company's tags
 * are de-duplicated when its row is read), and one sorted build at the end costs less than keeping
 * B-trees of random ids in order insert by insert. A duplicate would fail the build, and the sync.
 */
export const liveIndexes = [
  "CREATE UNIQUE INDEX companies_id ON companies (id)",
  "CREATE UNIQUE INDEX company_tags_key ON company_tags (company_id, tag_id)",
  "CREATE UNIQUE INDEX company_segments_key ON company_segments (company_id, segment_id)",
  "CREATE INDEX companies_company_id ON companies (company_id_fold)",
  "CREATE INDEX companies_plan ON companies (plan_fold)",
  "CREATE INDEX companies_industry ON companies (industry_fold)",
  "CREATE INDEX companies_website ON companies (website_fold)",
  ...sortColumns.map((column) => `CREATE INDEX companies_${column} ON companies (${column}, id)`),
  "CREATE INDEX companies_name_last ON companies ((name_fold IS NULL), name_fold, id)",
  "CREATE INDEX company_tags_name ON company_tags (name_fold, company_id)",
  "CREATE INDEX company_segments_name ON company_segments (name_fold, company_id)"
]

/** Versioned migrations, applied in order inside one transaction each; never edit a released one. */
export const migrations: ReadonlyArray<{ readonly version: number; readonly name: string; readonly sql: ReadonlyArray<string> }> = [
  {
    version: 1,
    name: "companies, tags, segments, memberships, sync metadata",
    sql: [
      "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID",
      `CREATE TABLE companies (${companyColumnsV1})`,
      jsonTable("company_json"),
      membershipTable("company_tags", "tag_id"),
      membershipTable("company_segments", "segment_id"),
      "CREATE TABLE tags (id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL, name_fold TEXT NOT NULL) WITHOUT ROWID",
      "CREATE TABLE segments (id TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL, name_fold TEXT NOT NULL, person_type TEXT, count INTEGER) WITHOUT ROWID",
      `CREATE TABLE syncs (
        id INTEGER PRIMARY KEY,
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        status TEXT NOT NULL,
        app_id TEXT,
        companies INTEGER,
        pages INTEGER,
        restarts INTEGER,
        odd INTEGER,
        tags INTEGER,
        segments INTEGER,
        error TEXT)`,
      ...liveIndexes
    ]
  },
  {
    version: 2,
    name: "journal of write-through edits made while a sync runs",
    sql: ["CREATE TABLE edits (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, edit TEXT NOT NULL)"]
  },
  {
    version: 3,
    name: "the workspace's company data attribute definitions",
    sql: ["CREATE TABLE data_attributes (full_name TEXT NOT NULL UNIQUE, raw TEXT NOT NULL)"]
  },
  {
    version: 4,
    name: "a hash of each company's JSON as sent, which a sync compares instead of the JSON",
    // Empty in rows stored before: the next sync finds them changed once, and rebuilds.
    sql: ["ALTER TABLE companies ADD COLUMN raw_hash INTEGER"]
  }
]

export const schemaVersion = migrations[migrations.length - 1]!.version


const migrate = (db: DatabaseSync, file: string) => {
  db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)")
  const row = db.prepare("SELECT max(version) AS v FROM schema_migrations").get() as { v: number | null }
  const current = row.v ?? 0
  if (current > schemaVersion) {
    throw new ReplicaError({ reason: new SchemaTooNew({ file, version: current, supported: schemaVersion }) })
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue
    db.exec("BEGIN IMMEDIATE")
    try {
      for (const statement of migration.sql) db.exec(statement)
      db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)")
        .run(migration.version, migration.name, Math.floor(Date.now() / 1000))
      db.exec("COMMIT")
    } catch (error) {
      if (db.isTransaction) db.exec("ROLLBACK")
      throw error
    }
  }
  // A process of schema 3 that had the file open before the migration rebuilds `companies` without
  // `raw_hash`: it comes back empty, and the next sync finds those rows changed.
  const hasHash = (db.prepare("PRAGMA table_info(companies)").all() as Array<{ name: string }>).some((c) => c.name === "raw_hash")
  if (!hasHash) db.exec("ALTER TABLE companies ADD COLUMN raw_hash INTEGER")
}

export interface OpenOptions {
  /** Create the file (and folder) when missing: a sync does, a query does not. */
  readonly create: boolean
}

const openOnce = (file: string, options: OpenOptions): DatabaseSync => {
  if (!options.create && !existsSync(file)) throw new ReplicaError({ reason: new ReplicaMissing({ file }) })
  if (options.create) prepareOwnerOnlyFile(file)
  const db = new DatabaseSync(file, { timeout: 5_000 })
  try {
    db.exec("PRAGMA journal_mode = WAL")
    db.exec("PRAGMA synchronous = NORMAL")
    db.exec("PRAGMA foreign_keys = OFF")
    db.exec("PRAGMA temp_store = MEMORY")
    db.exec("PRAGMA cache_size = -32000")
    // Reads through a memory map: a query that scans the companies makes no read() call per page.
    db.exec("PRAGMA mmap_size = 1073741824")
    // A reader checks the header and the schema (a file that is no database fails here); a sync,
    // which is about to read and rewrite everything anyway, checks every page first.
    db.prepare("SELECT count(*) FROM sqlite_master").get()
    if (options.create) {
      const check = db.prepare("PRAGMA quick_check(1)").get() as { quick_check?: string } | undefined
      if (check !== undefined && check.quick_check !== "ok") {
        throw Object.assign(new Error(`integrity check: ${check.quick_check}`), { errcode: 11 })
      }
    }
    db.function("fold", { deterministic: true }, (value) => (typeof value === "string" ? fold(value) : null))
    migrate(db, file)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}

/**
 * Opens (and migrates) the replica at `file` for the surrounding scope. A file that SQLite cannot
 * read is moved aside with a timestamp and reported as `ReplicaCorrupt`; the next sync starts a
 * fresh one there.
 */
export const openReplicaDb = (file: string, options: OpenOptions): Effect.Effect<DatabaseSync, ReplicaError, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.try({
      try: () => {
        try {
          return openOnce(file, options)
        } catch (error) {
          if (isCorruption(error) && existsSync(file)) {
            const movedTo = moveAside(file)
            throw new ReplicaError({
              reason: new ReplicaCorrupt({ file, movedTo, detail: error instanceof Error ? error.message : String(error) })
            })
          }
          throw error
        }
      },
      catch: (error) => (error instanceof ReplicaError ? error : storageFailure("open the replica")(error))
    }),
    (db) => Effect.sync(() => db.isOpen && db.close())
  )

