import { Effect, Schedule } from "effect"
import { Replica } from "../../src/Replica.js"
import { syncReplica, type SyncProgress } from "../../src/ReplicaSync.js"
import { TOKEN } from "./Simulator.js"

/** Syncs `file` with the client in context (short waits, so a held scroll costs seconds, not a minute). */
export const syncInto = (file: string, onProgress?: (p: SyncProgress) => void) =>
  syncReplica({
    onProgress,
    scroll: { prefetchPages: 2, busyRetry: Schedule.spaced("200 millis").pipe(Schedule.upTo({ duration: "20 seconds" })) }
  }).pipe(Effect.provide(Replica.layer({ file, create: true })))

/** Every company id in the replica, sorted. */
export const replicaIds = (file: string) =>
  Effect.gen(function*() {
    const replica = yield* Replica
    const rows = yield* replica.pageRaw("", { limit: 1_000_000 })
    return rows.map((row) => row.id).sort()
  }).pipe(Effect.provide(Replica.layer({ file })))

/** Runs `f` on the replica at `file` (opened read-side, no create). */
export const withReplica = <A, E>(file: string, f: (replica: Replica["Service"]) => Effect.Effect<A, E>) =>
  Effect.flatMap(Replica, f).pipe(Effect.provide(Replica.layer({ file })))

/** Deletes a company on the simulator over HTTP, as another integration would. */
export const deleteOnServer = (url: string, id: string) =>
  Effect.promise(async () => {
    const res = await fetch(`${url}/companies/${id}`, { method: "DELETE", headers: { Authorization: `Bearer ${TOKEN}` } })
    await res.arrayBuffer()
    return res.status
  })
