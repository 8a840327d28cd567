import type { DatabaseSync } from "node:sqlite"
import type { DataAttribute } from "@intercom-explorer/core"
import { Predicate } from "effect"
import { storeDefinition } from "./AttributeDefinitions.js"
import { companyRow, decodeProblem, fold } from "./CompanyRow.js"
import { transaction } from "./DatabaseFile.js"
import { deleteLiveRows, liveWriter, type TagRecord } from "./ReplicaStore.js"

// The write-through's edits of the live tables, each in one transaction. A company is always
// rewritten whole (typed columns, memberships and the JSON as sent) from one JSON object, so a
// query, a page and the company's own JSON never disagree.

/** A company named the way core's Tags names it: its Intercom id, `{ id }` or `{ company_id }`. */
export type CompanyRef = string | { readonly id: string } | { readonly company_id: string }

type Json = Record<string, unknown>

const storedJson = (db: DatabaseSync, id: string): Json | undefined => {
  const row = db.prepare("SELECT j.raw FROM companies c JOIN company_json j ON j.rid = c.rid WHERE c.id = ?").get(id) as
    | { raw: string }
    | undefined
  return row === undefined ? undefined : (JSON.parse(row.raw) as Json)
}

/** The Intercom id of a company the replica holds, or undefined. */
const idOf = (db: DatabaseSync, ref: CompanyRef): string | undefined => {
  if (typeof ref === "string") return storedJson(db, ref) === undefined ? undefined : ref
  if ("id" in ref) return storedJson(db, ref.id) === undefined ? undefined : ref.id
  const row = db.prepare("SELECT id FROM companies WHERE company_id_fold = ? AND company_id = ?").get(fold(ref.company_id), ref.company_id) as
    | { id: string }
    | undefined
  return row?.id
}

const write = (db: DatabaseSync, companies: ReadonlyArray<Json>) =>
  liveWriter(db).write(companies.map((raw) => companyRow(raw, raw.id as string, decodeProblem(raw))))

/**
 * A company as the API answered it, ready to store. An answer without `tags` or `segments`
 * (Intercom's company object has both, but not every endpoint promises them) keeps the stored
 * lists, so a write-through never drops memberships the answer did not speak about.
 */
const mergedAnswer = (db: DatabaseSync, answer: Json): Json => {
  const stored = "tags" in answer && "segments" in answer ? undefined : storedJson(db, answer.id as string)
  const merged: Json = { ...answer }
  for (const key of ["tags", "segments"] as const) {
    if (!(key in merged) && stored !== undefined && key in stored) merged[key] = stored[key]
  }
  return merged
}

/** The company's `tags` list with `change` applied to its items (Intercom's `{type: "tag.list", tags}` shape). */
const withTags = (company: Json, change: (tags: Array<Json>) => Array<Json>): Json => {
  const list = Predicate.isObject(company.tags) ? (company.tags as Json) : { type: "tag.list" }
  const items = Array.isArray(list.tags) ? (list.tags as Array<unknown>).filter(Predicate.isObject) as Array<Json> : []
  return { ...company, tags: { ...list, tags: change(items) } }
}

const upsertTag = (db: DatabaseSync, tag: TagRecord) =>
  db.prepare("INSERT OR REPLACE INTO tags (id, name, name_fold) VALUES (?, ?, ?)").run(tag.id, tag.name, fold(tag.name))

const companiesWithTag = (db: DatabaseSync, tagId: string): Array<Json> =>
  (db.prepare("SELECT j.raw FROM company_tags m JOIN companies c ON c.id = m.company_id JOIN company_json j ON j.rid = c.rid WHERE m.tag_id = ?")
    .all(tagId) as Array<{ raw: string }>).map((row) => JSON.parse(row.raw) as Json)

/** One write-through edit, as journalled while a sync runs (see `replayEdits`). */
type Edit =
  | { readonly kind: "company"; readonly company: Json }
  | { readonly kind: "remove"; readonly id: string }
  | { readonly kind: "tagging"; readonly tag: TagRecord; readonly refs: ReadonlyArray<CompanyRef>; readonly tagged: boolean }
  | { readonly kind: "tag"; readonly tag: TagRecord }
  | { readonly kind: "removeTag"; readonly id: string }
  | { readonly kind: "attribute"; readonly attribute: DataAttribute }

