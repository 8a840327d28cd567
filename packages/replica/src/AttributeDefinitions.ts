import type { DatabaseSync } from "node:sqlite"
import type { DataAttribute } from "@intercom-explorer/core"

// The workspace's company data attribute definitions (GET /data_attributes?model=company), stored
// as sent. Intercom ignores a write to an undefined custom attribute, so every editor checks keys
// and types against these. A replica synced before they were stored has none: `meta` says whether
// a sync has read them, so "not read yet" (undefined) is told from "none defined" (an empty list).

const READ_AT = "company_attributes_at"

/** Replaces every definition with a sync's list (inside the sync's swap transaction). */
export const replaceDefinitions = (db: DatabaseSync, list: ReadonlyArray<DataAttribute>, at: number): void => {
  db.exec("DELETE FROM data_attributes")
  const insert = db.prepare("INSERT OR REPLACE INTO data_attributes (full_name, raw) VALUES (?, ?)")
  for (const attribute of list) insert.run(attribute.full_name, JSON.stringify(attribute))
  db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)").run(READ_AT, String(at))
}

/** Stores one definition as the API answered a create or an update (write-through). */
export const storeDefinition = (db: DatabaseSync, attribute: DataAttribute): void => {
  db.prepare("INSERT INTO data_attributes (full_name, raw) VALUES (?, ?) ON CONFLICT (full_name) DO UPDATE SET raw = excluded.raw")
    .run(attribute.full_name, JSON.stringify(attribute))
}

/** The stored definitions in the order Intercom listed them (new ones last); undefined when no sync has read them. */
export const definitions = (db: DatabaseSync): ReadonlyArray<DataAttribute> | undefined => {
  const read = db.prepare("SELECT value FROM meta WHERE key = ?").get(READ_AT)
  if (read === undefined) return undefined
  return (db.prepare("SELECT raw FROM data_attributes ORDER BY rowid").all() as Array<{ raw: string }>)
    .map((row) => JSON.parse(row.raw) as DataAttribute)
}
