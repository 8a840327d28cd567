// The replica's Effect side, part of the engine (dist/engine.js, loaded on first use): opening a
// replica file for the trees' synchronous reads, the sync as an effect on the session's client,
// the workspace's app id, and the query parser for validation as the user types. node:sqlite is
// required here only, never at activation.
import { type IntercomClientServices } from "@intercom-explorer/core"
import { fetchAppId, parseQueryEither, Replica, replicaFile, type ReplicaShape, syncReplica, type SyncSummary, withWriteThrough } from "@intercom-explorer/replica"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Scope from "effect/Scope"
import { toCompanyRow } from "../tree/model/CompanyRow"
import type { ReplicaReader, SyncProgressInfo } from "../tree/model/ReplicaReader"

/** The message of a replica failure (ReplicaError words its reason), never its stack. */
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/** Runs one of the replica's (synchronous) effects; a failure throws an Error with its message. */
const now = <A>(effect: Effect.Effect<A, unknown>): A => {
  const exit = Effect.runSyncExit(effect)
  if (Exit.isSuccess(exit)) return exit.value
  const failure = exit.cause.reasons.find((reason) => reason._tag === "Fail")
  throw new Error(failure?._tag === "Fail" ? messageOf(failure.error) : "the replica could not be read")
}

/**
 * Opens the replica at `file` for reading, or undefined when there is none yet. The database stays
 * open until `close()`; a sync writes through its own connection, and this one sees the new
 * replica once the sync's swap commits (SQLite's WAL: readers never see half a sync).
 */
export const openReplicaReader = (file: string): ReplicaReader | undefined => {
  const scope = Effect.runSync(Scope.make())
  const exit = Effect.runSyncExit(Layer.buildWithScope(Replica.layer({ file }), scope))
  if (Exit.isFailure(exit)) {
    Effect.runSync(Scope.close(scope, Exit.void))
    const failure = exit.cause.reasons.find((reason) => reason._tag === "Fail")
    if (failure?._tag === "Fail" && (failure.error as { reason?: { _tag?: string } }).reason?._tag === "ReplicaMissing") return undefined
    throw new Error(failure?._tag === "Fail" ? messageOf(failure.error) : `the replica ${file} could not be opened`)
  }
  const replica: ReplicaShape = Context.get(exit.value, Replica)
  let open = true
  return {
    file,
    count: (query) => now(replica.count(query)),
    page: (query, limit, offset) => now(replica.page(query, { limit, offset })).map(toCompanyRow),
    groupCounts: (query, by) => now(replica.groupCounts(query, by)),
    tags: () => now(replica.tags()),
    segments: () => now(replica.segments()).map((s) => ({ id: s.id, name: s.name, count: s.count ?? undefined, companies: s.companies })),
    lastSynced: () => {
      // The last completed sync (a failed one after it leaves the replica as that one made it).
      const row = replica.database.prepare("SELECT finished_at, companies FROM syncs WHERE status = 'done' ORDER BY id DESC LIMIT 1").get() as
        | { finished_at: number; companies: number }
        | undefined
      return row === undefined ? undefined : { at: Number(row.finished_at) * 1000, companies: Number(row.companies) }
    },
    stale: () => now(replica.staleness())?.reason,
    writeThrough: (effect) =>
      // The session's own services (one pacing governor, one rate-limit state), wrapped.
      Effect.flatMap(Effect.context<IntercomClientServices>(), (services) =>
        effect.pipe(Effect.provide(withWriteThrough(Layer.succeedContext(services)).pipe(Layer.provide(Layer.succeed(Replica, replica)))))),
    close: () => {
      if (!open) return
      open = false
      Effect.runSync(Scope.close(scope, Exit.void))
    }
  }
}

/**
 * A full sync of the replica at `file` (created when missing) on the session's client: run through
 * the session's runner, so that a 401 signs out and an interrupt cancels it (the previous replica
 * stays as it was).
 */
export const syncReplicaFile = (
  file: string,
  onProgress: (progress: SyncProgressInfo) => void
): Effect.Effect<SyncSummary, unknown, IntercomClientServices> =>
  syncReplica({ onProgress: (p) => onProgress({ phase: p.phase, companies: p.companies, rate: p.rate }) }).pipe(
    Effect.provide(Replica.layer({ file, create: true }))
  )

/** The app id of the session's workspace (`GET /me`), which names its replica file. */
export const workspaceAppId: Effect.Effect<string, unknown, IntercomClientServices> = fetchAppId()

/** The parser's sentence for a query it refuses, undefined when it parses. */
export const queryProblem = (query: string): string | undefined => {
  const result = parseQueryEither(query)
  return "description" in result ? result.description : undefined
}

/** The replica file of a workspace under `dataDir` (the replica's own naming: API root + app id). */
export const workspaceReplicaFile = (dataDir: string, apiRoot: string, appId: string): string => replicaFile({ dataDir, apiRoot, appId })
