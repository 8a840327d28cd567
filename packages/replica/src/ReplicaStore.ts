import type { DatabaseSync, StatementSync } from "node:sqlite"
import { type CompanyRow, fold } from "./CompanyRow.js"
import { companiesTable, liveIndexes, membershipTable, transaction } from "./ReplicaDb.js"

const columns = [
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
  "raw",
  "decode_error"
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
  row.raw,
  row.decode_error
]

/** Prepared writers for one set of tables (the live ones, or a sync's staging ones). */
export interface RowWriter {
  readonly write: (rows: ReadonlyArray<CompanyRow>) => void
}

const writer = (db: DatabaseSync, prefix: string, replace: boolean): RowWriter => {
  const verb = replace ? "INSERT OR REPLACE" : "INSERT OR IGNORE"
  const company = db.prepare(
    `${verb} INTO ${prefix}companies (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`
  )
  const tag = db.prepare(`INSERT OR IGNORE INTO ${prefix}company_tags (company_id, tag_id, name_fold) VALUES (?, ?, ?)`)
  const segment = db.prepare(
    `INSERT OR IGNORE INTO ${prefix}company_segments (company_id, segment_id, name_fold) VALUES (?, ?, ?)`
  )
  const clearTags: StatementSync | undefined = replace
    ? db.prepare(`DELETE FROM ${prefix}company_tags WHERE company_id = ?`)
    : undefined
  const clearSegments: StatementSync | undefined = replace
    ? db.prepare(`DELETE FROM ${prefix}company_segments WHERE company_id = ?`)
    : undefined
  return {
    write: (rows) => {
      for (const row of rows) {
        company.run(...values(row))
        clearTags?.run(row.id)
        clearSegments?.run(row.id)
        for (const t of row.tags) tag.run(row.id, t.id, fold(t.name))
        for (const s of row.segments) segment.run(row.id, s.id, fold(s.name))
      }
    }
  }
}

/** The staging tables of a sync: dropped and created again at its start (a killed sync leaves old ones). */
export const startStaging = (db: DatabaseSync): RowWriter => {
  db.exec("DROP TABLE IF EXISTS staging_companies")
  db.exec("DROP TABLE IF EXISTS staging_company_tags")
  db.exec("DROP TABLE IF EXISTS staging_company_segments")
  db.exec(companiesTable("staging_companies"))
  db.exec(membershipTable("staging_company_tags", "tag_id"))
  db.exec(membershipTable("staging_company_segments", "segment_id"))
  return writer(db, "staging_", false)
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

const replaceTagsAndSegments = (db: DatabaseSync, tags: ReadonlyArray<TagRecord>, segments: ReadonlyArray<SegmentRecord>) => {
  db.exec("DELETE FROM tags")
  db.exec("DELETE FROM segments")
  const tag = db.prepare("INSERT OR REPLACE INTO tags (id, name, name_fold) VALUES (?, ?, ?)")
  for (const t of tags) tag.run(t.id, t.name, fold(t.name))
  const segment = db.prepare("INSERT OR REPLACE INTO segments (id, name, name_fold, person_type, count) VALUES (?, ?, ?, ?, ?)")
  for (const s of segments) segment.run(s.id, s.name, fold(s.name), s.person_type ?? null, s.count ?? null)
}

/**
 * Replaces the live tables with the staging ones in one transaction: a reader sees the old replica
 * or the new one, never a mix, and a kill before COMMIT leaves the old one as it was.
 */
export const swapStaging = (
  db: DatabaseSync,
  tags: ReadonlyArray<TagRecord>,
  segments: ReadonlyArray<SegmentRecord>,
  finish: () => void
): void =>
  transaction(db, () => {
    db.exec("DROP TABLE companies")
    db.exec("DROP TABLE company_tags")
    db.exec("DROP TABLE company_segments")
    db.exec("ALTER TABLE staging_companies RENAME TO companies")
    db.exec("ALTER TABLE staging_company_tags RENAME TO company_tags")
    db.exec("ALTER TABLE staging_company_segments RENAME TO company_segments")
    for (const index of liveIndexes) db.exec(index)
    replaceTagsAndSegments(db, tags, segments)
    finish()
  })

/** Write-through: the company as the API answered it replaces the stored one (with its memberships). */
export const upsertLive = (db: DatabaseSync, rows: ReadonlyArray<CompanyRow>): void =>
  transaction(db, () => writer(db, "", true).write(rows))

export const deleteLive = (db: DatabaseSync, ids: ReadonlyArray<string>): number =>
  transaction(db, () => {
    const company = db.prepare("DELETE FROM companies WHERE id = ?")
    const tags = db.prepare("DELETE FROM company_tags WHERE company_id = ?")
    const segments = db.prepare("DELETE FROM company_segments WHERE company_id = ?")
    let removed = 0
    for (const id of ids) {
      removed += Number(company.run(id).changes)
      tags.run(id)
      segments.run(id)
    }
    return removed
  })

export const replaceTagsAndSegmentsLive = (
  db: DatabaseSync,
  tags: ReadonlyArray<TagRecord>,
  segments: ReadonlyArray<SegmentRecord>
): void => transaction(db, () => replaceTagsAndSegments(db, tags, segments))
