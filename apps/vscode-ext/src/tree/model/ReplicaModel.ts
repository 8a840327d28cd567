// The workspace's replica as the extension holds it: which file, the open reader, the last
// completed sync, a sync in progress (one at a time) and its failure. No VS Code and no Effect: the
// file is opened and synced through functions given to it (the engine's, in the extension and in
// the unit tests, which drive it against a real SQLite file and the simulator over HTTP). Opening
// and reading are asynchronous (a worker thread): an open that a newer attach overtook is closed
// and dropped, never taken in.
import { formatCount } from "./CompanyRow"
import type { OpenReplica, ReplicaReader, SyncedInfo, SyncProgressInfo } from "./ReplicaReader"

/** How a sync ended. `failed` carries a sentence for the user. */
export type SyncResult =
  | { readonly _tag: "done"; readonly companies: number }
  | { readonly _tag: "failed"; readonly message: string; readonly error: unknown }
  | { readonly _tag: "interrupted" }

/** A sync started on the session's client: its end, and how to stop it. */
export interface RunningSync {
  readonly done: Promise<SyncResult>
  readonly cancel: () => void
}

/** Starts the sync of a file; progress comes through `onProgress` until `done` settles. */
export type StartSync = (file: string, onProgress: (progress: SyncProgressInfo) => void) => RunningSync

/** "just now", "3 min ago", "2 h ago", "5 days ago". */
export const ago = (thenMs: number, nowMs: number): string => {
  const minutes = Math.floor(Math.max(0, nowMs - thenMs) / 60_000)
  if (minutes < 1) return "just now"
  if (minutes < 60) return `${minutes} min ago`
  const hours = Math.floor(minutes / 60)
  if (hours < 48) return `${hours} h ago`
  return `${Math.floor(hours / 24)} days ago`
}

export class ReplicaModel {
  private currentFile: string | undefined
  private opened: ReplicaReader | undefined
  private synced: SyncedInfo | undefined
  /** Why the replica missed an edit (a failed write-through), as last read. */
  private staleReason: string | undefined
  /** Bumped by every attach, reopen and close: an open that finishes after a newer one is dropped. */
  private opening = 0
  private running: { readonly file: string; readonly sync: RunningSync; readonly progress: SyncProgressInfo | undefined; finished?: Promise<SyncResult> } | undefined
  /** The last sync's failure, until the next one starts. */
  lastFailure: string | undefined
  /** Bumped whenever what a reader returns may have changed (a sync swapped a new replica in). */
  generation = 0
  private readonly listeners = new Set<() => void>()

  constructor(
    private readonly open: OpenReplica,
    private readonly startSync: StartSync
  ) {}

