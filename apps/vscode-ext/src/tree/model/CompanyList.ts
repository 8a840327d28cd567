import type { CompanyRow } from "./CompanyRow"

/**
 * Company rows in display order, keyed by Intercom id, so that a company delivered twice (a page
 * shifted while paging, a scroll after pages) is one row, and an edit replaces the row in place.
 */
export class CompanyList {
  private readonly rows = new Map<string, CompanyRow>()

  constructor(rows: Iterable<CompanyRow> = []) {
    for (const row of rows) this.rows.set(row.id, row)
  }

  get size(): number {
    return this.rows.size
  }

  has(id: string): boolean {
    return this.rows.has(id)
  }

  get(id: string): CompanyRow | undefined {
    return this.rows.get(id)
  }

  ids(): Array<string> {
    return [...this.rows.keys()]
  }

  values(): IterableIterator<CompanyRow> {
    return this.rows.values()
  }

  /**
   * Adds new rows at the end and replaces known ones in place, up to `limit` rows in all.
   * Returns how many new rows were added (rows beyond the limit are dropped).
   */
  append(rows: Iterable<CompanyRow>, limit = Number.POSITIVE_INFINITY): number {
    let added = 0
    for (const row of rows) {
      if (this.rows.has(row.id)) this.rows.set(row.id, row)
      else if (this.rows.size < limit) {
        this.rows.set(row.id, row)
        added += 1
      }
    }
    return added
  }

  /** Puts a row first (a company revealed by Find Company or just created). */
  prepend(row: CompanyRow): void {
    const rest = [...this.rows.values()].filter((r) => r.id !== row.id)
    this.rows.clear()
    this.rows.set(row.id, row)
    for (const r of rest) this.rows.set(r.id, r)
  }

  /** Replaces a known row; false when the company is not in this list. */
  replace(row: CompanyRow): boolean {
    if (!this.rows.has(row.id)) return false
    this.rows.set(row.id, row)
    return true
  }

  /** Maps every row (e.g. a tag renamed); returns the ids of the rows that changed. */
  update(f: (row: CompanyRow) => CompanyRow): Array<string> {
    const changed: Array<string> = []
    for (const [id, row] of this.rows) {
      const next = f(row)
      if (next !== row) {
        this.rows.set(id, next)
        changed.push(id)
      }
    }
    return changed
  }

  remove(id: string): boolean {
    return this.rows.delete(id)
  }

  /** Keeps only the rows whose id is in `keep` (after a full reload); returns how many went. */
  retainOnly(keep: ReadonlySet<string>): number {
    let removed = 0
    for (const id of [...this.rows.keys()]) {
      if (!keep.has(id)) {
        this.rows.delete(id)
        removed += 1
      }
    }
    return removed
  }
}
