import type { DatabaseSync } from "node:sqlite"
import { rawHash, rowVersion } from "./CompanyRow.js"

// A sync of a replica that already holds the workspace compares each scrolled company with the
// stored one (by its JSON as sent) instead of staging all of them: between two syncs most
// companies have not changed, and a company that has not changed costs one index lookup here
// instead of a staged row, its share of 18 index builds and two trips through the WAL. The lookup
// reads the row's hash of its JSON (`rawHash`): reading the JSON back to compare cost 19 µs a company.

/** What a sync saw of the live replica while scrolling. */
export interface ChangeDetector {
  /** True when the company is stored exactly as sent (it is then kept, not staged). */
  readonly unchanged: (id: string, json: string) => boolean
  /** Live companies the scroll delivered unchanged: row id to Intercom id (checked again at the swap). */
  readonly kept: ReadonlyMap<number, string>
  /** Live companies when the sync started. */
  readonly live: number
}

/** Compares against nothing: every company is staged (a first sync, or a replica being rebuilt). */
export const stageEverything: ChangeDetector = {
  unchanged: () => false,
  kept: new Map(),
  live: 0
}

/**
 * A detector over the live tables of `db` (read on the sync's own connection, beside its staging
 * writes); none when the rows were derived by another `rowVersion` (they are all rebuilt).
 */
export const detectChanges = (db: DatabaseSync): ChangeDetector => {
  const live = Number((db.prepare("SELECT count(*) AS n FROM companies").get() as { n: number }).n)
  const version = db.prepare("SELECT value FROM meta WHERE key = 'row_version'").get() as { value: string } | undefined
  if (live === 0 || version?.value !== rowVersion) return stageEverything
  const stored = db.prepare("SELECT rid, raw_hash FROM companies WHERE id = ?")
  const kept = new Map<number, string>()
  return {
    kept,
    live,
    unchanged: (id, json) => {
      const row = stored.get(id) as { rid: number; raw_hash: number | null } | undefined
      if (row === undefined) return false
      if (row.raw_hash === rawHash(json)) {
        kept.set(row.rid, id)
        return true
      }
      return false
    }
  }
}
