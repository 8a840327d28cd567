// The replica models against a real SQLite file, synced from the simulator over HTTP, read and
// synced on the replica's worker thread (dist/replicaWorker.js, built for the test): the workspace
// model (open, sync, progress, cancel, staleness) and the Companies view's lists (filter, groups,
// saved queries, paging, counts), with expected values computed from the simulator's own state.
import { describeError } from "@intercom-explorer/core/connection"
import { type Simulator, startSimulator } from "@intercom-explorer/simulator"
import * as Effect from "effect/Effect"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { outcomeOf } from "../../src/client/clientRuntime.ts"
import { openReplicaReader, queryProblem, syncReplicaFile } from "../../src/replica/replicaAccess.ts"
import { ReplicaThread } from "../../src/replica/ReplicaThread.ts"
import { ALL_LIST, groupListId, ReplicaCompaniesModel, REPLICA_PAGE_SIZE } from "../../src/tree/model/ReplicaCompaniesModel.ts"
import { ago, ReplicaModel, type StartSync, toSyncResult } from "../../src/tree/model/ReplicaModel.ts"
import type { OpenReplica, SyncProgressInfo } from "../../src/tree/model/ReplicaReader.ts"
import { buildReplicaWorker } from "./replicaWorkerBuild.ts"

const COMPANIES = 450

/** The sync on its worker thread with a client of the simulator, as the extension runs it on the session. */
const startSyncOn = (workerFile: string, sim: Simulator): StartSync => (file, onProgress) => {
  const connection = { token: sim.token, baseUrl: sim.url, allowInsecureHttp: false, timeoutSeconds: 30 }
  const fiber = Effect.runFork(syncReplicaFile(workerFile, file, connection, onProgress))
  return {
    done: new Promise((resolve) => fiber.addObserver((exit) => resolve(toSyncResult(outcomeOf(exit), (e) => describeError(e))))),
    cancel: () => void fiber.interruptUnsafe()
  }
}

/** Asks until no read is running: what the tree would show once the answers are in. */
const settle = async <A>(view: ReplicaCompaniesModel, ask: () => A): Promise<A> => {
  for (;;) {
    const answer = ask()
    if (!view.busy) return answer
    await view.settled()
  }
}

