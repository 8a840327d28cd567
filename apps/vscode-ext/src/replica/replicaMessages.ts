// What the extension host and the replica's worker thread (replicaWorker.ts, dist/replicaWorker.js)
// say to each other. Plain data only (structured clone): no Effect, no class instances, and never a
// stack. The token travels once, in a `sync` message, and is never echoed back or logged.
import type { CompanyRow } from "../tree/model/CompanyRow"
import type { GroupBy, GroupCountRow, ReplicaSegment, ReplicaTag, SyncedInfo, SyncProgressInfo } from "../tree/model/ReplicaReader"

/** One read of an open replica file; `open` also says whether the file holds a replica at all. */
export type ReadRequest =
  | { readonly op: "open" }
  | { readonly op: "count"; readonly query: string }
  | { readonly op: "page"; readonly query: string; readonly limit: number; readonly offset: number }
  | { readonly op: "groupCounts"; readonly query: string; readonly by: GroupBy }
  | { readonly op: "tags" }
  | { readonly op: "segments" }
  | { readonly op: "lastSynced" }
  | { readonly op: "stale" }

/** What each read answers. */
export interface ReadAnswers {
  readonly open: { readonly missing: boolean }
  readonly count: number
  readonly page: ReadonlyArray<CompanyRow>
  readonly groupCounts: ReadonlyArray<GroupCountRow>
  readonly tags: ReadonlyArray<ReplicaTag>
  readonly segments: ReadonlyArray<ReplicaSegment>
  readonly lastSynced: SyncedInfo | undefined
  readonly stale: string | undefined
}

/** The session's connection, as the worker builds its own core client from it. */
export interface WorkerConnection {
  readonly token: string
  readonly baseUrl: string
  readonly allowInsecureHttp: boolean
  readonly timeoutSeconds: number
}

export type ToWorker =
  | { readonly _tag: "read"; readonly id: number; readonly file: string; readonly read: ReadRequest }
  /** Closes the worker's connection to the file (the next read opens it again). */
  | { readonly _tag: "close"; readonly file: string }
  | { readonly _tag: "sync"; readonly id: number; readonly file: string; readonly connection: WorkerConnection }
  /** Interrupts the sync's fiber: the previous replica stays as it was. */
  | { readonly _tag: "cancel"; readonly id: number }

/**
 * A failure as the host needs it: the sentence for the user (the replica's or core's own wording)
 * and, for a failed request to Intercom, its reason's tag, so that a 401 signs the session out.
 */
export interface WireError {
  readonly message: string
  readonly intercomReason?: string | undefined
  readonly method?: string | undefined
  readonly path?: string | undefined
  readonly status?: number | undefined
}

export type SyncEnd =
  | { readonly _tag: "ok"; readonly companies: number }
  /** `threadDied`: the sync's thread ended before the sync could (a crash): its finalizers never ran. */
  | { readonly _tag: "failed"; readonly error: WireError; readonly threadDied?: true }
  | { readonly _tag: "interrupted" }

export type FromWorker =
  | { readonly _tag: "answer"; readonly id: number; readonly value: unknown }
  | { readonly _tag: "refused"; readonly id: number; readonly error: WireError }
  | { readonly _tag: "progress"; readonly id: number; readonly progress: SyncProgressInfo }
  | { readonly _tag: "synced"; readonly id: number; readonly end: SyncEnd }
