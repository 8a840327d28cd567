import { CompanyList } from "./CompanyList"
import type { CompanyRow } from "./CompanyRow"
import type { ListFailure, LoadPhase } from "./LoadState"

/** Companies shown per "Load more" under a segment or a tag. */
export const GROUP_PAGE_SIZE = 50

export type GroupEntry =
  | { readonly kind: "error"; readonly failure: ListFailure }
  | { readonly kind: "company"; readonly row: CompanyRow }
  | { readonly kind: "loading" }
  | { readonly kind: "empty" }
  | { readonly kind: "loadMore" }

/**
 * The companies of one segment or tag, loaded when the row is first expanded, `limit` at a time.
 * Pure state; GroupLoader fills it.
 */
export class GroupModel {
  rows = new CompanyList()
  phase: LoadPhase = "idle"
  /** How many rows the user asked for so far (grows by GROUP_PAGE_SIZE with "Load more"). */
  limit = GROUP_PAGE_SIZE
  /** The server has no more companies in this group. */
  done = false
  error: ListFailure | undefined = undefined
  /** A load is running. */
  busy = false

  /** A (re)load produced its first `limit` rows (or all of them): they replace the old ones. */
  replace(rows: CompanyList, done: boolean): void {
    this.rows = rows
    this.done = done
    this.phase = "ready"
    this.error = undefined
  }

  /** "Load more" produced rows. */
  append(rows: ReadonlyArray<CompanyRow>, done: boolean): void {
    this.rows.append(rows)
    this.done = done
    this.phase = "ready"
    this.error = undefined
  }

  failed(failure: ListFailure): void {
    this.error = failure
    this.phase = "ready"
  }

  entries(): Array<GroupEntry> {
    const out: Array<GroupEntry> = []
    if (this.error !== undefined) out.push({ kind: "error", failure: this.error })
    if (this.phase !== "ready") return [{ kind: "loading" }]
    for (const row of this.rows.values()) out.push({ kind: "company", row })
    if (this.busy) out.push({ kind: "loading" })
    else if (!this.done && this.error === undefined && this.rows.size > 0) out.push({ kind: "loadMore" })
    if (this.rows.size === 0 && this.error === undefined && !this.busy) out.push({ kind: "empty" })
    return out
  }
}
