import { describe, expect, it } from "vitest"
import { CompaniesModel } from "../../src/tree/model/CompaniesModel.ts"
import type { CompanyRow } from "../../src/tree/model/CompanyRow.ts"
import { row as companyRow } from "./rows.ts"

const row = (id: string, extra: Partial<CompanyRow> = {}) => companyRow(id, { companyId: `c-${id}`, name: `Company ${id}`, ...extra })
const rows = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => row(String(from + i)))
const page = (n: number, list: Array<CompanyRow>, totalCount: number, hasNextPage: boolean) => ({ rows: list, page: n, totalCount, hasNextPage })
const failure = (offline: boolean) => ({ message: offline ? "Can't reach Intercom." : "Intercom had a server error.", offline, at: new Date(2026, 0, 1, 12, 3) })

describe("CompaniesModel", () => {
  it("shows nothing (the welcome) until the first page, then the rows, Load more and Load all", () => {
    const model = new CompaniesModel()
    model.phase = "loading"
    expect(model.entries()).toEqual([])
    expect(model.viewState()).toEqual({ loading: true, empty: false, offline: false })
    model.replaceWithPages([page(1, rows(1, 50), 3412, true)])
    const kinds = model.entries().map((e) => e.kind)
    expect(kinds.filter((k) => k === "company")).toHaveLength(50)
    expect(kinds.slice(-2)).toEqual(["loadMore", "loadAll"])
    // Intercom's list counts only the companies with users, and the view says so.
    expect(model.description()).toBe("50 of 3,412 with users")
  })

  it("appends pages without duplicating a company that moved between pages", () => {
    const model = new CompaniesModel()
    model.replaceWithPages([page(1, rows(1, 50), 120, true)])
    model.appendPage(page(2, rows(50, 99), 120, true))
    expect(model.rows.size).toBe(99)
    expect(model.pagesLoaded).toBe(2)
    expect(model.description()).toBe("99 of 120 with users")
  })

  it("with the workspace's total known (the demo), says how many there are in all", () => {
    const model = new CompaniesModel()
    model.replaceWithPages([page(1, rows(1, 50), 260, true)])
    model.allCount = 300
    expect(model.description()).toBe("50 of 260 with users · 300 in all")
    expect(model.withoutUsers()).toBe(40)
    // Every company has users: nothing to tell apart.
    model.allCount = 260
    expect(model.description()).toBe("50 of 260")
    expect(model.withoutUsers()).toBe(0)
  })

  it("Load all counts against the workspace's total when it is known, and learns it when complete", () => {
    const model = new CompaniesModel()
    model.replaceWithPages([page(1, rows(1, 2), 3, true)])
    model.allCount = 5
    model.busy = "all"
    model.beginAll()
    const seen = new Set<string>()
    model.appendScrolled(rows(1, 3), seen)
    expect(model.description()).toBe("loading 3 of 5…")
    expect(model.entries().at(-1)).toMatchObject({ kind: "loadingAll", loaded: 3, expected: 5 })
    model.stopAll()
    model.busy = undefined
    model.mode = "all"
    expect(model.description()).toBe("3 of 5")

    const fresh = new CompaniesModel()
    fresh.replaceWithPages([page(1, rows(1, 2), 3, true)])
    const all = new Set<string>()
    fresh.beginAll()
    fresh.appendScrolled(rows(1, 4), all)
    fresh.finishAll(all, true)
    expect(fresh.allCount).toBe(4)
    expect(fresh.description()).toBe("4")
  })

  it("is empty (the create welcome) when the first page has no companies", () => {
    const model = new CompaniesModel()
    model.replaceWithPages([page(1, [], 0, false)])
    expect(model.entries()).toEqual([])
    expect(model.viewState()).toEqual({ loading: false, empty: true, offline: false })
  })

  it("keeps the last good rows on a failure, with an error row first", () => {
    const model = new CompaniesModel()
    model.replaceWithPages([page(1, rows(1, 3), 3, false)])
    model.failed(failure(false))
    const entries = model.entries()
    expect(entries[0]?.kind).toBe("error")
    expect(entries.filter((e) => e.kind === "company")).toHaveLength(3)
    model.replaceWithPages([page(1, rows(1, 3), 3, false)])
    expect(model.error).toBeUndefined()
  })

  it("offline with nothing loaded: no error row, the offline welcome instead", () => {
    const model = new CompaniesModel()
    model.phase = "loading"
    model.failed(failure(true))
    expect(model.entries()).toEqual([])
    expect(model.viewState()).toEqual({ loading: false, empty: false, offline: true })
  })

  it("Load all appends scrolled batches, shows progress, and ends complete with the exact count", () => {
    const model = new CompaniesModel()
    model.replaceWithPages([page(1, rows(1, 2), 4, true)])
    model.busy = "all"
    model.beginAll()
    const seen = new Set<string>()
    expect(model.appendScrolled(rows(1, 3), seen)).toBe(true)
    expect(model.description()).toBe("loading 3 of ~4…")
    expect(model.entries().at(-1)).toMatchObject({ kind: "loadingAll", loaded: 3, expected: 4 })
    model.appendScrolled(rows(4, 5), seen)
    model.busy = undefined
    model.finishAll(seen, true)
    expect(model.rows.size).toBe(5)
    expect(model.complete).toBe(true)
    expect(model.description()).toBe("5")
    expect(model.entries().every((e) => e.kind === "company")).toBe(true)
  })

  it("a full reload drops the companies that are gone, unless it was stopped", () => {
    const model = new CompaniesModel()
    const seen = new Set<string>()
    model.beginAll()
    model.appendScrolled(rows(1, 5), seen)
    model.finishAll(seen, true)
    const again = new Set<string>()
    model.beginAll()
    model.appendScrolled([row("1"), row("2"), row("4")], again)
    model.finishAll(again, true)
    expect(model.rows.ids()).toEqual(["1", "2", "4"])
  })

  it("stops at the row cap: the rows that fit, and a row pointing to Find Company", () => {
    const model = new CompaniesModel(10)
    const seen = new Set<string>()
    model.beginAll()
    expect(model.appendScrolled(rows(1, 8), seen)).toBe(true)
    expect(model.appendScrolled(rows(9, 16), seen)).toBe(false)
    model.finishAll(seen, false)
    expect(model.rows.size).toBe(10)
    expect(model.capped).toBe(true)
    expect(model.entries().at(-1)).toEqual({ kind: "capped", shown: 10 })
  })

  it("keeps a revealed or created company first across page refreshes", () => {
    const model = new CompaniesModel()
    model.replaceWithPages([page(1, rows(1, 3), 3, false)])
    model.pin(row("99"))
    model.replaceWithPages([page(1, rows(1, 3), 3, false)])
    expect(model.rows.ids()).toEqual(["99", "1", "2", "3"])
    model.remove("99")
    model.replaceWithPages([page(1, rows(1, 3), 3, false)])
    expect(model.rows.ids()).toEqual(["1", "2", "3"])
  })

  it("hides Load more and Load all while a load runs", () => {
    const model = new CompaniesModel()
    model.replaceWithPages([page(1, rows(1, 2), 10, true)])
    model.busy = "more"
    expect(model.entries().map((e) => e.kind)).toEqual(["company", "company"])
  })
})
