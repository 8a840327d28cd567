// Bundled and run by bench/replicaEventLoop.mjs (plain node, no VS Code): how long the extension
// host's event loop is held up (perf_hooks.monitorEventLoopDelay: max and p99) while the replica
// syncs and while the view groups companies by tag, side by side in one run:
//
//   before  the replica on the host's thread, as the extension ran it until now: syncReplica and
//           Replica's reads through Effect on this thread (node:sqlite is synchronous)
//   after   what the extension runs now: the reads on the replica's worker thread (ReplicaThread +
//           openReplicaReader) and the sync on a thread of its own (syncReplicaFile)
//
// The simulator runs in a child process of the .mjs, so that its work is not counted here.
import { IntercomClient } from "@intercom-explorer/core"
import { Replica, syncReplica } from "@intercom-explorer/replica"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import fs from "node:fs"
import path from "node:path"
import { monitorEventLoopDelay, performance } from "node:perf_hooks"
import { openReplicaReader, syncReplicaFile } from "../src/replica/replicaAccess"
import { ReplicaThread } from "../src/replica/ReplicaThread"

export interface Delay {
  readonly maxMs: number
  readonly p99Ms: number
  readonly meanMs: number
  readonly wallMs: number
}

/** The event loop's delay while `work` runs (resolution 1 ms). */
const measured = async (work: () => Promise<unknown>): Promise<Delay> => {
  const histogram = monitorEventLoopDelay({ resolution: 1 })
  // A quiet moment first, so that what is measured is the work's.
  await new Promise((resolve) => setTimeout(resolve, 200))
  histogram.enable()
  const started = performance.now()
  await work()
  const wallMs = performance.now() - started
  // One more turn: a block that ends with the work is recorded.
  await new Promise((resolve) => setTimeout(resolve, 20))
  histogram.disable()
  return { maxMs: histogram.max / 1e6, p99Ms: histogram.percentile(99) / 1e6, meanMs: histogram.mean / 1e6, wallMs }
}

export interface BenchOptions {
  readonly url: string
  readonly token: string
  readonly workerFile: string
  readonly dir: string
  readonly rounds: number
  readonly reads: number
}

export const run = async (options: BenchOptions) => {
  const connection = { token: options.token, baseUrl: options.url, allowInsecureHttp: false, timeoutSeconds: 120 }
  const client = IntercomClient.layer({ token: options.token, baseUrl: options.url, timeout: Duration.seconds(120) })
  const onThread = path.join(options.dir, "on-thread.sqlite")
  const inWorker = path.join(options.dir, "in-worker.sqlite")
  const remove = () => {
    for (const file of [onThread, inWorker]) for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true })
  }
  const syncs: Array<{ readonly kind: "first" | "again"; readonly before: Delay; readonly after: Delay; readonly companies: number }> = []
  const syncPair = async (kind: "first" | "again") => {
    let companies = 0
    const before = await measured(async () => {
      const summary = await Effect.runPromise(
        syncReplica().pipe(Effect.provide(Layer.merge(Replica.layer({ file: onThread, create: true }), client)))
      )
      companies = summary.companies
    })
    const after = await measured(() => Effect.runPromise(syncReplicaFile(options.workerFile, inWorker, connection, () => {})))
    syncs.push({ kind, before, after, companies })
  }
  // Interleaved rounds: before, after, before, after... Each a first sync into a new file: the
  // whole replica rebuilt, its 18 indexes built in the swap (the worst case).
  for (let round = 0; round < options.rounds; round++) {
    remove()
    await syncPair("first")
  }
  // And a sync of an unchanged workspace into the replica it made: merged in place (the replica
  // package's StagingSwap), which builds no index.
  await syncPair("again")

  // Group by tag over the whole replica, as the view asks it (groupCounts("", "tag")), `reads` times.
  const groupBefore = await Effect.runPromise(Effect.scoped(Effect.gen(function*() {
    const replica = yield* Replica
    return yield* Effect.promise(() =>
      measured(async () => {
        for (let i = 0; i < options.reads; i++) {
          Effect.runSync(replica.groupCounts("", "tag"))
          // The view's next turn: one read per turn, as a tree refresh would ask.
          await new Promise((resolve) => setImmediate(resolve))
        }
      })
    )
  }).pipe(Effect.provide(Replica.layer({ file: onThread })))))
  const thread = new ReplicaThread(options.workerFile)
  const reader = (await openReplicaReader(thread, inWorker))!
  await reader.groupCounts("", "tag") // the worker started and the file opened, as after the first read
  const groupAfter = await measured(async () => {
    for (let i = 0; i < options.reads; i++) {
      await reader.groupCounts("", "tag")
      await new Promise((resolve) => setImmediate(resolve))
    }
  })
  const tags = (await reader.groupCounts("", "tag")).length
  reader.close()
  await thread.terminate()
  remove()
  return { syncs, groupBefore, groupAfter, tags }
}
