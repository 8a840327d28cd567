// The replica's Effect side, part of the engine (dist/engine.js, loaded on first use): the trees'
// reads and the sync, both on worker threads (replicaWorker.ts), the write-through on the host's own
// connection, the workspace's app id, and the query parser for validation as the user types.
import { type IntercomClientServices } from "@intercom-explorer/core"
import { fetchAppId, parseQueryEither, Replica, replicaFile, type ReplicaShape, withWriteThrough } from "@intercom-explorer/replica"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Scope from "effect/Scope"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import type { ReplicaReader, SyncProgressInfo } from "../tree/model/ReplicaReader"
import type { WireError, WorkerConnection } from "./replicaMessages"
import { ReplicaThread } from "./ReplicaThread"

/**
 * dist/replicaWorker.js: next to dist/engine.js in the shipped build, two folders up from the
 * integration tests' bundle (dist/test/suite/index.js), which bundles the engine in.
 */
export const replicaWorkerFile = (): string => {
  const candidates = [path.join(__dirname, "replicaWorker.js"), path.join(__dirname, "..", "..", "replicaWorker.js")]
  return candidates.find((file) => fs.existsSync(file)) ?? candidates[0]!
}

/** The message of a replica failure (ReplicaError words its reason), never its stack. */
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/**
 * The host's own connection to the file, for the write-through only, opened by the first write
 * (an edit). Small writes; the worker's connection sees them on its next read (SQLite's WAL).
 */
const hostConnection = (file: string) => {
  let opened: { readonly replica: ReplicaShape; readonly scope: Scope.Closeable } | undefined
  const open = () => {
    if (opened !== undefined) return opened.replica
    const scope = Effect.runSync(Scope.make())
    const exit = Effect.runSyncExit(Layer.buildWithScope(Replica.layer({ file }), scope))
    if (Exit.isFailure(exit)) {
      Effect.runSync(Scope.close(scope, Exit.void))
      const failure = exit.cause.reasons.find((reason) => reason._tag === "Fail")
      throw new Error(failure?._tag === "Fail" ? messageOf(failure.error) : `the replica ${file} could not be opened`)
    }
    opened = { replica: Context.get(exit.value, Replica), scope }
    return opened.replica
  }
  // withWriteThrough asks for the Replica service when the session's client is built around it (for
  // every effect run), but touches it only after a write: the file opens then, not per run.
  // Its methods (all effects) open it inside the effect, so that a file that cannot be opened fails
  // the write-through, which then leaves the API's answer standing, like any write-through failure.
  const replica = new Proxy({} as ReplicaShape, {
    get: (_, key) =>
      key === "file"
        ? file
        // Not a method of the replica: what inspection (a thenable check, JSON) may ask for.
        : typeof key !== "string" || key === "then" || key === "toJSON"
        ? undefined
        : (...args: Array<unknown>) =>
          Effect.flatMap(Effect.try({ try: open, catch: (error) => error }), (r) => (r[key as keyof ReplicaShape] as (...a: Array<unknown>) => Effect.Effect<unknown, unknown>)(...args))
  })
  return {
    replica,
    close: () => {
      if (opened !== undefined) Effect.runSync(Scope.close(opened.scope, Exit.void))
      opened = undefined
    }
  }
}

/**
 * Opens the replica at `file` for reading through `thread`, or undefined when there is none yet.
 * Every read is a message to the worker; `close()` drops its connection (and the host's).
 */
