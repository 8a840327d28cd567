// What the trees read from the workspace's replica, as asynchronous calls: the reads run on a worker
// thread (replica/replicaWorker.ts), since node:sqlite is synchronous and a group by tag over
// 100,000 companies takes ~200 ms, which the extension host's thread (shared by every extension)
// must not spend. Types only: the implementation is the engine's (replica/replicaAccess.ts), so
// activation loads neither effect nor node:sqlite.
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
 * One open replica file. Every read rejects with an Error whose message is meant for the user: a
 * query the parser refuses says which term and where ("unknown field "colour" in "colour:red" at
 * column 1"); a worker thread that died says so. Reads answer in the order they were asked.
 */
export interface ReplicaReader {
  readonly file: string
  count(query: string): Promise<number>
  /** Companies in the query's order, as tree rows (no custom attributes held). */
  page(query: string, limit: number, offset: number): Promise<ReadonlyArray<CompanyRow>>
  groupCounts(query: string, by: GroupBy): Promise<ReadonlyArray<GroupCountRow>>
  tags(): Promise<ReadonlyArray<ReplicaTag>>
  segments(): Promise<ReadonlyArray<ReplicaSegment>>
  lastSynced(): Promise<SyncedInfo | undefined>
  /** Why the replica missed an edit (a failed write-through), until a sync; undefined when it did not. */
  stale(): Promise<string | undefined>
  /**
   * The effect with core's client services wrapped by the replica's write-through: every successful
   * write (update, upsert, delete, tag, untag, contact attach/detach) also updates this replica
   * from the API's answer, so the trees see the edit at once. Runs on the host's own connection
   * (small writes); the reads see it on their next query (SQLite's WAL).
   */
  writeThrough<A, E>(effect: Effect.Effect<A, E, IntercomClientServices>): Effect.Effect<A, E, IntercomClientServices>
  close(): void
}

/** How the model opens a replica file: undefined when there is none yet. */
export type OpenReplica = (file: string) => Promise<ReplicaReader | undefined>

/** The why of a query the parser refuses, or undefined when it parses (as the user types). */
export type ValidateQuery = (query: string) => string | undefined
