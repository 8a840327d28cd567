// The Companies view's model with an asynchronous reader whose answers the test releases one by
// one, in any order: what the tree is shown follows the newest state (filter, page size, replica),
// never an answer to an older one that came late; the tree is told once answers are in; what was
// read before an edit stays shown until the new answer comes.
import { describe, expect, it } from "vitest"
import type { CompanyRow } from "../../src/tree/model/CompanyRow.ts"
import { ALL_LIST, ReplicaCompaniesModel, REPLICA_PAGE_SIZE } from "../../src/tree/model/ReplicaCompaniesModel.ts"
import type { ReplicaReader } from "../../src/tree/model/ReplicaReader.ts"

const row = (id: string, name = id): CompanyRow =>
  ({ id, companyId: undefined, name, plan: undefined, size: undefined, userCount: undefined, monthlySpend: undefined, tags: [], segments: [] }) as unknown as CompanyRow

interface Asked {
  readonly what: string
  readonly resolve: (value: unknown) => void
  readonly reject: (error: Error) => void
}

/** Until the answer's continuations ran and the tree was told (batched per turn). */
const turn = async () => {
  await new Promise((resolve) => setTimeout(resolve, 0))
  await new Promise((resolve) => setTimeout(resolve, 0))
}

/** A reader whose every read waits until the test answers it. */
const heldReader = () => {
  const asked: Array<Asked> = []
  const held = <A>(what: string) => new Promise<A>((resolve, reject) => asked.push({ what, resolve: resolve as (value: unknown) => void, reject }))
  const reader = {
    file: "held.sqlite",
    count: (query: string) => held<number>(`count ${query}`),
    page: (query: string, limit: number) => held<ReadonlyArray<CompanyRow>>(`page ${query} ${limit}`),
    groupCounts: (query: string, by: string) => held(`groups ${by} ${query}`),
    tags: () => held("tags"),
    segments: () => held("segments"),
    lastSynced: () => held("lastSynced"),
    stale: () => held("stale"),
    writeThrough: (effect: unknown) => effect,
    close: () => {}
  } as unknown as ReplicaReader
  /** Answers the read asked as `what` (the oldest such), then lets its continuation run. */
  const answer = async (what: string, value: unknown) => {
    const i = asked.findIndex((a) => a.what === what)
    if (i < 0) throw new Error(`"${what}" was not asked; asked: ${asked.map((a) => a.what).join(", ")}`)
    asked.splice(i, 1)[0]!.resolve(value)
    await turn()
  }
  const fail = async (what: string, message: string) => {
    const i = asked.findIndex((a) => a.what === what)
    asked.splice(i, 1)[0]!.reject(new Error(message))
    await turn()
  }
  return { reader, asked, answer, fail }
}

const companies = (entries: ReadonlyArray<{ readonly kind: string }>) =>
  entries.flatMap((e) => (e.kind === "company" ? [(e as unknown as { readonly row: CompanyRow }).row.id] : []))

