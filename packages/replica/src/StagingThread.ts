import { Worker } from "node:worker_threads"

// A sync's staging writes on a worker thread with its own SQLite connection, so the inserts, their
// commits and the WAL's checkpoints run beside the scroll instead of between its pages. The thread's
// code is sent as text (`eval`), not as a file: it stays one module for the extension's bundle and
// for the tests, which run the sources.

/**
 * A page of companies for staging, in flat arrays (copying them to the thread costs per value, and
 * flat arrays of strings and numbers are the cheapest to copy): `raws[i]` is company i as sent,
 * `columns[i * width ...]` its typed columns in `insertCompany`'s order, and `tags`/`segments` hold
 * `company id, tag or segment id, folded name` triples.
 */
export interface StagedPage {
  readonly width: number
  readonly columns: ReadonlyArray<string | number | null>
  readonly raws: ReadonlyArray<string>
  readonly tags: ReadonlyArray<string>
  readonly segments: ReadonlyArray<string>
}

export interface StagingThreadOptions {
  readonly file: string
  /** Run first, outside any transaction (dropping what an earlier sync left). */
  readonly setup: ReadonlyArray<string>
  /** Parameters: rid, then the company's columns. */
  readonly insertCompany: string
  /** Parameters: rid, raw. */
  readonly insertJson: string
  /** Parameters: company id, tag id, folded name. */
  readonly insertTag: string
  readonly insertSegment: string
  /** Companies per transaction. */
  readonly batch: number
}

/** Pages posted but not yet written, beyond which `write` waits: the scroll never runs far ahead of the disk. */
const maxBacklog = 40

type FromThread =
  | { readonly written: number }
  | { readonly flushed: true }
  | { readonly closed: true }
  | { readonly error: string }

/**
 * The thread's body. Self-contained: it is sent as source text, and reaches Node's modules through
 * `process.getBuiltinModule` (a bundler would rewrite a `require`).
 */
function stagingThreadMain() {
  const { parentPort, workerData } = process.getBuiltinModule("node:worker_threads")
  const { DatabaseSync } = process.getBuiltinModule("node:sqlite")
  const options = workerData as StagingThreadOptions
  if (parentPort === null) return
  let db: InstanceType<typeof DatabaseSync>
  try {
    db = new DatabaseSync(options.file, { timeout: 5_000 })
    db.exec("PRAGMA synchronous = NORMAL")
    // The WAL is copied into the file here, between batches, without waiting for readers; the
    // sync's last checkpoint then has little left to copy.
    db.exec("PRAGMA wal_autocheckpoint = 0")
    for (const statement of options.setup) db.exec(statement)
  } catch (error) {
    parentPort.postMessage({ error: error instanceof Error ? error.message : String(error) })
    return
  }
  const company = db.prepare(options.insertCompany)
  const json = db.prepare(options.insertJson)
  const tag = db.prepare(options.insertTag)
  const segment = db.prepare(options.insertSegment)
  let rid = 0
  let pending = 0
  let failed = false
  const commit = () => {
    if (db.isTransaction) db.exec("COMMIT")
    pending = 0
    db.exec("PRAGMA wal_checkpoint(PASSIVE)")
  }
  parentPort.on("message", (message: { readonly close?: true; readonly flush?: true; readonly page?: StagedPage }) => {
    if (message.close === true) {
      try {
        if (db.isTransaction) db.exec("ROLLBACK")
        db.close()
      } finally {
        parentPort.postMessage({ closed: true })
      }
      return
    }
    if (failed) return
    try {
      if (message.flush === true) {
        commit()
        parentPort.postMessage({ flushed: true })
        return
      }
      if (!db.isTransaction) db.exec("BEGIN IMMEDIATE")
      const page = message.page!
      const { columns, raws, segments, tags, width } = page
      for (let i = 0; i < raws.length; i++) {
        rid += 1
        company.run(rid, ...columns.slice(i * width, (i + 1) * width))
        json.run(rid, raws[i]!)
      }
      for (let i = 0; i < tags.length; i += 3) tag.run(tags[i]!, tags[i + 1]!, tags[i + 2]!)
      for (let i = 0; i < segments.length; i += 3) segment.run(segments[i]!, segments[i + 1]!, segments[i + 2]!)
      pending += raws.length
      if (pending >= options.batch) commit()
      parentPort.postMessage({ written: raws.length })
    } catch (error) {
      failed = true
      parentPort.postMessage({ error: error instanceof Error ? error.message : String(error) })
    }
  })
}

export interface StagingThread {
  /** Posts companies; resolves at once unless the thread is `maxBacklog` pages behind. Rejects with the thread's first failure. */
  readonly write: (page: StagedPage) => Promise<void>
  /** Resolves once everything posted is committed. */
  readonly flush: () => Promise<void>
  /** Rolls back what is not committed, closes the thread's connection and ends the thread. */
  readonly close: () => Promise<void>
}

export const startStagingThread = (options: StagingThreadOptions): StagingThread => {
  const worker = new Worker(`(${stagingThreadMain.toString()})()`, { eval: true, workerData: options })
  let backlog = 0
  let failure: Error | undefined
  let waiting: Array<{ readonly resolve: () => void; readonly reject: (error: Error) => void; readonly when: () => boolean }> = []
  const settle = () => {
    const still: typeof waiting = []
    for (const waiter of waiting) {
      if (failure !== undefined) waiter.reject(failure)
      else if (waiter.when()) waiter.resolve()
      else still.push(waiter)
    }
    waiting = still
  }
  let flushed = false
  let closed = false
  const fail = (error: Error) => {
    failure ??= error
    settle()
  }
  worker.on("message", (message: FromThread) => {
    if ("written" in message) backlog -= 1
    else if ("flushed" in message) flushed = true
    else if ("closed" in message) closed = true
    else fail(new Error(message.error))
    settle()
  })
  worker.on("error", fail)
  worker.on("exit", () => {
    closed = true
    if (!flushed) failure ??= new Error("the staging thread ended before its writes were committed")
    settle()
  })
  const until = (when: () => boolean) =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ resolve, reject, when })
      settle()
    })
  return {
    write: (page) => {
      if (failure !== undefined) return Promise.reject(failure)
      backlog += 1
      worker.postMessage({ page })
      return backlog > maxBacklog ? until(() => backlog <= maxBacklog / 2) : Promise.resolve()
    },
    flush: () => {
      flushed = false
      worker.postMessage({ flush: true })
      return until(() => flushed)
    },
    close: async () => {
      if (!closed) {
        worker.postMessage({ close: true })
        await new Promise<void>((resolve) => {
          waiting.push({ resolve, reject: () => resolve(), when: () => closed })
          settle()
        })
      }
      await worker.terminate()
    }
  }
}
