import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs"
import { hostname } from "node:os"
import { Effect, type Scope } from "effect"
import { isProcessAlive } from "./DatabaseFile.js"
import { ReplicaError, storageFailure, SyncInProgress } from "./ReplicaErrors.js"

interface Holder {
  readonly pid: number
  readonly host: string
  readonly startedAt: string
}

const readHolder = (file: string): Holder | undefined => {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Holder
  } catch {
    return undefined
  }
}

/**
 * One sync per replica across processes (VS Code windows, the CLI): a lock file next to the
 * database, created exclusively, holding the owner's pid. A lock whose process on this host is
 * gone (a killed sync) is taken over. Released when the scope closes.
 */
export const acquireSyncLock = (databaseFile: string): Effect.Effect<void, ReplicaError, Scope.Scope> => {
  const file = `${databaseFile}.sync-lock`
  const tryTake = (): "taken" | Holder => {
    try {
      const fd = openSync(file, "wx", 0o600)
      const holder: Holder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() }
      writeSync(fd, JSON.stringify(holder))
      closeSync(fd)
      return "taken"
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error
      const holder = readHolder(file)
      if (holder === undefined || (holder.host === hostname() && !isProcessAlive(holder.pid))) {
        rmSync(file, { force: true })
        return tryTake()
      }
      return holder
    }
  }
  return Effect.acquireRelease(
    Effect.try({ try: tryTake, catch: storageFailure("take the sync lock") }).pipe(
      Effect.flatMap((result) =>
        result === "taken"
          ? Effect.void
          : Effect.fail(
            new ReplicaError({
              reason: new SyncInProgress({
                file: databaseFile,
                holder: `process ${result.pid} on ${result.host} since ${result.startedAt}`
              })
            })
          )
      )
    ),
    () =>
      Effect.sync(() => {
        if (readHolder(file)?.pid === process.pid) rmSync(file, { force: true })
      })
  )
}