describe("ReplicaCompaniesModel with asynchronous reads", () => {
  it("answers from what it read, starts what it lacks, and tells the tree once the answers are in", async () => {
    const { reader, answer, asked } = heldReader()
    const told: Array<string | undefined> = []
    const view = new ReplicaCompaniesModel(() => reader, (listId) => told.push(listId))
    expect(view.rootEntries()).toEqual([])
    expect(view.busy).toBe(true)
    expect(asked.map((a) => a.what)).toEqual(["count "])
    // Asked again before the answer: the same read is not started twice.
    view.rootEntries()
    expect(asked).toHaveLength(1)
    await answer("count ", 2)
    expect(told).toEqual([undefined])
    view.rootEntries()
    // The list's count is the one read: only its page is asked.
    expect(asked.map((a) => a.what)).toEqual(["page  2"])
    await answer("page  2", [row("a"), row("b")])
    expect(told).toEqual([undefined, ALL_LIST])
    expect(companies(view.rootEntries())).toEqual(["a", "b"])
    expect(view.busy).toBe(false)
    expect(view.description()).toBe("2 companies")
  })

  it("a filter typed on: the answer to the older filter, arriving last, is dropped", async () => {
    const { reader, answer, asked } = heldReader()
    const view = new ReplicaCompaniesModel(() => reader)
    view.filter = "acme"
    view.rootEntries()
    expect(asked.map((a) => a.what)).toEqual(["count acme"])
    // The user types on before the worker answered.
    view.filter = "acme rock"
    view.resetPaging()
    view.rootEntries()
    await answer("count acme rock", 1)
    view.rootEntries()
    await answer("page acme rock 1", [row("rock")])
    expect(companies(view.rootEntries())).toEqual(["rock"])
    expect(view.matched()).toBe(1)
    // The older filter's answer comes now: nothing of it is shown or kept.
    await answer("count acme", 40)
    expect(companies(view.rootEntries())).toEqual(["rock"])
    view.filter = "acme"
    view.resetPaging()
    expect(view.matched()).toBeUndefined()
    expect(asked.map((a) => a.what)).toContain("count acme")
  })

  it("Load more twice: the shorter page, answered last, never replaces the longer one", async () => {
    const { reader, answer } = heldReader()
    const view = new ReplicaCompaniesModel(() => reader)
    view.rootEntries()
    await answer("count ", 500)
    const rows = (n: number) => Array.from({ length: n }, (_, i) => row(`c${String(i).padStart(3, "0")}`))
    view.rootEntries()
    await answer(`page  ${REPLICA_PAGE_SIZE}`, rows(REPLICA_PAGE_SIZE))
    expect(companies(view.rootEntries())).toHaveLength(REPLICA_PAGE_SIZE)
    view.loadMore(ALL_LIST)
    view.rootEntries()
    view.loadMore(ALL_LIST)
    // Meanwhile the page read before stays shown.
    expect(companies(view.rootEntries())).toHaveLength(REPLICA_PAGE_SIZE)
    await answer(`page  ${3 * REPLICA_PAGE_SIZE}`, rows(3 * REPLICA_PAGE_SIZE))
    expect(companies(view.rootEntries())).toHaveLength(3 * REPLICA_PAGE_SIZE)
    await answer(`page  ${2 * REPLICA_PAGE_SIZE}`, rows(2 * REPLICA_PAGE_SIZE))
    expect(companies(view.rootEntries())).toHaveLength(3 * REPLICA_PAGE_SIZE)
  })

  it("after an edit, the rows read before stay shown until the new read answers, which then wins over the edit's answer", async () => {
    const { reader, answer } = heldReader()
    const view = new ReplicaCompaniesModel(() => reader)
    view.rootEntries()
    await answer("count ", 1)
    view.rootEntries()
    await answer("page  1", [row("a", "Old")])
    view.rootEntries()
    expect(view.replaceRow(row("a", "Edited"))).toBe(true)
    view.invalidate()
    const during = view.rootEntries()
    expect(during.map((e) => (e.kind === "company" ? e.row.name : e.kind))).toEqual(["Edited"])
    // The count of the view and the count of the list's page, both read again.
    await answer("count ", 1)
    await answer("count ", 1)
    await answer("page  1", [row("a", "Edited in the replica")])
    expect(view.rootEntries().map((e) => (e.kind === "company" ? e.row.name : e.kind))).toEqual(["Edited in the replica"])
  })

  it("a new replica (a sync swapped, another workspace): answers to reads of the one before are dropped", async () => {
    const first = heldReader()
    const second = heldReader()
    let current = first.reader
    const view = new ReplicaCompaniesModel(() => current)
    view.rootEntries()
    current = second.reader
    view.replicaChanged()
    view.rootEntries()
    await second.answer("count ", 3)
    await first.answer("count ", 99)
    expect(view.total()).toBe(3)
  })

  it("a read that fails (a worker that died) shows its message as a problem row, not a hang; the next read after a change tries again", async () => {
    const { reader, answer, fail, asked } = heldReader()
    const view = new ReplicaCompaniesModel(() => reader)
    view.rootEntries()
    await fail("count ", "the replica's worker thread stopped unexpectedly (exit code 1)")
    expect(view.rootEntries()).toEqual([{ kind: "problem", listId: ALL_LIST, message: "the replica's worker thread stopped unexpectedly (exit code 1)" }])
    expect(view.busy).toBe(false)
    view.invalidate()
    view.rootEntries()
    expect(asked.map((a) => a.what)).toEqual(["count "])
    await answer("count ", 0)
    view.rootEntries()
    await answer("page  0", [])
    expect(view.rootEntries()).toEqual([{ kind: "empty", listId: ALL_LIST }])
  })

  it("group by: the counts of the grouping asked last are the ones shown", async () => {
    const { reader, answer } = heldReader()
    const view = new ReplicaCompaniesModel(() => reader)
    view.groupBy = "plan"
    view.rootEntries()
    await answer("count ", 3)
    view.rootEntries()
    view.groupBy = "industry"
    view.resetPaging()
    view.rootEntries()
    await answer("count ", 3)
    view.rootEntries()
    await answer("groups industry ", [{ key: "Retail", count: 3 }])
    await answer("groups plan ", [{ key: "Pro", count: 3 }])
    expect(view.rootEntries().map((e) => (e.kind === "list" ? e.label : e.kind))).toEqual(["Retail"])
  })
})
