import {
  DataAttributes,
  decodeScrolledCompanies,
  inBackground,
  RequestExecutor,
  scrollCompanies,
  ScrollEnvelope,
  type ScrollLock,
  type ScrollOptions,
  Segments,
  Tags
} from "@intercom-explorer/core"
import type { DataAttribute, IntercomError } from "@intercom-explorer/core"
import { Effect, Exit, Predicate, Stream } from "effect"
import { replaceDefinitions } from "./AttributeDefinitions.js"
import { companyRow, decodeProblem, rowVersion } from "./CompanyRow.js"
import { Replica } from "./Replica.js"
import { ReplicaError, storageFailure, WrongWorkspace } from "./ReplicaErrors.js"
import { clearStaleBefore, replayEdits } from "./LiveEdits.js"
import { detectChanges } from "./ChangeDetector.js"
import { endStaging, startStaging } from "./ReplicaStore.js"
import { swapStaging, type SwapMode } from "./StagingSwap.js"
import { acquireSyncLock } from "./SyncLock.js"

/** A company that did not decode as `Company`: stored as sent, with the columns that could be read. */
export interface OddCompany {
  /** Its Intercom id, or undefined when it had none (then it could not be stored). */
  readonly id: string | undefined
  /** The decoder's account of the failing field (its path and what was expected). */
  readonly problem: string
}

export interface SyncProgress {
  readonly phase: "scrolling" | "waiting" | "restarting" | "tags" | "segments" | "attributes" | "swapping" | "done"
  readonly companies: number
  readonly pages: number
  readonly restarts: number
  readonly odd: number
  /** Companies per second since the start. */
  readonly rate: number
}

export interface SyncOptions {
  readonly onProgress?: ((progress: SyncProgress) => void) | undefined
  /** Passed to the scroll (restarts, prefetch, waiting for another holder). */
  readonly scroll?: Omit<ScrollOptions, "onProgress"> | undefined
}

export interface SyncSummary {
  readonly companies: number
  readonly pages: number
  readonly restarts: number
  readonly tags: number
  readonly segments: number
  /** Company data attributes read (standard and custom). */
  readonly attributes: number
  /** Why the data attributes could not be read (the definitions read before are kept), if so. */
  readonly attributesUnread?: string | undefined
  /** Every odd company of the new replica (stored as sent, see `OddCompany`). */
  readonly odd: ReadonlyArray<OddCompany>
  /** Companies new or changed since the last sync (all of them on a first sync). */
  readonly staged: number
  /** How they went in: merged in place (few changes) or a rebuilt replica (see `StagingSwap`). */
  readonly mode: SwapMode
  readonly appId: string | undefined
  readonly seconds: number
  /** Set when the previous file could not be read and was moved aside before this sync. */
  readonly movedAside: string | undefined
}

/** The storage's failures, or the API's (a scroll given up on is `IntercomError` with reason `ScrollAborted`). */
export type SyncError = ReplicaError | IntercomError

/** Stubs handed to core's scroll in place of the companies (ids only, so its decode cannot fail). */
const NO_ID = "\u0000replica:no-id:"

/**
 * A `RequestExecutor` for core's scroll that keeps each scrolled company as Intercom sent it (in
 * `pending`, by id) and hands the scroll `{id}` stubs. The scroll still does everything it does
 * (lock, prefetch, restarts, exactly-once by id); the sync decodes the raw companies itself, so
 * one company that does not decode is stored and reported instead of failing the page.
 */
const rawCapturing = (
  executor: RequestExecutor["Service"],
  pending: Map<string, Record<string, unknown>>,
  odd: Array<OddCompany>
): RequestExecutor["Service"] => {
  let noId = 0
  return RequestExecutor.of({
    execute: (request, mode) => {
      if (request.path !== "/companies/scroll" || (request.response as unknown) !== ScrollEnvelope) return executor.execute(request, mode)
      return Effect.map(executor.execute(request, mode), (page) => {
        const envelope = page as unknown as ScrollEnvelope
        const data = envelope.data.map((raw) => {
          const id = (raw as { id?: unknown } | null)?.id
          if (Predicate.isObject(raw) && Predicate.isString(id)) {
            pending.set(id, raw as Record<string, unknown>)
            return { id }
          }
          odd.push({ id: undefined, problem: decodeProblem(raw) ?? "not an object with a string id" })
          return { id: `${NO_ID}${noId++}` }
        })
        return { ...envelope, data } as typeof page
      })
    }
  })
}

