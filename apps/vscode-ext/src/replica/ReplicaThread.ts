// The host's end of a replica worker thread (replicaWorker.ts): started on first use, one request
// per message id, answers matched back to their promise. A thread that dies (a crash, an out of
// memory) fails what was waiting on it with a sentence, never leaves it hanging, and the next read
// starts a new one. No Effect and no vscode: the unit tests drive it from node.
import { Worker } from "node:worker_threads"
import type { SyncProgressInfo } from "../tree/model/ReplicaReader"
import type { FromWorker, ReadAnswers, ReadRequest, SyncEnd, ToWorker, WireError, WorkerConnection } from "./replicaMessages"

/** A failure answered by the worker: its message is the replica's (or core's) sentence. */
export class ReplicaThreadError extends Error {
  constructor(readonly wire: WireError) {
    super(wire.message)
    this.name = "ReplicaThreadError"
  }
}

interface Waiting {
  readonly resolve: (value: unknown) => void
  readonly reject: (error: Error) => void
  readonly onProgress?: (progress: SyncProgressInfo) => void
}

/** A sync running on its own thread: its end (never rejects), and how to stop it. */
export interface ThreadSync {
  readonly done: Promise<SyncEnd>
  readonly cancel: () => void
}

export class ReplicaThread {
  private worker: Worker | undefined
  private nextId = 1
  private readonly waiting = new Map<number, Waiting>()
  private closed = false

  /** `workerFile`: dist/replicaWorker.js (or a test's build of it). */
  constructor(private readonly workerFile: string) {}

  /** Whether a worker is running now (the tests check that dispose ends it). */
  get running(): boolean {
    return this.worker !== undefined
  }

  /** Starts the thread now (its ~100-200 ms start overlaps something else), if it is not running. */
  warm(): void {
    if (!this.closed) this.started()
  }

  private started(): Worker {
    if (this.closed) throw new Error("the replica's thread was closed")
    if (this.worker !== undefined) return this.worker
    const worker = new Worker(this.workerFile)
    this.worker = worker
    worker.on("message", (message: FromWorker) => this.received(message))
    // An uncaught error in the worker (or a worker file that cannot be loaded) is followed by its
    // exit, which fails what was waiting, with the error's first line (never its stack).
    let cause = ""
    worker.on("error", (error) => {
      cause = `: ${String(error?.message ?? error).split("\n")[0]}`
    })
    worker.on("exit", (code) => {
      if (this.worker !== worker) return
      this.worker = undefined
      this.failAll(new Error(`the replica's worker thread stopped unexpectedly (exit code ${code})${cause}`))
    })
    return worker
  }

  private received(message: FromWorker): void {
    const waiting = this.waiting.get(message.id)
    if (waiting === undefined) return
    switch (message._tag) {
      case "progress":
        waiting.onProgress?.(message.progress)
        return
      case "answer":
        this.waiting.delete(message.id)
        return waiting.resolve(message.value)
      case "synced":
        this.waiting.delete(message.id)
        return waiting.resolve(message.end)
      case "refused":
        this.waiting.delete(message.id)
        return waiting.reject(new ReplicaThreadError(message.error))
    }
  }

  private failAll(error: Error): void {
    const waiting = [...this.waiting.values()]
    this.waiting.clear()
    for (const w of waiting) w.reject(error)
  }

  private send(message: ToWorker): void {
    this.started().postMessage(message)
  }

  /** One read of `file`; rejects with the replica's sentence (a query the parser refuses, a missing file). */
  read<R extends ReadRequest>(file: string, read: R): Promise<ReadAnswers[R["op"]]> {
    return new Promise((resolve, reject) => {
      const id = this.nextId++
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject })
      try {
        this.send({ _tag: "read", id, file, read })
      } catch (error) {
        this.waiting.delete(id)
        reject(error instanceof Error ? error : new Error(String(error)))
      }
    })
  }

  /** Drops the thread's connection to `file` (nothing is started for it). */
  close(file: string): void {
    this.worker?.postMessage({ _tag: "close", file } satisfies ToWorker)
  }

  /**
   * A full sync of `file` on this thread with a core client of its own (the token goes in the
   * message, once). A thread that dies ends it as failed.
   */
  sync(file: string, connection: WorkerConnection, onProgress: (progress: SyncProgressInfo) => void): ThreadSync {
    const id = this.nextId++
    const done = new Promise<SyncEnd>((resolve) => {
      this.waiting.set(id, {
        resolve: resolve as (value: unknown) => void,
        reject: (error) => resolve({ _tag: "failed", error: { message: error.message }, threadDied: true }),
        onProgress
      })
      try {
        this.send({ _tag: "sync", id, file, connection })
      } catch (error) {
        this.waiting.delete(id)
        resolve({ _tag: "failed", error: { message: error instanceof Error ? error.message : String(error) } })
      }
    })
    return { done, cancel: () => this.worker?.postMessage({ _tag: "cancel", id } satisfies ToWorker) }
  }

  /** Ends the thread now (sign-out, Delete Local Data): what was waiting fails, and a later read starts a new one. */
  stop(): Promise<void> {
    const worker = this.worker
    this.worker = undefined
    this.failAll(new Error("the replica's worker thread was stopped"))
    return worker === undefined ? Promise.resolve() : worker.terminate().then(() => {})
  }

  /** Ends the thread for good (dispose, a sync's own thread once it ended). */
  terminate(): Promise<void> {
    this.closed = true
    const worker = this.worker
    this.worker = undefined
    this.failAll(new Error("the replica's worker thread was stopped"))
    return worker === undefined ? Promise.resolve() : worker.terminate().then(() => {})
  }
}
