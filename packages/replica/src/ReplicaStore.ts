import type { DatabaseSync } from "node:sqlite"
import { type CompanyRow, fold } from "./CompanyRow.js"
import { type CheckpointThread, startCheckpointThread } from "./CheckpointThread.js"
import { transaction } from "./DatabaseFile.js"
import { companiesTable, jsonTable, membershipTable } from "./ReplicaDb.js"

/** The tables a sync builds in staging and swaps in whole. */
export const stagedTables = ["companies", "company_json", "company_tags", "company_segments"] as const

/** The `companies` columns a writer fills (all but `rid`), in the order of `values`. */
export const columns = [
  "id",
  "company_id",
  "company_id_fold",
  "name",
  "name_fold",
  "plan",
  "plan_fold",
  "size",
  "website",
  "website_fold",
  "industry",
  "industry_fold",
  "monthly_spend",
  "user_count",
  "session_count",
  "created_at",
  "updated_at",
  "last_request_at",
  "remote_created_at",
  "custom",
  "decode_error",
  "raw_hash"
] as const

const foldOrNull = (text: string | null) => (text === null ? null : fold(text))

const values = (row: CompanyRow) => [
  row.id,
  row.company_id,
  foldOrNull(row.company_id),
  row.name,
  foldOrNull(row.name),
  row.plan,
  foldOrNull(row.plan),
  row.size,
  row.website,
  foldOrNull(row.website),
  row.industry,
  foldOrNull(row.industry),
  row.monthly_spend,
  row.user_count,
  row.session_count,
  row.created_at,
  row.updated_at,
  row.last_request_at,
  row.remote_created_at,
  row.custom,
  row.decode_error,
  row.raw_hash
] as const

/** Prepared writers for one set of tables (the live ones, or a sync's staging ones). */
export interface RowWriter {
  readonly write: (rows: ReadonlyArray<CompanyRow>) => void
}

/**
 * A staging transaction ends after this many companies scrolled, or once it has been open this long
 * (at Intercom's pace 5,000 companies take half a minute, and a write-through from another window
 * waits for the sync's transaction): a commit per scroll page would cost more than the inserts.
 */
const stagingBatch = 5_000
const stagingBatchMillis = 250

/** `custom` is stored as JSONB, so queries on custom attributes do not parse JSON text row by row. */
const placeholders = columns.map((column) => (column === "custom" ? "jsonb(?)" : "?")).join(", ")

const membershipInsert = (prefix: string, key: "tag" | "segment") =>
  `INSERT ${prefix === "" ? "OR IGNORE " : ""}INTO ${prefix}company_${key}s (company_id, ${key}_id, name_fold) VALUES (?, ?, ?)`

const memberships = (db: DatabaseSync, prefix: string) => ({
  tag: db.prepare(membershipInsert(prefix, "tag")),
  segment: db.prepare(membershipInsert(prefix, "segment"))
})

/** The staging writer of a sync; `flush` commits what was written since the last commit. */
export interface StagingWriter {
  /**
   * Opens the batch's transaction if none is open, for what comes before a page's writes (the
   * change lookups: one transaction for a page's lookups instead of one each, ten times the cost).
   */
  readonly begin: () => void
  /** Appends the staged rows of a page of `scrolled` companies, committing when the batch is full. */
  readonly write: (rows: ReadonlyArray<CompanyRow>, scrolled: number) => void
  readonly flush: () => void
  /** Ends the checkpoint thread. */
  readonly close: () => Promise<void>
}

/**
 * The staging writer: a sync delivers each company once, so rows are appended with row ids counted
 * here from `firstRid`, in transactions of `stagingBatch` companies scrolled or `stagingBatchMillis`
 * (so a write-through from another window waits for a fraction of a second at most). After each
 * commit the checkpoint thread copies the WAL into the file, beside the scroll.
 */
const appender = (db: DatabaseSync, prefix: string, checkpoints: CheckpointThread, firstRid: number): StagingWriter => {
  const company = db.prepare(`INSERT INTO ${prefix}companies (rid, ${columns.join(", ")}) VALUES (?, ${placeholders})`)
  const json = db.prepare(`INSERT INTO ${prefix}company_json (rid, raw) VALUES (?, ?)`)
  const { segment, tag } = memberships(db, prefix)
  let rid = firstRid - 1
  let pending = 0
  // Ends the batch once it has been open `stagingBatchMillis`, also while the scroll waits for a
  // page (a scroll lock held elsewhere, the rate budget): the write lock is never held across a wait.
  // It fires only between the sync's synchronous steps, where a transaction open is the batch's.
  let deadline: ReturnType<typeof setTimeout> | undefined
  const flush = () => {
    if (deadline !== undefined) clearTimeout(deadline)
    deadline = undefined
    if (db.isTransaction) db.exec("COMMIT")
    pending = 0
    checkpoints.checkpoint()
  }
  const begin = () => {
    if (db.isTransaction) return
    db.exec("BEGIN IMMEDIATE")
    deadline = setTimeout(() => {
      deadline = undefined
      try {
        if (db.isOpen && db.isTransaction) flush()
      } catch {
        // A commit refused now is retried by the next page's write, or fails the sync there.
      }
    }, stagingBatchMillis)
    deadline.unref()
  }
  return {
    begin,
    flush,
    close: () => {
      if (deadline !== undefined) clearTimeout(deadline)
      return checkpoints.close()
    },
    write: (rows, scrolled) => {
      begin()
      pending += scrolled
      for (const row of rows) {
        rid += 1
        company.run(rid, ...values(row))
        json.run(rid, row.raw)
        for (const t of row.tags) tag.run(row.id, t.id, fold(t.name))
        for (const s of row.segments) segment.run(row.id, s.id, fold(s.name))
      }
      if (pending >= stagingBatch) flush()
    }
  }
}

