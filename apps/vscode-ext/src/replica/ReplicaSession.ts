import { describeError } from "@intercom-explorer/core/connection"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import * as vscode from "vscode"
import type { ClientHandle, ClientSession } from "../client/ClientSession"
import { ReplicaContextKeys, Views } from "../contributions"
import { engine } from "../lazy"
import type { Log } from "../logging/Log"
import type { Settings } from "../settings/Settings"
import type { ReplicaThread } from "./ReplicaThread"
import { ReplicaModel, type SyncResult, toSyncResult } from "../tree/model/ReplicaModel"

/** How often the view's "synced N min ago" and the staleness check run. */
const TICK_MS = 60_000

/**
 * The replica of the session's workspace, in VS Code: where its file lives (under the extension's
 * global storage, keyed by API root + app id; the demo's in a temporary folder of its own, deleted
 * when the demo ends), syncs on the session's runner (a 401 signs out, an interrupt cancels) with
 * progress in the Companies view, background syncs when the replica is missing or older than
 * `intercom.replica.maxAgeMinutes`, and Delete Local Data. The state is ReplicaModel's.
 */
export class ReplicaSession implements vscode.Disposable {
  readonly model: ReplicaModel
  /** The client whose replica file is attached (or being resolved). */
  private attachedFor: ClientHandle | undefined
  /** The attachment in progress (GET /me, then open), for a sync asked for meanwhile. */
  private attaching: Promise<void> = Promise.resolve()
  /** The context keys last set, so that sync progress does not set them again per page. */
  private published: { ready: boolean; syncing: boolean } | undefined
  private demoDir: string | undefined
  /** After Delete Local Data, no background sync until the user syncs or the session changes. */
  private paused = false
  private readonly ticks = new vscode.EventEmitter<void>()
  /** Fires every minute, so that "synced N min ago" stays true. */
  readonly onDidTick = this.ticks.event
  private readonly timer: ReturnType<typeof setInterval>
  private readonly subscriptions: Array<vscode.Disposable> = []
  /** The reads' worker thread (dist/replicaWorker.js), started by the first read. */
  private reads: { readonly thread: ReplicaThread; readonly workerFile: string } | undefined

  constructor(
    private readonly session: ClientSession,
    private readonly settings: Settings,
    private readonly log: Log,
    /** The extension's global storage folder (context.globalStorageUri). */
    private readonly storageDir: string,
    /** Remembers which file a connection had (context.globalState), so a window opens it at once. */
    private readonly memory?: vscode.Memento
  ) {
    this.model = new ReplicaModel(
      (file) => engine().replicaAccess.openReplicaReader(this.readThread().thread, file),
      (file, onProgress) => {
        // The sync runs on a worker thread of its own, with a client built there from the session's
        // connection; through the session's runner, so that a 401 there signs out here and Stop
        // Sync or a sign-out interrupts it.
        const connection = session.workerConnection()
        if (connection === undefined) {
          return { done: Promise.resolve<SyncResult>({ _tag: "failed", message: "Not signed in to Intercom.", error: undefined }), cancel: () => {} }
        }
        let cancel = () => {}
        const done = new Promise<SyncResult>((resolve) => {
          const sync = engine().replicaAccess.syncReplicaFile(this.readThread().workerFile, file, connection, onProgress)
          const running = session.fork(sync, (outcome) =>
            resolve(toSyncResult(outcome, (error) => describeError(error, { whenUnauthorized: "sign in again" }))))
          cancel = running.interrupt
        })
        return { done, cancel: () => cancel() }
      }
    )
    const offModel = this.model.onDidChange(() => this.publish())
    this.subscriptions.push(
      { dispose: offModel },
      this.ticks,
      session.onDidChange(() => this.sessionChanged()),
      settings.onDidChange(() => this.backgroundSyncIfDue())
    )
    this.timer = setInterval(() => {
      this.ticks.fire()
      void this.model.checkDisk().then(() => this.backgroundSyncIfDue())
    }, TICK_MS)
  }

  private readThread(): { readonly thread: ReplicaThread; readonly workerFile: string } {
    if (this.reads !== undefined) return this.reads
    const access = engine().replicaAccess
    const workerFile = access.replicaWorkerFile()
    return (this.reads = { thread: new access.ReplicaThread(workerFile), workerFile })
  }

  /**
   * The Companies view is shown: find the current workspace's replica (one GET /me for the app id,
   * once per client), open it if there is one, and sync in the background when due.
   */
  ensureAttached(): Promise<void> {
    const handle = this.session.current()
    if (handle === undefined || handle === this.attachedFor) return this.attaching
    this.attachedFor = handle
    // Instant start: the file this connection had last time opens now; GET /me confirms it (or
    // moves to the right one) meanwhile.
    const key = this.memoryKey()
    const known = key === undefined || handle.kind === "demo" ? undefined : this.memory?.get<string>(key)
    if (known !== undefined && fs.existsSync(known)) void this.model.attach(known)
    // The reads' thread starts while GET /me runs (the file is opened on it right after).
    else this.readThread().thread.warm()
    return (this.attaching = this.fileOf(handle).then(async (file) => {
      if (handle !== this.session.current()) return
      if (file === undefined) {
        this.attachedFor = undefined
        return
      }
      if (key !== undefined && handle.kind !== "demo" && file !== known) void this.memory?.update(key, file)
      await this.model.attach(file)
      if (handle !== this.session.current()) return
      if (this.model.lastFailure !== undefined) this.log.warn(`Replica: ${this.model.lastFailure}`)
      this.log.info(this.model.reader === undefined ? `Replica: none yet at ${file}.` : `Replica: ${file}, ${this.model.syncDescription(Date.now())}.`)
      this.backgroundSyncIfDue()
    }))
  }