describe("ReplicaModel and ReplicaCompaniesModel on a real replica", () => {
  let sim: Simulator
  let dir: string
  let file: string
  let model: ReplicaModel
  let worker: Awaited<ReturnType<typeof buildReplicaWorker>>
  let thread: ReplicaThread
  let open: OpenReplica

  beforeAll(async () => {
    worker = await buildReplicaWorker()
    thread = new ReplicaThread(worker.file)
    open = (f) => openReplicaReader(thread, f)
    sim = await startSimulator({ companies: COMPANIES, seed: 11, rateLimit: 100_000, token: "unit-replica-token" })
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "intercom-replica-model-"))
    file = path.join(dir, "replicas", "sim.sqlite")
    model = new ReplicaModel(open, startSyncOn(worker.file, sim))
  }, 60_000)

  afterAll(async () => {
    model.close()
    await thread.terminate()
    await sim.close()
    fs.rmSync(dir, { recursive: true, force: true })
    worker.remove()
  })

  it("has no replica before the first sync, and says so", async () => {
    await model.attach(file)
    expect(model.reader).toBeUndefined()
    expect(model.syncDescription(Date.now())).toBe("not synced yet")
    expect(model.isStale(60, Date.now())).toBe(true)
  })

  it("syncs every company of the simulator, with progress, then reads them", async () => {
    const progress: Array<SyncProgressInfo> = []
    let changes = 0
    const off = model.onDidChange(() => {
      changes += 1
      if (model.progress !== undefined) progress.push(model.progress)
    })
    const syncing = model.sync()
    expect(model.syncing).toBe(true)
    expect(model.sync()).toBe(syncing) // one sync at a time: the second call joins the first
    const result = await syncing
    off()
    expect(result).toEqual({ _tag: "done", companies: COMPANIES })
    expect(progress.some((p) => p.phase === "scrolling" && p.companies > 0)).toBe(true)
    expect(changes).toBeGreaterThan(2)
    expect(model.syncing).toBe(false)
    expect(await model.reader?.count("")).toBe(COMPANIES)
    expect(model.lastSynced?.companies).toBe(COMPANIES)
    expect(model.syncDescription(model.lastSynced!.at + 3 * 60_000 + 5)).toBe("synced 3 min ago")
    expect(model.isStale(60, Date.now())).toBe(false)
    expect(model.isStale(60, Date.now() + 61 * 60_000)).toBe(true)
  })

  it("a second model on the same file opens the last sync without syncing (instant start)", async () => {
    const other = new ReplicaModel(open, () => {
      throw new Error("must not sync")
    })
    await other.attach(file)
    expect(await other.reader?.count("")).toBe(COMPANIES)
    other.close()
  })

  it("a sync by another process (a window, the CLI) is taken in on the next check of the disk", async () => {
    const other = new ReplicaModel(open, startSyncOn(worker.file, sim))
    await other.attach(file)
    const before = model.generation
    const seen = model.lastSynced!.at
    await new Promise((resolve) => setTimeout(resolve, 1_100)) // syncs are stamped in seconds
    expect(await other.sync()).toMatchObject({ _tag: "done" })
    other.close()
    await model.checkDisk()
    expect(model.lastSynced!.at).toBeGreaterThan(seen)
    expect(model.generation).toBe(before + 1)
    await model.checkDisk()
    expect(model.generation).toBe(before + 1) // nothing new: nothing to read again
  })

  it("a cancelled sync leaves the replica as it was", async () => {
    const before = await model.reader!.count("")
    const generation = model.generation
    const syncing = model.sync()
    model.cancelSync()
    expect(await syncing).toEqual({ _tag: "interrupted" })
    expect(model.generation).toBe(generation)
    expect(await model.reader!.count("")).toBe(before)
  })

  it("syncEnded resolves once a sync stopped by close() has ended, and at once with none running", async () => {
    await model.syncEnded()
    const syncing = model.sync()
    let ended = false
    const waiting = model.syncEnded().then(() => (ended = true))
    expect(ended).toBe(false)
    model.close()
    await waiting
    expect(await syncing).toEqual({ _tag: "interrupted" })
    expect(ended).toBe(true)
    await model.attach(file) // the tests below read the file again
    expect(await model.reader!.count("")).toBe(COMPANIES)
  })

  it("the view's lists: every company in pages, with Load more, never more rows than shown", async () => {
    const view = new ReplicaCompaniesModel(() => model.reader)
    const root = await settle(view, () => view.rootEntries())
    const companies = root.filter((e) => e.kind === "company")
    expect(companies).toHaveLength(REPLICA_PAGE_SIZE)
    expect(root.at(-1)).toEqual({ kind: "more", listId: ALL_LIST, shown: REPLICA_PAGE_SIZE, total: COMPANIES })
    expect(view.description()).toBe(`${COMPANIES} companies`)
    // Sorted by name (the default), as the simulator's companies are when sorted alike.
    const names = companies.map((e) => (e.kind === "company" ? e.row.name ?? "" : ""))
    expect(names).toEqual([...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()) || 0))
    view.loadMore(ALL_LIST)
    // The page shown stays until the longer one is read.
    expect(view.rootEntries().filter((e) => e.kind === "company")).toHaveLength(REPLICA_PAGE_SIZE)
    expect((await settle(view, () => view.rootEntries())).filter((e) => e.kind === "company")).toHaveLength(2 * REPLICA_PAGE_SIZE)
    expect(view.rows.size).toBe(2 * REPLICA_PAGE_SIZE)
  })

  it("a filter narrows the list and the description counts it", async () => {
    const view = new ReplicaCompaniesModel(() => model.reader)
    const all = sim.state.companies.ids().map((id) => sim.state.companies.get(id)!)
    const pro = all.filter((c) => c.plan?.name?.toLowerCase() === "pro")
    expect(pro.length).toBeGreaterThan(0)
    view.filter = "plan:Pro"
    const ids = (await settle(view, () => view.rootEntries())).flatMap((e) => (e.kind === "company" ? [e.row.id] : []))
    expect(pro.length).toBeLessThan(REPLICA_PAGE_SIZE)
    expect(new Set(ids)).toEqual(new Set(pro.map((c) => c.id)))
    expect(await settle(view, () => view.description())).toBe(`${pro.length} of ${COMPANIES} · plan:Pro`)
  })

  it("a filter the parser refuses shows its message, as the input box does while typing (the worker's answer)", async () => {
    const view = new ReplicaCompaniesModel(() => model.reader)
    view.filter = "colour:red"
    expect(queryProblem("colour:red")).toBe(`unknown field "colour" in "colour:red" at column 1`)
    expect(await settle(view, () => view.rootEntries())).toEqual([{ kind: "problem", listId: ALL_LIST, message: queryProblem("colour:red") }])
    expect(queryProblem("plan:Pro spend>1000")).toBeUndefined()
  })

  it("group by plan: one node per plan with its count, and each expands to its companies", async () => {
    const view = new ReplicaCompaniesModel(() => model.reader)
    view.groupBy = "plan"
    const all = sim.state.companies.ids().map((id) => sim.state.companies.get(id)!)
    const expected = new Map<string | null, number>()
    for (const c of all) expected.set(c.plan?.name ?? null, (expected.get(c.plan?.name ?? null) ?? 0) + 1)
    const groups = (await settle(view, () => view.rootEntries())).filter((e) => e.kind === "list" && e.role === "group")
    expect(new Map(groups.map((g) => [g.kind === "list" && g.label.startsWith("(no") ? null : g.kind === "list" ? g.label : "", g.kind === "list" ? g.count : 0])))
      .toEqual(expected)
    const [name] = [...expected.keys()].filter((k) => k !== null)
    const children = await settle(view, () => view.children(groupListId("plan", name!)))
    const ids = children.flatMap((e) => (e.kind === "company" ? [e.row.id] : []))
    expect(ids.length).toBe(Math.min(REPLICA_PAGE_SIZE, expected.get(name!)!))
    expect(ids.every((id) => sim.state.companies.get(id)?.plan?.name === name)).toBe(true)
  })

  it("group by tag, with sort by spend inside each group", async () => {
    const view = new ReplicaCompaniesModel(() => model.reader)
    view.groupBy = "tag"
    view.sort = "-spend"
    const groups = (await settle(view, () => view.rootEntries())).filter((e) => e.kind === "list")
    expect(groups.length).toBeGreaterThan(1)
    const first = groups.find((g) => g.kind === "list" && !g.label.startsWith("(no"))!
    const rows = (await settle(view, () => view.children(first.listId))).flatMap((e) => (e.kind === "company" ? [e.row] : []))
    const spends = rows.map((r) => r.monthlySpend ?? -1)
    expect(spends).toEqual([...spends].sort((a, b) => b - a))
    expect(rows.every((r) => r.tags.some((t) => first.kind === "list" && t.name === first.label))).toBe(true)
  })

  it("saved queries are nodes with their counts; a broken one says why", async () => {
    const view = new ReplicaCompaniesModel(() => model.reader)
    view.queries = [{ label: "Big spenders", query: "spend>1000" }, { label: "Broken", query: "spend>lots" }]
    const all = sim.state.companies.ids().map((id) => sim.state.companies.get(id)!)
    const [big, broken] = await settle(view, () => view.rootEntries())
    expect(big).toMatchObject({ kind: "list", role: "query", label: "Big spenders", count: all.filter((c) => (c.monthly_spend ?? 0) > 1000).length })
    expect(broken).toMatchObject({ kind: "list", label: "Broken", count: undefined, problem: `"lots" is not a number in "spend>lots" at column 1` })
  })

  it("ago() says how long ago in words", () => {
    expect(ago(0, 30_000)).toBe("just now")
    expect(ago(0, 3 * 60_000)).toBe("3 min ago")
    expect(ago(0, 5 * 3_600_000)).toBe("5 h ago")
    expect(ago(0, 72 * 3_600_000)).toBe("3 days ago")
  })
})
