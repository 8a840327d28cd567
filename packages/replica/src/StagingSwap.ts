import type { DatabaseSync } from "node:sqlite"
import type { ChangeDetector } from "./ChangeDetector.js"
import { transaction } from "./DatabaseFile.js"
import { liveIndexes } from "./ReplicaDb.js"
import { columns, replaceTagsAndSegments, type SegmentRecord, stagedTables, type TagRecord } from "./ReplicaStore.js"

// The end of a sync: its staging tables hold the companies that are new or changed since the live
// replica (all of them on a first sync), and the detector knows which live ones came back
// unchanged. One transaction makes the live replica the workspace as scrolled, in one of two ways:
// - merge: few changes. The changed, new and gone companies are rewritten in place and the live
//   indexes kept up row by row: a sync that changed 1% of 100,000 companies writes 1% of a replica.
// - rebuild: many changes, or a first sync. The kept live rows are copied beside the staged ones,
//   the staging tables renamed in, and the indexes built once, sorted: past a share of changes that
//   costs less than keeping 18 indexes in order insert by insert.

/** Past this share of staged companies in the scroll, a rebuild costs less than a merge. */
export const mergeLimit = 0.25

export type SwapMode = "merge" | "rebuild"

export const swapMode = (changes: ChangeDetector, staged: number): SwapMode =>
  changes.live === 0 || staged > mergeLimit * (changes.kept.size + staged) ? "rebuild" : "merge"

/**
 * The row ids of the live companies the scroll delivered unchanged, as a table the statements below
 * read. A row id no longer holding the same company (deleted and its id reused by a write-through
 * meanwhile) is not kept: the edits journal brings such rows back.
 */
const keepTable = (db: DatabaseSync, kept: ReadonlyMap<number, string>) => {
  db.exec("CREATE TEMP TABLE IF NOT EXISTS kept_rids (rid INTEGER PRIMARY KEY, id TEXT NOT NULL)")
  db.exec("DELETE FROM kept_rids")
  db.prepare("INSERT INTO kept_rids (rid, id) SELECT value ->> 0, value ->> 1 FROM json_each(?)").run(JSON.stringify([...kept]))
  db.exec("DELETE FROM kept_rids WHERE NOT EXISTS (SELECT 1 FROM companies c WHERE c.rid = kept_rids.rid AND c.id = kept_rids.id)")
}

const members = ["company_tags", "company_segments"] as const

/** Rebuild: the kept live companies join the staged ones (their row ids come before every staged one), then staging is renamed in. */
const rebuild = (db: DatabaseSync) => {
  db.exec("INSERT INTO staging_companies SELECT * FROM companies WHERE rid IN (SELECT rid FROM kept_rids)")
  db.exec("INSERT INTO staging_company_json SELECT * FROM company_json WHERE rid IN (SELECT rid FROM kept_rids)")
  for (const table of members) {
    db.exec(`INSERT INTO staging_${table} SELECT m.* FROM ${table} m JOIN companies c ON c.id = m.company_id WHERE c.rid IN (SELECT rid FROM kept_rids)`)
  }
  for (const table of stagedTables) {
    db.exec(`DROP TABLE ${table}`)
    db.exec(`ALTER TABLE staging_${table} RENAME TO ${table}`)
  }
  // Built here, once the rows are in: one sorted build per index. Kept up row by row while staging
  // (on a thread), they made the sync 4x slower (random ids, and every checkpoint rewrote them).
  for (const index of liveIndexes) db.exec(index)
}

/**
 * Merge: every live company not kept (changed, gone from Intercom, or written through since the
 * sync began: the edits journal brings those back) leaves with its JSON and memberships, and the
 * staged ones come in under new row ids.
 */
const merge = (db: DatabaseSync) => {
  const leaving = "SELECT id FROM companies WHERE rid NOT IN (SELECT rid FROM kept_rids)"
  for (const table of members) db.exec(`DELETE FROM ${table} WHERE company_id IN (${leaving})`)
  db.exec("DELETE FROM company_json WHERE rid NOT IN (SELECT rid FROM kept_rids)")
  db.exec("DELETE FROM companies WHERE rid NOT IN (SELECT rid FROM kept_rids)")
  const list = columns.join(", ")
  db.exec(`INSERT INTO companies (${list}) SELECT ${list} FROM staging_companies ORDER BY rid`)
  db.exec(
    "INSERT INTO company_json (rid, raw) SELECT c.rid, j.raw FROM staging_companies s JOIN staging_company_json j ON j.rid = s.rid JOIN companies c ON c.id = s.id"
  )
  for (const table of members) db.exec(`INSERT INTO ${table} SELECT * FROM staging_${table}`)
  for (const table of stagedTables) db.exec(`DROP TABLE staging_${table}`)
}

/**
 * Makes the live replica the workspace as scrolled, in one transaction: a reader sees the old
 * replica or the new one, never a mix, and a kill before COMMIT leaves the old one as it was.
 * `finish` runs last inside it (metadata, the edits made meanwhile).
 */
export const swapStaging = <A>(
  db: DatabaseSync,
  changes: ChangeDetector,
  staged: number,
  tags: ReadonlyArray<TagRecord>,
  segments: ReadonlyArray<SegmentRecord>,
  finish: () => A
): { readonly mode: SwapMode; readonly result: A } =>
  transaction(db, () => {
    const mode = swapMode(changes, staged)
    keepTable(db, changes.kept)
    if (mode === "rebuild") rebuild(db)
    else merge(db)
    db.exec("DROP TABLE kept_rids")
    replaceTagsAndSegments(db, tags, segments)
    return { mode, result: finish() }
  })
