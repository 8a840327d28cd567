import type { Company } from "@intercom-explorer/models"
import { IntercomError, ScrollAborted } from "@intercom-explorer/http"
import { type Array as Arr, Effect, Option, Predicate, type Schedule, Stream } from "effect"
import { RequestExecutor } from "../requests/RequestExecutor.js"
import { ScrollLock, type WhenBusy } from "./ScrollLock.js"
import {
  classifyPageFailure,
  defaultMaxRestarts,
  defaultPrefetchPages,
  maxFailuresPerPage,
  scrollExistsRetry
} from "./ScrollPolicy.js"
import {
  decodeScrolledCompanies,
  decodeScrolledCompaniesEach,
  rawCompanyId,
  ScrollEnvelope,
  type UndecodableCompany
} from "./ScrollPage.js"
import type { ScrollProgress } from "./ScrollProgress.js"

export interface ScrollOptions {
  /** Another scroll of this app in this process: wait for it (default) or fail with `ScrollBusy`. */
  readonly whenBusy?: WhenBusy | undefined
  /** Passes started again before failing with `ScrollAborted` (default 5). */
  readonly maxRestarts?: number | undefined
  /** Pages fetched ahead of the consumer (default 4). */
  readonly prefetchPages?: number | undefined
  /** How to wait out `scroll_exists` (default `scrollExistsRetry`: every 5 s for 75 s). */
  readonly busyRetry?: Schedule.Schedule<unknown, IntercomError> | undefined
  readonly onProgress?: ((progress: ScrollProgress) => void) | undefined
  /**
   * A company that does not decode. Without this the scroll fails with `InvalidResponse`; with it,
   * that company is handed here (id, the decoder's account, the JSON as sent) and the scroll goes
   * on with the rest, so one odd company never sinks a 100,000-company export.
   */
  readonly onUndecodable?: ((company: UndecodableCompany) => void) | undefined
}

interface PassState {
  /** undefined: the next request opens a new scroll. */
  readonly param: string | undefined
  /** Why a page of this pass was lost; set means another pass must follow to recover it. */
  readonly lostPage: IntercomError | undefined
  readonly failuresOnPage: number
}

const freshPass: PassState = { param: undefined, lostPage: undefined, failuresOnPage: 0 }

/** Raw (not yet decoded) fresh companies of one page, and the next state. */
type Step = readonly [ReadonlyArray<unknown>, Option.Option<PassState>]

/**
 * Every company of the workspace exactly once, through `GET /companies/scroll`, as a scoped
 * resource: it holds the app's scroll permit while it runs and releases it when the stream ends,
 * fails or is interrupted. Expiry, a mid-scroll 500 or a lost page start a new pass; companies
 * already delivered are skipped by id, so restarts never repeat one.
 */
