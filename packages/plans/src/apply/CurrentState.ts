import { type Company, Companies, COMPANY_LIST_CAP, type IntercomError } from "@intercom-explorer/core"
import { Effect, Schedule, Stream } from "effect"
import type { Operation } from "../PlanFile.js"

// The companies' current state, read just before each is written. One GET per company is the
// fallback. When the whole workspace costs fewer requests than the companies left to read, it is
// read instead and kept as a snapshot, read again once it is older than a minute (a long apply
// should not compare against an old picture): through the scroll (100 companies a page, every
// company), or, while another scroll of the app holds its lock, through POST /companies/list (at
// most 10,000, 150 a page, and it leaves out companies without users: those are read one by one).
// The first list page (one request) tells the workspace's size.

/** The most POST /companies/list returns per page. */
const LIST_PAGE_SIZE = 150
/** Companies per GET /companies/scroll page (Intercom's documented 100; no per_page), for the estimate. */
const SCROLL_PAGE_SIZE = 100
/** A snapshot older than this is read again (when that is still cheaper than GETs). */
const SNAPSHOT_MAX_AGE_MS = 60_000

export interface CurrentState {
  /** The company `op` is about to write, as it is now; undefined when there is no such company. */
  readonly read: (op: Operation, remaining: number) => Effect.Effect<Company | undefined, IntercomError>
  /** Requests made so far (for the progress rate). */
  readonly requests: () => number
}

const orMissing = <E extends IntercomError>(effect: Effect.Effect<Company, E>) =>
  effect.pipe(
    Effect.map((company): Company | undefined => company),
    Effect.catchIf((error) => error.reason._tag === "NotFound", () => Effect.succeed(undefined))
  )

/** Reads current state for the apply; `remaining` (companies still to read by id) decides listing vs GETs. */
export const makeCurrentState = Effect.fnUntraced(function*() {
  const companies = yield* Companies
  let requests = 0
  let snapshot: { readonly at: number; readonly byId: ReadonlyMap<string, Company> } | undefined
  // Once a snapshot is known to cost more than the reads left, stop trying; while the only cheap one
  // (the scroll) is held by another process, try again a snapshot's lifetime later.
  let listingWorthIt = true
  let nextTryAt = 0

  const listAll = (remaining: number) =>
    Effect.gen(function*() {
      requests++
      const first = yield* companies.listPage(1, LIST_PAGE_SIZE)
      const scrollPages = Math.ceil(first.totalCount / SCROLL_PAGE_SIZE) + 1
      if (scrollPages < remaining) {
        const scrolled = yield* scrollAll
        if (scrolled !== undefined) return scrolled
      }
      const pages = Math.ceil(Math.min(first.totalCount, COMPANY_LIST_CAP) / first.perPage)
      if (first.totalCount > COMPANY_LIST_CAP || pages >= remaining) {
        listingWorthIt = scrollPages < remaining
        nextTryAt = Date.now() + SNAPSHOT_MAX_AGE_MS
        return undefined
      }
      const byId = new Map<string, Company>(first.companies.map((c) => [c.id, c]))
      for (let page = 2; page <= pages; page++) {
        requests++
        const next = yield* companies.listPage(page, first.perPage)
        for (const company of next.companies) byId.set(company.id, company)
        if (!next.hasNextPage) break
      }
      return { at: Date.now(), byId }
    })

  /**
   * Every company through the scroll, or undefined when another scroll holds the app's lock (no
   * waiting: the listing or GETs do instead). A company that does not decode is left to its GET.
   */
  const scrollAll = Effect.suspend(() => {
    let pages = 0
    return Stream.runFold(
      companies.scroll({
        whenBusy: "fail",
        busyRetry: Schedule.recurs(0),
        onProgress: (progress) => {
          pages = progress.pages
        },
        onUndecodable: () => {}
      }),
      () => new Map<string, Company>(),
      (byId, company) => byId.set(company.id, company)
    ).pipe(
      Effect.map((byId) => ({ at: Date.now(), byId: byId as ReadonlyMap<string, Company> })),
      Effect.catchIf(
        (error) => ["ScrollExists", "ScrollBusy", "ScrollAborted"].includes(error.reason._tag),
        () => Effect.succeed(undefined)
      ),
      Effect.ensuring(Effect.sync(() => {
        requests += pages
      }))
    )
  })

  const byId = (id: string, remaining: number) =>
    Effect.gen(function*() {
      const stale = snapshot === undefined || Date.now() - snapshot.at > SNAPSHOT_MAX_AGE_MS
      // Two reads or fewer left: GETs cost at most as much as the first page alone.
      if (stale && listingWorthIt && remaining > 2 && Date.now() >= nextTryAt) {
        snapshot = (yield* listAll(remaining)) ?? snapshot
        if (snapshot !== undefined && Date.now() - snapshot.at > SNAPSHOT_MAX_AGE_MS) snapshot = undefined
      }
      const listed = snapshot?.byId.get(id)
      if (listed !== undefined) return listed
      requests++
      return yield* orMissing(companies.retrieve(id))
    })

  const read = (op: Operation, remaining: number): Effect.Effect<Company | undefined, IntercomError> => {
    if (op.id !== null) return byId(op.id, remaining)
    if (op.companyId !== null) {
      requests++
      return orMissing(companies.retrieveByCompanyId(op.companyId))
    }
    return Effect.succeed(undefined)
  }

  return { read, requests: () => requests } satisfies CurrentState
})
