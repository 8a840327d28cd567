// What the trees read from the workspace's replica, as plain synchronous calls: the replica is a
// local SQLite file (node:sqlite is synchronous), a page or a count takes milliseconds, and the tree
// providers can answer `getChildren` from it directly. Types only: the implementation is the
// engine's (replica/replicaAccess.ts), so activation loads neither effect nor node:sqlite.
import type { IntercomClientServices } from "@intercom-explorer/core"
import type * as Effect from "effect/Effect"
import type { CompanyRow } from "./CompanyRow"

export type GroupBy = "plan" | "industry" | "tag" | "segment"

export interface GroupCountRow {
  /** The plan, industry, tag or segment name; null for the companies without one. */
  readonly key: string | null
  readonly count: number
}

export interface ReplicaTag {
  readonly id: string
  readonly name: string
  /** Companies in the replica carrying it. */
  readonly companies: number
}

export interface ReplicaSegment {
  readonly id: string
  readonly name: string
  /** Intercom's count, when it sent one. */
  readonly count: number | undefined
  /** Companies in the replica listed in it. */
  readonly companies: number
}

/** The last completed sync. */
export interface SyncedInfo {
  /** When it finished, unix milliseconds. */
  readonly at: number
  readonly companies: number
}

/** A sync's progress as the view shows it. */
export interface SyncProgressInfo {
  readonly phase: string
  readonly companies: number
  /** Companies per second. */
  readonly rate: number
}

/**
 * One open replica file. Every method throws an Error whose message is meant for the user: a query
 * the parser refuses says which term and where ("unknown field "colour" in "colour:red" at column 1").
 */
export interface ReplicaReader {
  readonly file: string
  count(query: string): number
  /** Companies in the query's order, as tree rows (no custom attributes held). */
  page(query: string, limit: number, offset: number): ReadonlyArray<CompanyRow>
  groupCounts(query: string, by: GroupBy): ReadonlyArray<GroupCountRow>
  tags(): ReadonlyArray<ReplicaTag>
  segments(): ReadonlyArray<ReplicaSegment>
  lastSynced(): SyncedInfo | undefined
  /** Why the replica missed an edit (a failed write-through), until a sync; undefined when it did not. */
  stale(): string | undefined
  /**
   * The effect with core's client services wrapped by the replica's write-through: every successful
   * write (update, upsert, delete, tag, untag, contact attach/detach) also updates this replica
   * from the API's answer, so the trees see the edit at once.
   */
  writeThrough<A, E>(effect: Effect.Effect<A, E, IntercomClientServices>): Effect.Effect<A, E, IntercomClientServices>
  close(): void
}

/** How the model opens a replica file: undefined when there is none yet. */
export type OpenReplica = (file: string) => ReplicaReader | undefined

/** The why of a query the parser refuses, or undefined when it parses (as the user types). */
export type ValidateQuery = (query: string) => string | undefined
