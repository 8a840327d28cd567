import type { ScrollProgress } from "@intercom-explorer/core"
import { fetchAppId, type OddCompany, Replica, syncReplica, type SyncProgress, type SyncSummary } from "@intercom-explorer/replica"
import { Console, Effect } from "effect"
import { Command, Flag } from "effect/cli"
import { endpointSettings, intercomLayer } from "../GlobalOptions.js"
import { oddCompanyLine } from "../output/OddCompanyLine.js"
import { formatCount, formatElapsed, formatRestarts, makeProgressReporter } from "../output/ProgressReporter.js"
import { dbFlag, explicitReplicaFile, workspaceReplicaFile } from "../replica/ReplicaLocation.js"

const flags = {
  db: dbFlag,
  quiet: Flag.Boolean("quiet").pipe(
    Flag.withAlias("q"),
    Flag.withDefault(false),
    Flag.withDescription("No progress and no summary on stderr (odd companies are still listed)")
  )
}

/** The sync's counters in the shape the export's progress line reads. */
const asScroll = (progress: SyncProgress): ScrollProgress => ({
  pages: progress.pages,
  companies: progress.companies,
  restarts: progress.restarts,
  waits: 0,
  duplicatesSkipped: 0,
  phase: progress.phase === "waiting" || progress.phase === "restarting" ? progress.phase : "scrolling"
})

const phaseNote: Partial<Record<SyncProgress["phase"], string>> = {
  tags: "reading tags",
  segments: "reading segments",
  attributes: "reading data attributes",
  swapping: "swapping in the new replica"
}

const noteOf = (progress: SyncProgress): string | undefined => {
  const parts = [progress.odd > 0 ? `${formatCount(progress.odd)} odd` : undefined, phaseNote[progress.phase]]
    .filter((part) => part !== undefined)
  return parts.length === 0 ? undefined : parts.join(", ")
}

/** Stored as sent, reported, never fatal; one without an id cannot be stored. */
const oddFate = (odd: OddCompany) => (odd.id === undefined ? "not stored" : "stored as sent")

const counted = (count: number, one: string, many = `${one}s`) => `${formatCount(count)} ${count === 1 ? one : many}`

/**
 * The one-line summary: `synced 500 companies, 12 tags, 5 segments, 0 odd companies (6 pages, 0 restarts,
 * 14 new or changed) in 2.1 s to FILE`; a first sync's companies are all new.
 */
export const summaryLine = (summary: SyncSummary, file: string): string =>
  `synced ${counted(summary.companies, "company", "companies")}, ${counted(summary.tags, "tag")}, ` +
  `${counted(summary.segments, "segment")}, ${counted(summary.odd.length, "odd company", "odd companies")} ` +
  `(${counted(summary.pages, "page")}, ` +
  `${formatRestarts(summary.restarts)}, ${formatCount(summary.staged)} new or changed) in ${formatElapsed(summary.seconds * 1000)} to ${file}`

export const companiesSync = Command.make(
  "sync",
  flags,
  Effect.fn("companies.sync")(function*({ db, quiet }) {
    const endpoint = yield* endpointSettings
    // The default file is per workspace: API root + app id, which only the API knows (GET /me).
    const file = explicitReplicaFile(db) ?? workspaceReplicaFile(endpoint.apiRoot, yield* fetchAppId())
    const progress = yield* makeProgressReporter({ label: "syncing", verb: "stored", quiet })
    const summary = yield* syncReplica({
      onProgress: (p) => {
        progress.onScroll(asScroll(p))
        progress.onWritten(p.companies)
        progress.onNote(noteOf(p))
      }
    }).pipe(
      Effect.provide(Replica.layer({ file, create: true })),
      Effect.onError(() => progress.finish()),
      Effect.onInterrupt(() => Console.error(`sync interrupted: the replica ${file} is as it was before`))
    )
    yield* progress.finish()
    for (const odd of summary.odd) yield* Console.error(oddCompanyLine(odd, oddFate(odd)))
    if (summary.attributesUnread !== undefined) {
      yield* Console.error(`warning: the data attributes could not be read (${summary.attributesUnread}); plans use the ones read before, if any`)
    }
    if (summary.movedAside !== undefined) {
      yield* Console.error(`warning: the previous replica could not be read; it was moved aside to ${summary.movedAside}`)
    }
    if (!quiet) yield* Console.error(summaryLine(summary, file))
  }, Effect.scoped, Effect.provide(intercomLayer))
).pipe(
  Command.withDescription(
    "Copy every company (exactly once, through the scroll API), the tags and the segments into the local replica " +
      "that `companies query` reads. The new copy replaces the old one in one step at the end: an interrupted or " +
      "failed sync leaves the previous replica as it was. Progress and a summary go to stderr; a company that does " +
      "not decode is stored as sent and listed (its id and field), never fatal."
  ),
  Command.withExamples([
    { command: "INTERCOM_TOKEN=... intercom-explorer companies sync", description: "the workspace's replica in the data folder" },
    { command: "intercom-explorer companies sync --region eu --db eu.sqlite", description: "an EU workspace into eu.sqlite" }
  ])
)