  /** Called after any change of state (file, sync progress, data). */
  onDidChange(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private fire(): void {
    for (const listener of this.listeners) listener()
  }

  get file(): string | undefined {
    return this.currentFile
  }

  /** The open replica, once a sync has completed for this workspace. */
  get reader(): ReplicaReader | undefined {
    return this.opened
  }

  get lastSynced(): SyncedInfo | undefined {
    return this.synced
  }

  get syncing(): boolean {
    return this.running !== undefined && this.running.file === this.currentFile
  }

  get progress(): SyncProgressInfo | undefined {
    return this.syncing ? this.running?.progress : undefined
  }

  /**
   * Switches to the replica of another workspace (undefined: none, e.g. signed out): closes the
   * open one, cancels a sync of the previous file, opens the new one if it exists (resolved once
   * it is open). An unreadable file (moved aside by the replica) counts as none: the next sync
   * rebuilds it.
   */
  attach(file: string | undefined): Promise<void> {
    if (file === this.currentFile) return this.opened === undefined && file !== undefined ? this.pendingOpen : Promise.resolve()
    if (this.running !== undefined && this.running.file !== file) this.running.sync.cancel()
    this.opened?.close()
    this.opened = undefined
    this.synced = undefined
    this.staleReason = undefined
    this.lastFailure = undefined
    this.currentFile = file
    this.generation += 1
    this.opening += 1
    const opened = file === undefined ? Promise.resolve() : this.reopen()
    this.fire()
    return opened
  }

  private pendingOpen: Promise<void> = Promise.resolve()

  /** Opens the current file again (after a sync of ours); fires when the open changed what is read. */
  private reopen(): Promise<void> {
    const file = this.currentFile
    if (file === undefined) return Promise.resolve()
    const ticket = ++this.opening
    // A fresh connection (the worker opens it again on the next read): the reader open now stays
    // until the new one is open, so that the views keep reading meanwhile.
    this.opened?.close()
    const opening = (async () => {
      let reader: ReplicaReader | undefined
      let synced: SyncedInfo | undefined
      let stale: string | undefined
      let failure: string | undefined
      try {
        reader = await this.open(file)
        synced = await reader?.lastSynced()
        stale = synced === undefined ? undefined : await reader?.stale()
      } catch (error) {
        failure = error instanceof Error ? error.message : String(error)
      }
      // A file from a sync that never completed holds no replica yet.
      if (reader !== undefined && (synced === undefined || failure !== undefined)) {
        reader.close()
        reader = undefined
      }
      if (ticket !== this.opening) {
        reader?.close()
        return
      }
      this.opened = reader
      this.synced = synced
      this.staleReason = stale
      if (failure !== undefined) this.lastFailure = failure
      this.generation += 1
      this.fire()
    })()
    this.pendingOpen = opening
    return opening
  }

  /**
   * Another process (a VS Code window, the CLI) may have synced the same file: when its last
   * completed sync is not the one this model read, the new replica is taken in (as after a sync
   * of our own). Cheap: one row of `syncs`, and the staleness flag.
   */
  async checkDisk(): Promise<void> {
    if (this.currentFile === undefined || this.syncing) return
    const reader = this.opened
    if (reader === undefined) return this.reopen()
    const ticket = this.opening
    const before = this.synced?.at
    let synced: SyncedInfo | undefined
    try {
      synced = await reader.lastSynced()
      this.staleReason = await reader.stale()
    } catch {
      return
    }
    if (ticket !== this.opening || reader !== this.opened) return
    this.synced = synced
    if (synced?.at !== before) {
      this.generation += 1
      this.fire()
    }
  }

  /** Missing, or older than `maxAgeMinutes`, and no sync running: a background sync is due. */
  isStale(maxAgeMinutes: number, nowMs: number): boolean {
    if (this.currentFile === undefined || this.syncing) return false
    if (this.synced === undefined || nowMs - this.synced.at >= maxAgeMinutes * 60_000) return true
    // A write-through that failed: the replica missed an edit until the next sync (as last read).
    return this.staleReason !== undefined
  }

  /**
   * Syncs the current file; while one runs, returns its end instead of starting another. A
   * completed sync reopens the file, so every read after it sees the new replica.
   */
  sync(): Promise<SyncResult> {
    const file = this.currentFile
    if (file === undefined) return Promise.resolve({ _tag: "failed", message: "No Intercom workspace is connected.", error: undefined })
    if (this.running?.finished !== undefined && this.running.file === file) return this.running.finished
    this.lastFailure = undefined
    const state = { progress: undefined as SyncProgressInfo | undefined }
    const sync = this.startSync(file, (progress) => {
      state.progress = progress
      if (this.running === running) this.fire()
    })
    const running: NonNullable<typeof this.running> = { file, sync, get progress() { return state.progress } }
    this.running = running
    this.fire()
    return (running.finished = running.sync.done.then(async (result) => {
      if (this.running === running) this.running = undefined
      if (file === this.currentFile) {
        if (result._tag === "failed") this.lastFailure = result.message
        // A new replica: read again (the reopen fires once it is open).
        if (result._tag === "done") await this.reopen()
        else this.fire()
      }
      return result
    }))
  }

  /** Stops the running sync; the replica stays as the last completed sync left it. */
  cancelSync(): void {
    this.running?.sync.cancel()
  }

  /** The view's sync part: "synced 3 min ago", "syncing… 12,300 companies", "not synced yet". */
  syncDescription(nowMs: number): string {
    const progress = this.progress
    if (this.syncing) {
      return progress === undefined || progress.companies === 0 ? "syncing…" : `syncing… ${formatCount(progress.companies)} companies`
    }
    if (this.synced !== undefined) return `synced ${ago(this.synced.at, nowMs)}`
    return this.lastFailure !== undefined ? "sync failed" : "not synced yet"
  }

  /** Closes the open file (Delete Local Data, dispose). */
  /** Resolves once the running sync, if any, has ended (cancelled or not): its file is closed then. */
  syncEnded(): Promise<void> {
    return this.running === undefined ? Promise.resolve() : this.running.sync.done.then(() => undefined, () => undefined)
  }

  close(): void {
    this.running?.sync.cancel()
    this.opening += 1
    this.opened?.close()
    this.opened = undefined
    this.synced = undefined
    this.staleReason = undefined
    this.currentFile = undefined
    this.generation += 1
    this.fire()
  }
}

/** A sync's outcome on the session's runner as a SyncResult (errors worded by core's describeError). */
export const toSyncResult = (
  outcome: { readonly _tag: "ok"; readonly value: { readonly companies: number } } | { readonly _tag: "interrupted" } | { readonly _tag: "failed"; readonly error: unknown },
  describe: (error: unknown) => string
): SyncResult =>
  outcome._tag === "ok"
    ? { _tag: "done", companies: outcome.value.companies }
    : outcome._tag === "interrupted" ? { _tag: "interrupted" } : { _tag: "failed", message: describe(outcome.error), error: outcome.error }