/**
 * A full sync: every company through core's exactly-once scroll into staging tables, then tags
 * (GET /tags), segments with counts (GET /segments?include_count=true) and the company data
 * attributes (GET /data_attributes?model=company), then one transaction
 * swaps them in. Companies gone from Intercom are gone from the replica; a failure or interruption
 * at any point leaves the previous replica as it was. One sync per replica across processes.
 */
export const syncReplica = Effect.fn("ReplicaSync.sync")(function*(options?: SyncOptions) {
  const replica = yield* Replica
  const executor = yield* RequestExecutor
  const tagsService = yield* Tags
  const segmentsService = yield* Segments
  const attributesService = yield* DataAttributes
  const db = replica.database
  yield* acquireSyncLock(replica.file)

  const started = Date.now()
  const previousApp = yield* replica.appId()
  const syncId = yield* Effect.try({
    try: () => {
      // Holding the lock, a sync still recorded as running is one whose process ended (a kill).
      db.prepare("UPDATE syncs SET status = 'failed', error = 'ended with its process' WHERE status = 'running'").run()
      return Number(db.prepare("INSERT INTO syncs (started_at, status) VALUES (?, 'running')").run(Math.floor(started / 1000)).lastInsertRowid)
    },
    catch: storageFailure("record the sync")
  })
  const fail = (error: unknown) =>
    Effect.sync(() => {
      try {
        // A staging batch may be open: it is abandoned, and the failure recorded outside it.
        if (db.isTransaction) db.exec("ROLLBACK")
        db.prepare("UPDATE syncs SET status = 'failed', finished_at = ?, error = ? WHERE id = ?")
          .run(Math.floor(Date.now() / 1000), error instanceof Error ? error.message : String(error), syncId)
      } catch {
        // The sync's own failure is what the caller sees.
      }
    })

  const pending = new Map<string, Record<string, unknown>>()
  const odd: Array<OddCompany> = []
  const progress = { companies: 0, pages: 0, restarts: 0 }
  let appId: string | undefined
  let phase: SyncProgress["phase"] = "scrolling"
  const report = () =>
    options?.onProgress?.({
      phase,
      ...progress,
      odd: odd.length,
      rate: progress.companies / Math.max(0.001, (Date.now() - started) / 1000)
    })

  const staging = yield* Effect.acquireRelease(
    Effect.try({ try: () => startStaging(db, replica.file), catch: storageFailure("prepare the staging tables") }),
    (writer) =>
      Effect.promise(async () => {
        try {
          await writer.close()
          endStaging(db)
        } catch {
          // Staging left behind is dropped by the next sync; the sync's own outcome stands.
        }
      })
  )

  // Companies stored exactly as sent are kept where they are; only new and changed ones are staged.
  const changes = yield* Effect.try({ try: () => detectChanges(db), catch: storageFailure("read the replica") })
  let staged = 0

  const storePage = (stubs: ReadonlyArray<{ readonly id: string }>) =>
    Effect.gen(function*() {
      const raws: Array<Record<string, unknown>> = []
      const jsons: Array<string> = []
      let delivered = 0
      // The page's change lookups run in the staging batch's transaction (one, not one per lookup).
      yield* Effect.try({
        try: () => {
          staging.begin()
          for (const stub of stubs) {
            const raw = pending.get(stub.id)
            if (raw === undefined) continue
            pending.delete(stub.id)
            delivered += 1
            if (appId === undefined && Predicate.isString(raw.app_id)) appId = raw.app_id
            const json = JSON.stringify(raw)
            if (changes.unchanged(stub.id, json)) continue
            raws.push(raw)
            jsons.push(json)
          }
        },
        catch: storageFailure("compare companies with the replica")
      })
      // Most pages pass core's compiled decoder whole; only a page that fails is checked company by company.
      const whole = yield* Effect.exit(decodeScrolledCompanies(raws))
      const rows = raws.map((raw, i) => {
        const problem = Exit.isSuccess(whole) ? undefined : decodeProblem(raw)
        if (problem !== undefined) odd.push({ id: raw.id as string, problem })
        return companyRow(raw, raw.id as string, problem, jsons[i])
      })
      yield* Effect.try({ try: () => staging.write(rows, delivered), catch: storageFailure("store companies") })
      staged += rows.length
      progress.companies += delivered
      report()
    })

  const scroll = scrollCompanies({
    ...options?.scroll,
    onProgress: (p) => {
      progress.pages = p.pages
      progress.restarts = p.restarts
      phase = p.phase === "done" ? "scrolling" : p.phase
      report()
    }
  }).pipe(
    Stream.provideService(RequestExecutor, rawCapturing(executor, pending, odd))
  ) as Stream.Stream<{ readonly id: string }, IntercomError, ScrollLock>

  let attributesUnread: string | undefined
  const run = Effect.gen(function*() {
    yield* Stream.runForEachArray(scroll, storePage)
    yield* Effect.try({ try: () => staging.flush(), catch: storageFailure("store companies") })
    pending.clear()
    phase = "tags"
    report()
    const tags = yield* tagsService.list()
    phase = "segments"
    report()
    const segments = yield* segmentsService.list({ includeCount: true })
    phase = "attributes"
    report()
    // A token may lack the permission for data attributes: the sync still stands, and the
    // definitions read before (if any) are kept. A refused token fails the sync as anywhere else.
    const attributes = yield* attributesService.list({ model: "company" }).pipe(
      Effect.map((list): ReadonlyArray<DataAttribute> | undefined => list),
      Effect.catchIf((error) => error.reason._tag !== "Unauthorized", (error) =>
        Effect.sync(() => {
          attributesUnread = error.message
          return undefined
        }))
    )
    if (previousApp !== undefined && appId !== undefined && previousApp !== appId) {
      return yield* new ReplicaError({ reason: new WrongWorkspace({ file: replica.file, expected: previousApp, found: appId }) })
    }
    phase = "swapping"
    report()
    const finished = Math.floor(Date.now() / 1000)
    const swap = yield* Effect.try({
      try: () =>
        swapStaging(db, changes, staged, tags, segments, () => {
          if (appId !== undefined) db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('app_id', ?)").run(appId)
          db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('row_version', ?)").run(rowVersion)
          if (attributes !== undefined) replaceDefinitions(db, attributes, finished)
          replayEdits(db, started)
          clearStaleBefore(db, started)
          // Every odd company of the new replica: staged ones were decoded now, kept ones when they were stored.
          const stored = db.prepare("SELECT id, decode_error AS problem FROM companies WHERE decode_error IS NOT NULL ORDER BY rid").all() as unknown as Array<OddCompany>
          const found = [...odd.filter((o) => o.id === undefined), ...stored.map(({ id, problem }) => ({ id, problem }))]
          db.prepare(
            `UPDATE syncs SET status = 'done', finished_at = ?, app_id = ?, companies = ?, pages = ?, restarts = ?, odd = ?, tags = ?, segments = ? WHERE id = ?`
          ).run(finished, appId ?? null, progress.companies, progress.pages, progress.restarts, found.length, tags.length, segments.length, syncId)
          return found
        }),
      catch: storageFailure("swap in the new replica")
    })
    phase = "done"
    report()
    return {
      companies: progress.companies,
      pages: progress.pages,
      restarts: progress.restarts,
      tags: tags.length,
      segments: segments.length,
      attributes: attributes?.length ?? 0,
      attributesUnread,
      odd: swap.result,
      staged,
      mode: swap.mode,
      appId,
      seconds: (Date.now() - started) / 1000,
      movedAside: replica.recovered?.movedTo
    } satisfies SyncSummary
  })

  return yield* run.pipe(
    Effect.tapError(fail),
    Effect.onInterrupt(() => fail("interrupted"))
  )
  // A sync is background work: its requests take the rate budget down to core's reserve and let an
  // interactive request (a click in the extension) go first.
}, (effect, _options?: SyncOptions) => inBackground(Effect.scoped(effect)))