  /** The Companies view's filter last set with this connection ("" for none): kept across reloads. */
  savedFilter(): string {
    const key = this.filterKey()
    return (key === undefined ? undefined : this.memory?.get<string>(key)) ?? ""
  }

  saveFilter(filter: string): void {
    const key = this.filterKey()
    if (key !== undefined) void this.memory?.update(key, filter === "" ? undefined : filter)
  }

  private filterKey(): string | undefined {
    const fingerprint = this.session.fingerprint()
    return fingerprint === undefined ? undefined : `intercom.companies.filter.${fingerprint}`
  }

  private memoryKey(): string | undefined {
    const fingerprint = this.session.fingerprint()
    return fingerprint === undefined ? undefined : `intercom.replica.file.${fingerprint}`
  }

  private async fileOf(handle: ClientHandle): Promise<string | undefined> {
    try {
      // Asked of this client (GET /me), never taken from a previous one: the file is the workspace's.
      const appId = await this.session.run(engine().replicaAccess.workspaceAppId)
      const dataDir = handle.kind === "demo" ? this.demoDataDir() : this.storageDir
      return engine().replicaAccess.workspaceReplicaFile(dataDir, handle.baseUrl, appId)
    } catch (error) {
      this.log.warn(`Replica: the workspace's app id could not be read (${describeError(error)}); the view lists from Intercom.`)
      return undefined
    }
  }

  /** The demo's replica lives in a temporary folder, never next to a real workspace's. */
  private demoDataDir(): string {
    return (this.demoDir ??= fs.mkdtempSync(path.join(os.tmpdir(), "intercom-explorer-demo-")))
  }

  private removeDemoDir(): void {
    if (this.demoDir === undefined) return
    fs.rmSync(this.demoDir, { recursive: true, force: true })
    this.demoDir = undefined
  }

  private sessionChanged(): void {
    this.attachedFor = undefined
    this.paused = false
    void this.model.attach(undefined)
    // Signed out or another workspace: the reads' thread ends (a new one starts with the next read).
    void this.reads?.thread.stop()
    if (this.session.current()?.kind !== "demo") this.removeDemoDir()
  }

  private backgroundSyncIfDue(): void {
    const { replicaAutoSync, replicaMaxAgeMinutes } = this.settings.current
    if (!replicaAutoSync || this.paused || !this.model.isStale(replicaMaxAgeMinutes, Date.now())) return
    void this.sync("background")
  }

  /**
   * Syncs the workspace's replica, with progress in the Companies view. `command`: the user asked
   * (Sync Companies), so a failure is shown; a background sync's failure is only logged (the view
   * says "sync failed").
   */
  async sync(why: "command" | "background"): Promise<SyncResult> {
    this.paused = false
    if (this.model.file === undefined) await this.ensureAttached()
    if (this.model.file === undefined) {
      const message = this.session.current() === undefined
        ? "Sign in to Intercom or open the demo workspace to sync its companies."
        : "The workspace's app id could not be read (see Intercom: Show Logs)."
      if (why === "command") void vscode.window.showWarningMessage(`Intercom: ${message}`)
      return { _tag: "failed", message, error: undefined }
    }
    const already = this.model.syncing
    const result = this.model.sync()
    if (!already) {
      this.log.info(`Replica: ${why === "background" ? "background " : ""}sync of ${this.model.file} started.`)
      void vscode.window.withProgress({ location: { viewId: Views.companies } }, () => result)
      void result.then((end) => {
        if (end._tag === "done") this.log.info(`Replica: synced ${end.companies} companies.`)
        else if (end._tag === "interrupted") this.log.info("Replica: sync stopped; the replica is as the last completed sync left it.")
        else {
          this.log.warn(`Replica: sync failed: ${end.message}`)
          if (why === "command") void vscode.window.showErrorMessage(`Intercom: the sync failed: ${end.message}`)
        }
      })
    }
    return result
  }

  cancelSync(): void {
    this.model.cancelSync()
  }

  /** Whether any replica file (or the demo's) is on disk. */
  hasLocalData(): boolean {
    const dir = path.join(this.storageDir, "replicas")
    return (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) || this.demoDir !== undefined
  }

  /** Deletes every replica file of the extension (closing the open one first); the view lists from Intercom again. */
  async deleteLocalData(): Promise<void> {
    // A running sync is stopped and waited for: its thread holds the file open until it ends.
    const syncEnded = this.model.syncEnded()
    this.model.close()
    await Promise.race([syncEnded, new Promise((resolve) => setTimeout(resolve, 10_000))])
    this.attachedFor = undefined
    this.paused = true
    // The thread's connections go first (a file open elsewhere cannot be deleted on Windows).
    await this.reads?.thread.stop()
    fs.rmSync(path.join(this.storageDir, "replicas"), { recursive: true, force: true })
    this.removeDemoDir()
    this.log.info("Replica: local data deleted.")
  }

  private publish(): void {
    const reader = this.model.reader
    this.session.useWriteThrough(reader === undefined ? undefined : (effect) => reader.writeThrough(effect))
    const state = { ready: reader !== undefined, syncing: this.model.syncing }
    if (this.published?.ready === state.ready && this.published.syncing === state.syncing) return
    this.published = state
    void vscode.commands.executeCommand("setContext", ReplicaContextKeys.ready, state.ready)
    void vscode.commands.executeCommand("setContext", ReplicaContextKeys.syncing, state.syncing)
  }

  dispose(): void {
    clearInterval(this.timer)
    for (const s of this.subscriptions) s.dispose()
    this.session.useWriteThrough(undefined)
    this.model.close()
    void this.reads?.thread.terminate()
    this.removeDemoDir()
  }
}