export const openReplicaReader = async (thread: ReplicaThread, file: string): Promise<ReplicaReader | undefined> => {
  const { missing } = await thread.read(file, { op: "open" })
  if (missing) return undefined
  const host = hostConnection(file)
  let open = true
  return {
    file,
    count: (query) => thread.read(file, { op: "count", query }),
    page: (query, limit, offset) => thread.read(file, { op: "page", query, limit, offset }),
    groupCounts: (query, by) => thread.read(file, { op: "groupCounts", query, by }),
    tags: () => thread.read(file, { op: "tags" }),
    segments: () => thread.read(file, { op: "segments" }),
    lastSynced: () => thread.read(file, { op: "lastSynced" }),
    stale: () => thread.read(file, { op: "stale" }),
    writeThrough: (effect) =>
      // The session's own services (one pacing governor, one rate-limit state), wrapped.
      Effect.flatMap(Effect.context<IntercomClientServices>(), (services) =>
        effect.pipe(Effect.provide(withWriteThrough(Layer.succeedContext(services)).pipe(Layer.provide(Layer.succeed(Replica, host.replica)))))),
    close: () => {
      if (!open) return
      open = false
      thread.close(file)
      host.close()
    }
  }
}

/**
 * The sync lock of `file` when this process holds it: a sync thread that died mid-sync (a crash)
 * never ran the finalizer that releases it, and its holder, this process, is alive, so the replica
 * would refuse every later sync. Only this extension host's syncs take it under its pid (one at a
 * time, ReplicaModel), so a lock of this pid left after its thread died is that sync's.
 */
export const releaseDeadSyncLock = (file: string): void => {
  const lock = `${file}.sync-lock`
  try {
    const holder = JSON.parse(fs.readFileSync(lock, "utf8")) as { readonly pid?: unknown; readonly host?: unknown }
    if (holder.pid === process.pid && holder.host === os.hostname()) fs.rmSync(lock, { force: true })
  } catch {
    // No lock, or not readable: nothing of ours to release.
  }
}

/**
 * A worker's failure as the session's runner sees it: a 401 as an IntercomError-shaped value (so
 * that the runner signs the session out, as for any request), anything else as its sentence.
 */
const toFailure = (error: WireError): unknown =>
  error.intercomReason === undefined
    ? new Error(error.message)
    : Object.assign(new Error(error.message), {
      _tag: "IntercomError",
      reason: { _tag: error.intercomReason },
      method: error.method ?? "GET",
      path: error.path ?? "/",
      status: error.status
    })

/**
 * A full sync of the replica at `file` (created when missing) on a worker thread of its own, with
 * a core client built there from the session's connection. Run through the session's runner, so
 * that a 401 signs out as for any request, and an interrupt (Stop Sync, sign-out) interrupts the
 * worker's sync, which leaves the previous replica as it was, before the thread ends.
 */
export const syncReplicaFile = (
  workerFile: string,
  file: string,
  connection: WorkerConnection,
  onProgress: (progress: SyncProgressInfo) => void
): Effect.Effect<{ readonly companies: number }, unknown> =>
  Effect.callback<{ readonly companies: number }, unknown>((resume) => {
    const thread = new ReplicaThread(workerFile)
    const running = thread.sync(file, connection, onProgress)
    void running.done.then((end) => {
      void thread.terminate()
      if (end._tag === "failed" && end.threadDied === true) releaseDeadSyncLock(file)
      resume(end._tag === "ok" ? Effect.succeed({ companies: end.companies }) : end._tag === "interrupted" ? Effect.interrupt : Effect.fail(toFailure(end.error)))
    })
    return Effect.promise(() => {
      running.cancel()
      return running.done
    }).pipe(Effect.asVoid)
  })

/** The app id of the session's workspace (`GET /me`), which names its replica file. */
export const workspaceAppId: Effect.Effect<string, unknown, IntercomClientServices> = fetchAppId()

/** The parser's sentence for a query it refuses, undefined when it parses. */
export const queryProblem = (query: string): string | undefined => {
  const result = parseQueryEither(query)
  return "description" in result ? result.description : undefined
}

/** The replica file of a workspace under `dataDir` (the replica's own naming: API root + app id). */
export const workspaceReplicaFile = (dataDir: string, apiRoot: string, appId: string): string => replicaFile({ dataDir, apiRoot, appId })

export { ReplicaThread }