/** The live writer (write-through): a company replaces the stored one in place, with its memberships. Call it inside a transaction. */
export const liveWriter = (db: DatabaseSync): RowWriter => {
  const updates = columns.filter((column) => column !== "id").map((column) => `${column} = excluded.${column}`).join(", ")
  const company = db.prepare(
    `INSERT INTO companies (${columns.join(", ")}) VALUES (${placeholders}) ON CONFLICT (id) DO UPDATE SET ${updates} RETURNING rid`
  )
  const json = db.prepare("INSERT OR REPLACE INTO company_json (rid, raw) VALUES (?, ?)")
  const clearTags = db.prepare("DELETE FROM company_tags WHERE company_id = ?")
  const clearSegments = db.prepare("DELETE FROM company_segments WHERE company_id = ?")
  const { segment, tag } = memberships(db, "")
  return {
    write: (rows) => {
      for (const row of rows) {
        const { rid } = company.get(...values(row)) as { rid: number }
        json.run(rid, row.raw)
        clearTags.run(row.id)
        clearSegments.run(row.id)
        for (const t of row.tags) tag.run(row.id, t.id, fold(t.name))
        for (const s of row.segments) segment.run(row.id, s.id, fold(s.name))
      }
    }
  }
}

/**
 * The staging tables of a sync: dropped and created again at its start (a killed sync leaves old
 * ones). The WAL is not checkpointed by this connection until `endStaging` (a checkpoint here
 * would hold up the scroll while it waits for the disk); the checkpoint thread does it beside.
 */
export const startStaging = (db: DatabaseSync, file: string): StagingWriter => {
  db.exec("PRAGMA wal_autocheckpoint = 0")
  for (const table of stagedTables) db.exec(`DROP TABLE IF EXISTS staging_${table}`)
  db.exec(companiesTable("staging_companies"))
  db.exec(jsonTable("staging_company_json"))
  db.exec(membershipTable("staging_company_tags", "tag_id"))
  db.exec(membershipTable("staging_company_segments", "segment_id"))
  // Staged rows are numbered after every live one, so a rebuild can copy kept live rows beside them as they are.
  const { top } = db.prepare("SELECT coalesce(max(rid), 0) AS top FROM companies").get() as { top: number }
  return appender(db, "staging_", startCheckpointThread(file), Number(top) + 1)
}

/** After a sync, swapped in or not: drops what is left of staging and checkpoints the WAL into the file. */
export const endStaging = (db: DatabaseSync): void => {
  if (!db.isOpen) return
  if (db.isTransaction) db.exec("ROLLBACK")
  for (const table of stagedTables) db.exec(`DROP TABLE IF EXISTS staging_${table}`)
  db.exec("PRAGMA wal_autocheckpoint = 1000")
  db.exec("PRAGMA wal_checkpoint(TRUNCATE)")
}

export interface TagRecord {
  readonly id: string
  readonly name: string
}
export interface SegmentRecord {
  readonly id: string
  readonly name: string
  readonly person_type?: string | undefined
  readonly count?: number | null | undefined
}

export const replaceTagsAndSegments = (db: DatabaseSync, tags: ReadonlyArray<TagRecord>, segments: ReadonlyArray<SegmentRecord>) => {
  db.exec("DELETE FROM tags")
  db.exec("DELETE FROM segments")
  const tag = db.prepare("INSERT OR REPLACE INTO tags (id, name, name_fold) VALUES (?, ?, ?)")
  for (const t of tags) tag.run(t.id, t.name, fold(t.name))
  const segment = db.prepare("INSERT OR REPLACE INTO segments (id, name, name_fold, person_type, count) VALUES (?, ?, ?, ?, ?)")
  for (const s of segments) segment.run(s.id, s.name, fold(s.name), s.person_type ?? null, s.count ?? null)
}

/** Removes companies (rows, JSON, memberships) by Intercom id; call it inside a transaction. */
export const deleteLiveRows = (db: DatabaseSync, ids: ReadonlyArray<string>): number => {
  const json = db.prepare("DELETE FROM company_json WHERE rid = (SELECT rid FROM companies WHERE id = ?)")
  const company = db.prepare("DELETE FROM companies WHERE id = ?")
  const tags = db.prepare("DELETE FROM company_tags WHERE company_id = ?")
  const segments = db.prepare("DELETE FROM company_segments WHERE company_id = ?")
  let removed = 0
  for (const id of ids) {
    json.run(id)
    removed += Number(company.run(id).changes)
    tags.run(id)
    segments.run(id)
  }
  return removed
}

export const replaceTagsAndSegmentsLive = (
  db: DatabaseSync,
  tags: ReadonlyArray<TagRecord>,
  segments: ReadonlyArray<SegmentRecord>
): void => transaction(db, () => replaceTagsAndSegments(db, tags, segments))