/** Applies an edit to the live tables; returns the companies of a tagging that the replica does not hold. */
const apply = (db: DatabaseSync, edit: Edit): ReadonlyArray<CompanyRef> => {
  switch (edit.kind) {
    case "company":
      write(db, [edit.company])
      return []
    case "remove":
      deleteLiveRows(db, [edit.id])
      return []
    case "tagging": {
      upsertTag(db, edit.tag)
      const missing: Array<CompanyRef> = []
      const changed: Array<Json> = []
      for (const ref of edit.refs) {
        const id = idOf(db, ref)
        const company = id === undefined ? undefined : storedJson(db, id)
        if (company === undefined) missing.push(ref)
        else {
          changed.push(withTags(company, (items) => {
            const others = items.filter((item) => item.id !== edit.tag.id)
            return edit.tagged ? [...others, { type: "tag", id: edit.tag.id, name: edit.tag.name }] : others
          }))
        }
      }
      write(db, changed)
      return missing
    }
    case "tag":
      upsertTag(db, edit.tag)
      write(db, companiesWithTag(db, edit.tag.id).map((company) =>
        withTags(company, (items) => items.map((item) => (item.id === edit.tag.id ? { ...item, name: edit.tag.name } : item)))
      ))
      return []
    case "removeTag":
      write(db, companiesWithTag(db, edit.id).map((company) => withTags(company, (items) => items.filter((item) => item.id !== edit.id))))
      db.prepare("DELETE FROM tags WHERE id = ?").run(edit.id)
      return []
    case "attribute":
      storeDefinition(db, edit.attribute)
      return []
  }
}

/**
 * Applies an edit in one transaction. While a sync runs, the edit is also journalled: the sync's
 * scroll may have read the company before the edit, and its swap would otherwise undo it.
 */
const edit = (db: DatabaseSync, change: Edit): ReadonlyArray<CompanyRef> =>
  transaction(db, () => {
    const missing = apply(db, change)
    const latest = db.prepare("SELECT status FROM syncs ORDER BY id DESC LIMIT 1").get() as { status: string } | undefined
    if (latest?.status === "running") {
      db.prepare("INSERT INTO edits (at, edit) VALUES (?, ?)").run(Date.now(), JSON.stringify(change))
    }
    return missing
  })

/** Stores a company as the API answered it (see `mergedAnswer`). */
export const storeAnswer = (db: DatabaseSync, answer: Json): void => {
  edit(db, { kind: "company", company: mergedAnswer(db, answer) })
}

/** A company deleted; true when the replica held it. */
export const removeCompany = (db: DatabaseSync, id: string): boolean => {
  const held = storedJson(db, id) !== undefined
  edit(db, { kind: "remove", id })
  return held
}

/**
 * Tags (or untags) the companies the replica holds with `tag` (the API's answer: its id and name),
 * adding the tag to the tag list. Returns the companies it does not hold, for the caller to read.
 */
export const tagCompanies = (
  db: DatabaseSync,
  tag: TagRecord,
  refs: ReadonlyArray<CompanyRef>,
  tagged: boolean
): ReadonlyArray<CompanyRef> => edit(db, { kind: "tagging", tag: { id: tag.id, name: tag.name }, refs, tagged })

/** A tag created or renamed: the tag list, and the name on every company carrying it. */
export const storeTag = (db: DatabaseSync, tag: TagRecord): void => {
  edit(db, { kind: "tag", tag: { id: tag.id, name: tag.name } })
}

/** A tag deleted: gone from the tag list and from every company that carried it. */
export const removeTag = (db: DatabaseSync, tagId: string): void => {
  edit(db, { kind: "removeTag", id: tagId })
}

/** A data attribute created or changed (the API's answer). */
export const storeAttribute = (db: DatabaseSync, attribute: DataAttribute): void => {
  edit(db, { kind: "attribute", attribute })
}

/**
 * Inside a sync's swap: applies again the edits journalled since the sync started (the new
 * replica may hold what its scroll read before them), then empties the journal.
 */
export const replayEdits = (db: DatabaseSync, since: number): void => {
  const rows = db.prepare("SELECT edit FROM edits WHERE at >= ? ORDER BY seq").all(since) as Array<{ edit: string }>
  for (const row of rows) apply(db, JSON.parse(row.edit) as Edit)
  db.exec("DELETE FROM edits")
}

/**
 * Marks the replica as behind Intercom (a write-through that failed): `staleness` reports it until
 * a sync that started after it swaps in. Kept in `meta`, so every window and the CLI see it.
 */
export const markStale = (db: DatabaseSync, reason: string, at: number): void => {
  db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('stale', ?)").run(JSON.stringify({ at, reason }))
}

export interface Staleness {
  /** When the write-through failed, unix milliseconds. */
  readonly at: number
  /** What failed, in a sentence. */
  readonly reason: string
}

export const staleness = (db: DatabaseSync): Staleness | undefined => {
  const row = db.prepare("SELECT value FROM meta WHERE key = 'stale'").get() as { value: string } | undefined
  return row === undefined ? undefined : (JSON.parse(row.value) as Staleness)
}

/** A completed sync clears a mark made before it started (its scroll read Intercom after the failed edit). */
export const clearStaleBefore = (db: DatabaseSync, started: number): void => {
  db.prepare("DELETE FROM meta WHERE key = 'stale' AND json_extract(value, '$.at') < ?").run(started)
}
