// The trees' loads as Effect programs on the session's client. Loaded with the first load (through
// `lazy`, see ../lazy.ts), never at activation: the providers in CompaniesTree and GroupsTree import
// only the types, so a window whose Intercom views stay closed never evaluates effect or core.
import { Companies, type CompaniesShape, type CompanyPage, type IntercomClientServices, Segments, Tags } from "@intercom-explorer/core"
import * as Effect from "effect/Effect"
import * as Pull from "effect/Pull"
import * as Stream from "effect/Stream"
import type { Demand } from "./Demand"
import type { CompanyRowsPage } from "./model/CompaniesModel"
import { CompanyList } from "./model/CompanyList"
import { type CompanyRow, toCompanyRow } from "./model/CompanyRow"
import type { GroupModel } from "./model/GroupModel"
import type { GroupRow } from "./model/GroupsModel"
import type { Flight } from "./SingleFlight"

const toPage = (page: CompanyPage): CompanyRowsPage => ({
  rows: page.companies.map(toCompanyRow),
  page: page.page,
  totalCount: page.totalCount,
  hasNextPage: page.hasNextPage,
  // Web-app links need the app id; every company carries it.
  appId: page.companies[0]?.app_id
})

/** Pages 1..`pages` of the company list (a refresh of what is shown), stopping at the last one. */
export const companyPages = (pages: number, pageSize: number): Effect.Effect<Array<CompanyRowsPage>, unknown, IntercomClientServices> =>
  Effect.gen(function*() {
    const companies = yield* Companies
    const out: Array<CompanyRowsPage> = []
    for (let page = 1; page <= pages; page++) {
      const result = yield* companies.listPage(page, pageSize)
      out.push(toPage(result))
      if (!result.hasNextPage) break
    }
    return out
  })

/** One page of the company list ("Load more"). */
export const companyPage = (page: number, pageSize: number): Effect.Effect<CompanyRowsPage, unknown, IntercomClientServices> =>
  Effect.map(Companies.use((c) => c.listPage(page, pageSize)), toPage)

/** What "Load all" does with the scroll's batches. */
export interface ScrollSink {
  /** Another scroll of this app holds Intercom's lock; the load waits for it. */
  readonly waiting: () => void
  /**
   * A batch of rows, with the ids of every company seen so far (the sink adds the batch's) and the
   * app id; false stops the scroll (the view's row cap).
   */
  readonly batch: (rows: ReadonlyArray<CompanyRow>, seen: Set<string>, appId: string | undefined) => boolean
}

/** Stops "Load all" at the row cap; never leaves the loader. */
const CAPPED = { _tag: "Capped" } as const

/**
 * Every company through the scroll, handed to `sink` batch by batch, until the end (`reachedEnd`)
 * or until the sink says stop (which ends the scroll and releases the app's scroll lock).
 */
export const scrollAll = (
  flight: Flight,
  sink: ScrollSink
): Effect.Effect<{ readonly seen: Set<string>; readonly reachedEnd: boolean }, unknown, IntercomClientServices> =>
  Effect.gen(function*() {
    const companies = yield* Companies
    const seen = new Set<string>()
    const reachedEnd = yield* companies.scroll({
      onProgress: (progress) => {
        if (progress.phase === "waiting" && flight.isCurrent()) sink.waiting()
      }
    }).pipe(
      Stream.runForEachArray((batch) => {
        if (!flight.isCurrent()) return Effect.interrupt
        return sink.batch(batch.map(toCompanyRow), seen, batch[0].app_id) ? Effect.void : Effect.fail(CAPPED)
      }),
      Effect.as(true),
      Effect.catchIf((error): error is typeof CAPPED => error === CAPPED, () => Effect.succeed(false))
    )
    return { seen, reachedEnd }
  })

/** GET /companies/{id} as a row (Find Company's reveal of a company not loaded yet). */
export const retrieveCompanyRow = (companyId: string): Effect.Effect<CompanyRow, unknown, IntercomClientServices> =>
  Effect.map(Companies.use((c) => c.retrieve(companyId)), toCompanyRow)

/** The segments (with their company counts) or the tags. */
export const listGroups = (kind: "segment" | "tag"): Effect.Effect<ReadonlyArray<GroupRow>, unknown, IntercomClientServices> =>
  kind === "segment"
    ? Effect.map(Segments.use((s) => s.list({ includeCount: true })), (segments) =>
      segments.map((s) => ({ id: s.id, name: s.name, count: s.count ?? undefined })))
    : Effect.map(Tags.use((t) => t.list()), (tags) => tags.map((t) => ({ id: t.id, name: t.name })))

/** What a group's loader reads and writes besides the listing. */
export interface GroupLoadTarget {
  readonly group: GroupModel
  /** The group's company count, when known (segments): it says when everything is there. */
  readonly known: number | undefined
  readonly demand: Demand
  /** Re-renders the group's rows. */
  readonly fire: () => void
}

/**
 * A group's companies (GET /companies?segment_id= or ?tag_id=): the first `limit` replace its rows,
 * then the loader keeps its place in the listing and waits for "Load more" (`demand`) before it
 * reads the next ones.
 */
export const groupCompanies = (
  kind: "segment" | "tag",
  groupId: string,
  flight: Flight,
  { group, known, demand, fire }: GroupLoadTarget
): Effect.Effect<void, unknown, IntercomClientServices> =>
  Effect.scoped(Effect.gen(function*() {
    const companies = yield* Companies
    const stream = kind === "segment" ? companies.bySegment(groupId) : companies.byTag(groupId)
    const pull = yield* Stream.toPull(stream as ReturnType<CompaniesShape["byTag"]>)
    const next = pull.pipe(Pull.catchDone(() => Effect.succeed(undefined)))
    const fresh = new CompanyList()
    let done = false
    const fill = (list: CompanyList, target: number) =>
      Effect.gen(function*() {
        while (list.size < target && !done) {
          const chunk = yield* next
          if (chunk === undefined) done = true
          else list.append(chunk.map(toCompanyRow))
        }
        // A segment's count says when everything is there, without asking for an empty page.
        if (known !== undefined && list.size >= known) done = true
      })
    yield* fill(fresh, group.limit)
    yield* Effect.sync(() => {
      if (!flight.isCurrent()) return
      group.busy = false
      group.replace(fresh, done)
      fire()
    })
    while (!done) {
      yield* Effect.promise(() => demand.wait())
      yield* Effect.sync(() => {
        group.busy = true
        fire()
      })
      yield* fill(group.rows, group.limit)
      yield* Effect.sync(() => {
        if (!flight.isCurrent()) return
        group.busy = false
        group.append([], done)
        fire()
      })
    }
  }))
