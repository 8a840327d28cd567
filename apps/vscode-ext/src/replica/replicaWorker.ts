// The replica's worker thread (bundled on its own as dist/replicaWorker.js, started by ReplicaThread
// on first use): every read of the replica (node:sqlite is synchronous: a group by tag over 100,000
// companies takes ~200 ms) and the sync (staging inserts and a swap that builds 18 indexes: seconds
// of synchronous SQLite at 100,000) run here, so that the extension host's thread, which every
// extension shares, never waits on SQLite. It answers ToWorker messages with FromWorker ones.
//
// Pacing: a sync here has its own core client (its own pacing governor) beside the session's in the
// host. Both read Intercom's X-RateLimit-Remaining headers and slow down as the window empties, which
// is how the extension and the CLI already share one workspace's budget; the sync runs on the
// background lane, so the host's interactive requests keep priority in their own governor.
import { IntercomClient } from "@intercom-explorer/core"
import { describeError, reasonOf } from "@intercom-explorer/core/connection"
import { Replica, type ReplicaShape, syncReplica } from "@intercom-explorer/replica"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import type * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Scope from "effect/Scope"
import { parentPort } from "node:worker_threads"
import { toCompanyRow } from "../tree/model/CompanyRow"
import type { FromWorker, ReadAnswers, ReadRequest, SyncEnd, ToWorker, WireError } from "./replicaMessages"

/** A failure as the host gets it: a sentence and, from Intercom, the reason's tag. Never a stack or a token. */
const wireError = (error: unknown): WireError => {
  const reason = reasonOf(error)
  if (reason === undefined) return { message: error instanceof Error ? error.message : String(error) }
  const e = error as { readonly method?: string; readonly path?: string; readonly status?: number }
  return { message: describeError(error, { whenUnauthorized: "sign in again" }), intercomReason: reason, method: e.method, path: e.path, status: e.status }
}

/** The first failure of an exit, for its message. */
const failureOf = <A, E>(exit: Exit.Exit<A, E>): unknown => {
  if (Exit.isSuccess(exit)) return undefined
  const failure = exit.cause.reasons.find((reason) => reason._tag === "Fail")
  return failure?._tag === "Fail" ? failure.error : new Error("the replica could not be read")
}

const run = <A>(effect: Effect.Effect<A, unknown>): A => {
  const exit = Effect.runSyncExit(effect)
  if (Exit.isSuccess(exit)) return exit.value
  throw failureOf(exit)
}

interface OpenFile {
  readonly replica: ReplicaShape
  readonly scope: Scope.Closeable
}

/** One connection per file, opened by the first read (again after a restart of this thread). */
const files = new Map<string, OpenFile>()

const openFile = (file: string): OpenFile | undefined => {
  const known = files.get(file)
  if (known !== undefined) return known
  const scope = Effect.runSync(Scope.make())
  const exit = Effect.runSyncExit(Layer.buildWithScope(Replica.layer({ file }), scope))
  if (Exit.isFailure(exit)) {
    Effect.runSync(Scope.close(scope, Exit.void))
    const error = failureOf(exit) as { readonly reason?: { readonly _tag?: string } }
    // No file yet: the first read after a sync opens it.
    if (error?.reason?._tag === "ReplicaMissing") return undefined
    throw error
  }
  const opened = { replica: Context.get(exit.value, Replica), scope }
  files.set(file, opened)
  return opened
}

const closeFile = (file: string): void => {
  const known = files.get(file)
  files.delete(file)
  if (known !== undefined) Effect.runSync(Scope.close(known.scope, Exit.void))
}

const answer = (file: string, read: ReadRequest): ReadAnswers[ReadRequest["op"]] => {
  const opened = openFile(file)
  if (read.op === "open") return { missing: opened === undefined }
  if (opened === undefined) throw new Error(`the replica ${file} is missing`)
  const replica = opened.replica
  switch (read.op) {
    case "count":
      return run(replica.count(read.query))
    case "page":
      return run(replica.page(read.query, { limit: read.limit, offset: read.offset })).map(toCompanyRow)
    case "groupCounts":
      return run(replica.groupCounts(read.query, read.by))
    case "tags":
      return run(replica.tags())
    case "segments":
      return run(replica.segments()).map((s) => ({ id: s.id, name: s.name, count: s.count ?? undefined, companies: s.companies }))
    case "lastSynced": {
      // The last completed sync (a failed one after it leaves the replica as that one made it).
      const row = replica.database.prepare("SELECT finished_at, companies FROM syncs WHERE status = 'done' ORDER BY id DESC LIMIT 1").get() as
        | { finished_at: number; companies: number }
        | undefined
      return row === undefined ? undefined : { at: Number(row.finished_at) * 1000, companies: Number(row.companies) }
    }
    case "stale":
      return run(replica.staleness())?.reason
  }
}

const syncs = new Map<number, Fiber.Fiber<unknown, unknown>>()

const post = (message: FromWorker): void => parentPort!.postMessage(message)

const startSync = (message: Extract<ToWorker, { _tag: "sync" }>): void => {
  const { id, file, connection } = message
  const client = IntercomClient.layer({
    token: connection.token,
    baseUrl: connection.baseUrl,
    allowInsecureHttp: connection.allowInsecureHttp,
    timeout: Duration.seconds(connection.timeoutSeconds)
  })
  const fiber = Effect.runFork(
    syncReplica({ onProgress: (p) => post({ _tag: "progress", id, progress: { phase: p.phase, companies: p.companies, rate: p.rate } }) }).pipe(
      Effect.provide(Layer.merge(Replica.layer({ file, create: true }), client))
    )
  )
  syncs.set(id, fiber)
  fiber.addObserver((exit) => {
    syncs.delete(id)
    // The reads' connection to this file sees the new replica on its next query (WAL).
    const end: SyncEnd = Exit.isSuccess(exit)
      ? { _tag: "ok", companies: exit.value.companies }
      : exit.cause.reasons.every((reason) => reason._tag === "Interrupt")
      ? { _tag: "interrupted" }
      : { _tag: "failed", error: wireError(failureOf(exit) ?? new Error("the sync failed")) }
    post({ _tag: "synced", id, end })
  })
}

parentPort?.on("message", (message: ToWorker) => {
  switch (message._tag) {
    case "read":
      try {
        post({ _tag: "answer", id: message.id, value: answer(message.file, message.read) })
      } catch (error) {
        post({ _tag: "refused", id: message.id, error: wireError(error) })
      }
      return
    case "close":
      closeFile(message.file)
      return
    case "sync":
      startSync(message)
      return
    case "cancel":
      syncs.get(message.id)?.interruptUnsafe()
      return
  }
})
