// The replica's worker thread (dist/replicaWorker.js, built for the test) with no VS Code: it syncs
// a real SQLite file from the simulator over HTTP with a client of its own and answers the trees'
// reads of it; failures come back as sentences (a query the parser refuses, a 401 that must sign
// the session out), never with a stack or the token; a worker that dies fails what waited on it
// and the next read starts a new one; a stopped sync leaves the replica as it was.
import { Companies, IntercomClient, UpdateCompanyRequest } from "@intercom-explorer/core"
import { reasonOf } from "@intercom-explorer/core/connection"
import { type Simulator, startSimulator } from "@intercom-explorer/simulator"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import type { Worker } from "node:worker_threads"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { openReplicaReader, queryProblem, releaseDeadSyncLock, syncReplicaFile } from "../../src/replica/replicaAccess.ts"
import type { SyncEnd } from "../../src/replica/replicaMessages.ts"
import { ReplicaThread } from "../../src/replica/ReplicaThread.ts"
import type { SyncProgressInfo } from "../../src/tree/model/ReplicaReader.ts"
import { buildReplicaWorker } from "./replicaWorkerBuild.ts"

const COMPANIES = 400
const TOKEN = "worker-test-token-3f9a"

describe("the replica's worker thread", () => {
  let sim: Simulator
  let worker: Awaited<ReturnType<typeof buildReplicaWorker>>
  let dir: string
  let file: string
  let reads: ReplicaThread
  const connection = () => ({ token: TOKEN, baseUrl: sim.url, allowInsecureHttp: false, timeoutSeconds: 30 })
  const all = () => sim.state.companies.ids().map((id) => sim.state.companies.get(id)!)

  beforeAll(async () => {
    worker = await buildReplicaWorker()
    // Scrolls left open by the stopped syncs below expire in 2 s, not Intercom's minute.
    sim = await startSimulator({ companies: COMPANIES, seed: 5, rateLimit: 100_000, token: TOKEN, scrollTtlMs: 2_000 })
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "intercom-replica-worker-test-"))
    file = path.join(dir, "replicas", "sim.sqlite")
    reads = new ReplicaThread(worker.file)
  }, 60_000)

  afterAll(async () => {
    await reads.terminate()
    await sim.close()
    fs.rmSync(dir, { recursive: true, force: true })
    worker.remove()
  })

  it("before a sync there is no replica", async () => {
    expect(await reads.read(file, { op: "open" })).toEqual({ missing: true })
  })

  it("syncs every company of the simulator on a thread of its own, with progress messages, then ends", async () => {
    const syncThread = new ReplicaThread(worker.file)
    const progress: Array<SyncProgressInfo> = []
    const end = await syncThread.sync(file, connection(), (p) => progress.push(p)).done
    expect(end).toEqual({ _tag: "ok", companies: COMPANIES })
    expect(progress.some((p) => p.phase === "scrolling" && p.companies > 0)).toBe(true)
    expect(progress.at(-1)?.companies).toBe(COMPANIES)
    await syncThread.terminate()
    expect(syncThread.running).toBe(false)
  })

  it("answers the trees' reads of the file against the simulator's own state", async () => {
    expect(await reads.read(file, { op: "open" })).toEqual({ missing: false })
    expect(await reads.read(file, { op: "count", query: "" })).toBe(COMPANIES)
    const pro = all().filter((c) => c.plan?.name === "Pro")
    expect(await reads.read(file, { op: "count", query: "plan:Pro" })).toBe(pro.length)
    const page = await reads.read(file, { op: "page", query: "plan:Pro sort:-spend", limit: 10, offset: 0 })
    expect(page.map((r) => r.id)).toEqual(
      [...pro].sort((a, b) => (b.monthly_spend ?? -Infinity) - (a.monthly_spend ?? -Infinity) || (a.id < b.id ? -1 : 1)).slice(0, 10).map((c) => c.id)
    )
    expect(page[0]).toMatchObject({ id: pro.find((c) => c.id === page[0]!.id)!.id, plan: "Pro" })
    const byPlan = new Map<string | null, number>()
    for (const c of all()) byPlan.set(c.plan?.name ?? null, (byPlan.get(c.plan?.name ?? null) ?? 0) + 1)
    const groups = await reads.read(file, { op: "groupCounts", query: "", by: "plan" })
    expect(new Map(groups.map((g) => [g.key, g.count]))).toEqual(byPlan)
    const tags = await reads.read(file, { op: "tags" })
    expect(new Set(tags.map((t) => t.name))).toEqual(new Set(sim.state.tags().map((t) => t.name)))
    expect((await reads.read(file, { op: "segments" })).length).toBeGreaterThan(0)
    const synced = await reads.read(file, { op: "lastSynced" })
    expect(synced?.companies).toBe(COMPANIES)
    expect(Math.abs(synced!.at - Date.now())).toBeLessThan(10 * 60_000)
    expect(await reads.read(file, { op: "stale" })).toBeUndefined()
  })

  it("a query the parser refuses comes back as the parser's sentence, without a stack", async () => {
    const refused = await reads.read(file, { op: "count", query: "colour:red" }).then(() => undefined, (error: Error) => error)
    expect(refused?.message).toBe(queryProblem("colour:red"))
    expect(refused?.message).not.toMatch(/\n\s+at /)
    // The thread answers the next read as usual.
    expect(await reads.read(file, { op: "count", query: "" })).toBe(COMPANIES)
  })

  it("answers in the order asked", async () => {
    const asked = ["", "plan:Pro", "colour:red", "spend>1000", ""].map((query) =>
      reads.read(file, { op: "count", query }).then((n) => n, () => "refused" as const))
    const expected = [COMPANIES, all().filter((c) => c.plan?.name === "Pro").length, "refused", all().filter((c) => (c.monthly_spend ?? 0) > 1000).length, COMPANIES]
    expect(await Promise.all(asked)).toEqual(expected)
  })

  it("the write-through of an edit runs on the host's own connection, and the worker's next read sees it (WAL)", async () => {
    const reader = (await openReplicaReader(reads, file))!
    const id = sim.state.companies.ids()[0]!
    const client = IntercomClient.layer({ token: TOKEN, baseUrl: sim.url })
    const renamed = "Renamed Through The Host"
    expect(await reader.count(`name:"${renamed}"`)).toBe(0)
    await Effect.runPromise(reader.writeThrough(Companies.use((c) => c.update(id, UpdateCompanyRequest.make({ name: renamed })))).pipe(Effect.provide(client)))
    expect(sim.state.companies.get(id)?.name).toBe(renamed)
    expect(await reader.count(`name:"${renamed}"`)).toBe(1)
    expect(await reader.stale()).toBeUndefined()
    reader.close()
  })

  it("a thread that dies fails the reads waiting on it with a sentence (no hang), and the next read starts a new one", async () => {
    // As if it crashed: the thread ends from outside, with a read waiting on it.
    const dying = (reads as unknown as { worker: Worker }).worker.terminate()
    const waiting = reads.read(file, { op: "groupCounts", query: "", by: "tag" }).then(() => undefined, (error: Error) => error)
    await dying
    expect((await waiting)?.message).toMatch(/^the replica's worker thread stopped unexpectedly \(exit code \d+\)$/)
    expect(reads.running).toBe(false)
    expect(await reads.read(file, { op: "count", query: "" })).toBe(COMPANIES)
    expect(reads.running).toBe(true)
  })

  it("a worker file that cannot be loaded fails the read with the reason (no hang)", async () => {
    const broken = new ReplicaThread(path.join(dir, "no-such-worker.js"))
    const failed = await broken.read(file, { op: "open" }).then(() => undefined, (error: Error) => error)
    expect(failed?.message).toMatch(/^the replica's worker thread stopped unexpectedly \(exit code 1\): Cannot find module/)
    expect(failed?.message).not.toMatch(/\n/)
    await broken.terminate()
  })

  it("stop() ends the thread (sign-out, Delete Local Data); a later read starts another", async () => {
    const waiting = reads.read(file, { op: "count", query: "" }).then(() => undefined, (error: Error) => error)
    await reads.stop()
    expect((await waiting)?.message).toBe("the replica's worker thread was stopped")
    expect(reads.running).toBe(false)
    // Started ahead of its first read (while GET /me runs), or by the read itself.
    reads.warm()
    expect(reads.running).toBe(true)
    expect(await reads.read(file, { op: "count", query: "" })).toBe(COMPANIES)
  })

  it("a sync stopped halfway (a cancel message) ends as interrupted, and the replica stays as the last sync left it", async () => {
    const fault = sim.faults.inject("latency@p=1&delay=300")
    const syncThread = new ReplicaThread(worker.file)
    try {
      let scrolled = () => {}
      const started = new Promise<void>((resolve) => (scrolled = resolve))
      const running = syncThread.sync(file, connection(), (p) => {
        if (p.phase === "scrolling" && p.companies > 0) scrolled()
      })
      await started
      running.cancel()
      expect(await running.done).toEqual({ _tag: "interrupted" } satisfies SyncEnd)
    } finally {
      sim.faults.remove(fault)
      await syncThread.terminate()
    }
    expect(await reads.read(file, { op: "count", query: "" })).toBe(COMPANIES)
  })

  it("a sync thread that dies mid-sync ends the sync as failed (no hang); its lock, held by this live process, is released so that the next sync runs", async () => {
    const fault = sim.faults.inject("latency@p=1&delay=300")
    const syncThread = new ReplicaThread(worker.file)
    let end: SyncEnd
    try {
      let busy = () => {}
      const started = new Promise<void>((resolve) => (busy = resolve))
      const running = syncThread.sync(file, connection(), (p) => {
        if (p.phase === "scrolling" || p.phase === "waiting") busy()
      })
      await started
      // As if it crashed: the thread ends from outside, its sync's finalizers never run.
      await (syncThread as unknown as { worker: Worker }).worker.terminate()
      end = await running.done
    } finally {
      sim.faults.remove(fault)
    }
    expect(end).toMatchObject({ _tag: "failed", threadDied: true })
    expect(end._tag === "failed" && end.error.message).toMatch(/^the replica's worker thread stopped unexpectedly/)
    // The lock is left, held by this process, which is alive: a sync now is refused.
    const other = new ReplicaThread(worker.file)
    const refused = await other.sync(file, connection(), () => {}).done
    await other.terminate()
    expect(refused._tag === "failed" && refused.error.message).toContain(`process ${process.pid}`)
    releaseDeadSyncLock(file)
    expect(fs.existsSync(`${file}.sync-lock`)).toBe(false)
    // As the extension runs it (syncReplicaFile releases it itself when the thread died): the next sync runs.
    const exit = await Effect.runPromiseExit(syncReplicaFile(worker.file, file, connection(), () => {}))
    expect(Exit.isSuccess(exit) && exit.value.companies).toBe(COMPANIES)
    expect(await reads.read(file, { op: "count", query: "" })).toBe(COMPANIES)
  })

  it("a 401 in the worker's sync fails as Unauthorized for the session's runner (which signs out), and no message holds the token", async () => {
    const wrong = "wrong-token-7c1e"
    const thread = new ReplicaThread(worker.file)
    const end = await thread.sync(file, { ...connection(), token: wrong }, () => {}).done
    await thread.terminate()
    expect(end._tag).toBe("failed")
    if (end._tag !== "failed") return
    expect(end.error.intercomReason).toBe("Unauthorized")
    expect(end.error.message).toBe("Intercom rejected the access token (401) — sign in again")
    expect(JSON.stringify(end)).not.toContain(wrong)
    // As the session runs it: the effect fails with an error whose reason the runner reads.
    const exit = await Effect.runPromiseExit(syncReplicaFile(worker.file, file, { ...connection(), token: wrong }, () => {}))
    expect(Exit.isFailure(exit)).toBe(true)
    const failure = Exit.isFailure(exit) ? exit.cause.reasons.find((r) => r._tag === "Fail") : undefined
    const error = failure?._tag === "Fail" ? failure.error : undefined
    expect(reasonOf(error)).toBe("Unauthorized")
    expect(String((error as Error).message)).not.toContain(wrong)
    expect(await reads.read(file, { op: "count", query: "" })).toBe(COMPANIES)
  })

  it("interrupting the sync effect (Stop Sync, sign-out) interrupts the worker's sync and ends its thread", async () => {
    const fault = sim.faults.inject("latency@p=1&delay=300")
    try {
      let scrolled = () => {}
      const started = new Promise<void>((resolve) => (scrolled = resolve))
      const fiber = Effect.runFork(syncReplicaFile(worker.file, file, connection(), (p) => {
        // Scrolling, or waiting for the scroll the stopped sync above left open (Intercom's one per app).
        if (p.phase === "scrolling" || p.phase === "waiting") scrolled()
      }))
      await started
      await Effect.runPromise(Fiber.interrupt(fiber))
      const exit = await Effect.runPromise(Fiber.await(fiber))
      expect(Exit.isFailure(exit) && exit.cause.reasons.every((r) => r._tag === "Interrupt")).toBe(true)
    } finally {
      sim.faults.remove(fault)
    }
    expect(await reads.read(file, { op: "count", query: "" })).toBe(COMPANIES)
  })
})
