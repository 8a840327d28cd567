import { Worker } from "node:worker_threads"

// A sync's WAL checkpoints on a worker thread with its own SQLite connection. The sync commits its
// staging rows every few thousand companies and asks this thread to copy the WAL into the file
// (PASSIVE: never waiting for readers or the writer), so the copy runs beside the scroll and the
// sync's last checkpoint has little left. Measured on the staging inserts too: moving them to a
// thread cost more (copying every row across threads) than it saved, since the inserts, not the
// scroll, set the pace. The code is sent as text (`eval`), so the extension's bundle and the tests
// (which run the sources) need no separate file.

/**
 * The thread's body. Self-contained: it is sent as source text, and reaches Node's modules through
 * `process.getBuiltinModule` (a bundler would rewrite a `require`).
 */
function checkpointThreadMain() {
  const { parentPort, workerData } = process.getBuiltinModule("node:worker_threads")
  const { DatabaseSync } = process.getBuiltinModule("node:sqlite")
  if (parentPort === null) return
  let db: InstanceType<typeof DatabaseSync> | undefined
  parentPort.on("message", (message: "checkpoint" | "close") => {
    try {
      if (message === "close") {
        db?.close()
        parentPort.close()
        return
      }
      db ??= new DatabaseSync(workerData as string, { timeout: 5_000 })
      db.exec("PRAGMA wal_checkpoint(PASSIVE)")
    } catch {
      // A checkpoint that cannot run now is the sync's last one's to do.
    }
    parentPort.postMessage("done")
  })
}

export interface CheckpointThread {
  /** Asks for a checkpoint, unless one is still running. */
  readonly checkpoint: () => void
  /** Closes the thread's connection and ends the thread. */
  readonly close: () => Promise<void>
}

export const startCheckpointThread = (file: string): CheckpointThread => {
  const worker = new Worker(`(${checkpointThreadMain.toString()})()`, { eval: true, workerData: file })
  let busy = false
  let exited = false
  worker.on("message", () => (busy = false))
  worker.once("exit", () => (exited = true))
  // A thread that fails leaves the checkpoints to the sync's last one.
  worker.on("error", () => (busy = true))
  worker.unref()
  return {
    checkpoint: () => {
      if (busy) return
      busy = true
      worker.postMessage("checkpoint")
    },
    // Waits for a running checkpoint and the connection's close (the sync's last checkpoint would
    // otherwise wait for it), ending the thread by force only if it does not end on its own.
    close: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve()
        const force = setTimeout(() => void worker.terminate().then(() => resolve()), 10_000)
        worker.once("exit", () => {
          clearTimeout(force)
          resolve()
        })
        worker.postMessage("close")
      })
  }
}