export const scrollCompanies = (
  options: ScrollOptions = {}
): Stream.Stream<Company, IntercomError, RequestExecutor | ScrollLock> =>
  Stream.unwrap(Effect.gen(function*() {
    const lock = yield* ScrollLock
    const executor = yield* RequestExecutor
    yield* lock.acquire(options.whenBusy ?? "wait")

    const maxRestarts = options.maxRestarts ?? defaultMaxRestarts
    const busyRetry = options.busyRetry ?? scrollExistsRetry
    // Per subscription, outside the passes: the memory of what was already delivered.
    const seen = new Set<string>()
    const progress = { pages: 0, companies: 0, restarts: 0, waits: 0, duplicatesSkipped: 0 }
    const report = (phase: ScrollProgress["phase"]) => options.onProgress?.({ ...progress, phase })

    const fetchPage = (param: string | undefined) =>
      executor.execute(
        {
          method: "GET",
          path: "/companies/scroll",
          query: { scroll_param: param },
          response: ScrollEnvelope
        },
        "scroll"
      )

    // Opening a scroll waits out `scroll_exists`; a page of a running scroll is never retried
    // here, since the server advanced its cursor whether or not we got the answer.
    const openOrContinue = (param: string | undefined) =>
      param !== undefined
        ? fetchPage(param)
        : fetchPage(undefined).pipe(
          Effect.tapError((error) =>
            Effect.sync(() => {
              if (error.reason._tag === "ScrollExists") {
                progress.waits += 1
                report("waiting")
              }
            })
          ),
          // Whatever schedule the caller gave, only `scroll_exists` is waited out here.
          Effect.retry({ schedule: busyRetry, while: (error) => error.reason._tag === "ScrollExists" })
        )

    const abort = (lastError: IntercomError) =>
      Effect.fail(
        new IntercomError({
          reason: new ScrollAborted({ restarts: progress.restarts, lastError }),
          method: "GET",
          path: "/companies/scroll"
        })
      )

    const startNextPass = (cause: IntercomError): Effect.Effect<Step, IntercomError> => {
      if (progress.restarts >= maxRestarts) return abort(cause)
      progress.restarts += 1
      report("restarting")
      return Effect.succeed([[], Option.some(freshPass)])
    }

    const deliver = (state: PassState, page: ScrollEnvelope): Effect.Effect<Step, IntercomError> => {
      progress.pages += 1
      if (page.data.length === 0) {
        // The end of this pass: done, unless a page went missing on the way.
        return state.lostPage === undefined ? Effect.succeed([[], Option.none()]) : startNextPass(state.lostPage)
      }
      const fresh: Array<unknown> = []
      for (const raw of page.data) {
        const id = rawCompanyId(raw)
        if (id === undefined) {
          fresh.push(raw)
          continue
        }
        // One hash lookup per company instead of has-then-add: a set that did not grow already had it.
        const before = seen.size
        seen.add(id)
        if (seen.size === before) progress.duplicatesSkipped += 1
        else fresh.push(raw)
      }
      progress.companies += fresh.length
      report("scrolling")
      return Effect.succeed([fresh, Option.some({ ...state, param: page.scroll_param ?? state.param, failuresOnPage: 0 })])
    }

    const recover = (state: PassState, error: IntercomError): Effect.Effect<Step, IntercomError> => {
      switch (classifyPageFailure(error)) {
        case "fatal":
          return Effect.fail(error)
        case "busy":
          // Only reached once busyRetry gave up waiting for the other holder.
          return abort(error)
        case "restart":
          return startNextPass(error)
        case "lost-page":
          // Without a scroll_param, the lost first page opened a scroll we cannot address: the
          // next pass meets `scroll_exists` until it idles out, and openOrContinue waits for that.
          if (state.param === undefined || state.failuresOnPage + 1 >= maxFailuresPerPage) return startNextPass(error)
          return Effect.succeed([[], Option.some({ ...state, lostPage: error, failuresOnPage: state.failuresOnPage + 1 })])
      }
    }

    const pages = Stream.paginate(freshPass, (state) =>
      openOrContinue(state.param).pipe(
        Effect.matchEffect({
          onSuccess: (page) => deliver(state, page),
          onFailure: (error) => recover(state, error)
        })
      ))

    return pages.pipe(
      Stream.bufferArray({ capacity: options.prefetchPages ?? defaultPrefetchPages }),
      // Decoding happens here, on the consumer's side of the buffer, overlapping the next request.
      (raw) => {
        const onUndecodable = options.onUndecodable
        return onUndecodable === undefined
          ? Stream.mapArrayEffect(raw, (page) =>
            decodeScrolledCompanies(page) as Effect.Effect<Arr.NonEmptyReadonlyArray<Company>, IntercomError>)
          : Stream.mapArrayEffect(raw, (page) =>
            decodeScrolledCompaniesEach(page, onUndecodable) as Effect.Effect<
              Arr.NonEmptyReadonlyArray<Company | undefined>
            >).pipe(Stream.filter(Predicate.isNotUndefined))
      },
      Stream.onEnd(Effect.sync(() => report("done")))
    )
  }))
