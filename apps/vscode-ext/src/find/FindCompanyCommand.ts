import { Companies } from "@intercom-explorer/core"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as vscode from "vscode"
import type { ClientSession } from "../client/ClientSession"
import type { Log } from "../logging/Log"
import { type CompanyRow, toCompanyRow } from "../tree/model/CompanyRow"
import { type FindItem, findItems, lookupQuery, replicaItems } from "./findItems"

/** What "Find Company..." needs from the rest of the extension. */
export interface FindCompanyDeps {
  /** Whether there is a client, its runner, and when it is replaced (signed out, on a 401 too). */
  readonly session: Pick<ClientSession, "current" | "run" | "onDidChange">
  /** Selects and shows the company in the Companies tree (loading the page it is on if needed). */
  readonly revealCompany: (companyId: string) => Promise<unknown> | unknown
  /** Companies the Companies tree has loaded so far, offered before any lookup answers. */
  readonly loadedCompanies?: () => ReadonlyArray<CompanyRow>
  /** The whole replica's matches, as the user types (undefined: no replica, look the text up in Intercom). */
  readonly searchCompanies?: (text: string) => Promise<ReadonlyArray<CompanyRow>> | undefined
  readonly log: Log
}

/** Long enough that typing a name does not send a lookup per key, short enough to feel live. */
const LOOKUP_DEBOUNCE_MS = 250

type Item = vscode.QuickPickItem & FindItem

/**
 * Exact lookups by company_id and by name, in parallel; a miss (404) or a failure is just no row,
 * except a rejected token (401), which fails the lookup so that the runner signs the session out.
 */
const lookup = (query: string, log: Log) =>
  Effect.gen(function*() {
    const companies = yield* Companies
    const found = yield* Effect.all(
      [companies.retrieveByCompanyId(query), companies.retrieveByName(query)].map((request) =>
        request.pipe(
          Effect.map(Option.some),
          Effect.catchIf((error) => error.reason._tag !== "Unauthorized", (error) =>
            Effect.sync(() => {
              if (error.reason._tag !== "NotFound") log.warn(`Find Company: lookup of "${query}" failed:`, error.message)
              return Option.none()
            }))
        )
      ),
      { concurrency: 2 }
    )
    return found.flatMap((o) => (Option.isSome(o) ? [toCompanyRow(o.value)] : []))
  })

/**
 * "Intercom: Find Company...": a QuickPick that searches as you type. Companies already loaded in
 * the tree are offered at once; after a short pause the typed text is also looked up exactly, as a
 * company_id and as a name, since the API has no prefix search. Picking a company reveals it in
 * the Companies tree. Resolves with the picked company's id (undefined when dismissed).
 */
export const findCompany = (deps: FindCompanyDeps): Promise<string | undefined> => {
  if (deps.session.current() === undefined) {
    void vscode.window.showWarningMessage("Sign in to Intercom or open the demo workspace to find a company.")
    return Promise.resolve(undefined)
  }
  const loaded = deps.loadedCompanies?.() ?? []
  // Up to 25,000 rows: built once per pick, reused whenever no exact match goes in front of them.
  const loadedItems = findItems([], loaded)
  const itemsWith = (exact: ReadonlyArray<CompanyRow>) => (exact.length === 0 ? loadedItems : findItems(exact, loaded))
  const pick = vscode.window.createQuickPick<Item>()
  pick.title = "Find Company"
  pick.placeholder = "Type a company name or company_id"
  pick.matchOnDescription = true
  pick.matchOnDetail = false
  pick.items = loadedItems

  let timer: ReturnType<typeof setTimeout> | undefined
  let inFlight: AbortController | undefined
  let generation = 0

  const search = (value: string) => {
    clearTimeout(timer)
    inFlight?.abort()
    const current = ++generation
    // The replica holds every company: it answers in milliseconds (its thread), no lookup needed.
    const local = value.trim() === "" ? undefined : deps.searchCompanies?.(value)
    if (local !== undefined) {
      pick.busy = true
      local.then(
        (rows) => {
          // Only the answer to the latest text counts.
          if (current !== generation) return
          pick.items = replicaItems(rows)
          pick.busy = false
        },
        (error: unknown) => {
          if (current !== generation) return
          deps.log.warn("Find Company: the replica's search failed:", error)
          pick.busy = false
        }
      )
      return
    }
    const query = lookupQuery(value)
    if (query === undefined) {
      pick.busy = false
      pick.items = loadedItems
      return
    }
    pick.busy = true
    timer = setTimeout(() => {
      const abort = new AbortController()
      inFlight = abort
      deps.session.run(lookup(query, deps.log), { signal: abort.signal }).then(
        (exact) => {
          // Only the answer to the latest text counts; an older one may arrive after it.
          if (current !== generation) return
          pick.items = itemsWith(exact)
          pick.busy = false
        },
        (error: unknown) => {
          if (current !== generation) return
          if (!abort.signal.aborted) deps.log.warn("Find Company: lookup failed:", error)
          pick.busy = false
        }
      )
    }, LOOKUP_DEBOUNCE_MS)
  }

  return new Promise<string | undefined>((resolve) => {
    let result: string | undefined
    const subscriptions = [
      pick.onDidChangeValue(search),
      // Signed out (a 401 included) or another workspace: these companies are no longer there.
      deps.session.onDidChange(() => pick.hide()),
      pick.onDidAccept(() => {
        const [item] = pick.activeItems.length > 0 ? pick.activeItems : pick.selectedItems
        if (item === undefined) return
        result = item.companyId
        pick.hide()
      }),
      pick.onDidHide(() => {
        clearTimeout(timer)
        inFlight?.abort()
        for (const s of subscriptions) s.dispose()
        pick.dispose()
        if (result === undefined) return resolve(undefined)
        deps.log.info(`Find Company: revealing ${result}.`)
        Promise.resolve(deps.revealCompany(result)).then(() => resolve(result), (error: unknown) => {
          deps.log.error(`Find Company: could not reveal ${result}:`, error)
          void vscode.window.showErrorMessage(`Intercom: could not show the company in the tree.`)
          resolve(result)
        })
      })
    ]
    pick.show()
  })
}
