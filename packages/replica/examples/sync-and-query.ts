// Sync a replica from the simulator and query it. After a build (`pnpm turbo run build`), from
// packages/replica: `node examples/sync-and-query.ts`.
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { IntercomClient } from "@intercom-explorer/core"
import { Replica, syncReplica } from "@intercom-explorer/replica"
import { startSimulator } from "@intercom-explorer/simulator"
import { Effect, Layer, Stream } from "effect"

const sim = await startSimulator({ companies: 5_000, token: "example-token" })
const file = path.join(mkdtempSync(path.join(tmpdir(), "replica-example-")), "workspace.sqlite")
const client = IntercomClient.layer({ token: "example-token", baseUrl: sim.url })

// 1. A full sync: progress as it goes, a summary at the end.
const summary = await Effect.runPromise(
  syncReplica({ onProgress: (p) => process.stderr.write(`\r${p.phase} ${p.companies} companies, ${p.pages} pages`) }).pipe(
    Effect.provide(Layer.merge(Replica.layer({ file, create: true }), client))
  )
)
console.error(`\nsynced ${summary.companies} companies, ${summary.tags} tags, ${summary.segments} segments in ${summary.seconds.toFixed(1)} s`)

// 2. Queries: no network from here on.
const program = Effect.gen(function*() {
  const replica = yield* Replica
  console.log("Pro, spending over 2,000:", yield* replica.count("plan:Pro spend>2000"))
  for (const company of yield* replica.page("tag:VIP -tag:\"Churn risk\" sort:-spend", { limit: 3 })) {
    console.log(`  ${company.name} spends ${company.monthly_spend}`)
  }
  console.log("spending over 1,000, by plan:", yield* replica.groupCounts("spend>1000", "plan"))
  // Every match as Intercom sent it, streamed (what `companies query --format ndjson` prints).
  yield* Stream.runForEach(replica.streamRaw("custom.is_partner:true size>1000", { limit: 2 }), (row) =>
    Effect.sync(() => console.log(row.json.slice(0, 80) + "…")))
  // A mistake names the term and its column, before anything runs.
  const error = yield* Effect.flip(replica.count("plan:Pro colour:red"))
  console.log(error.message)
})
await Effect.runPromise(program.pipe(Effect.provide(Replica.layer({ file }))))
await sim.close()
