// Edits through core that the replica sees at once, with no sync. After a build
// (`pnpm turbo run build`), from packages/replica: `node examples/write-through.ts`.
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { Companies, IntercomClient, Tags, UpdateCompanyRequest, validateRequest } from "@intercom-explorer/core"
import { Replica, syncReplica, withWriteThrough } from "@intercom-explorer/replica"
import { startSimulator } from "@intercom-explorer/simulator"
import { Effect, Layer, Result } from "effect"

const sim = await startSimulator({ companies: 2_000, token: "example-token" })
const file = path.join(mkdtempSync(path.join(tmpdir(), "replica-example-")), "workspace.sqlite")
const client = IntercomClient.layer({ token: "example-token", baseUrl: sim.url })
await Effect.runPromise(syncReplica().pipe(Effect.provide(Layer.merge(Replica.layer({ file, create: true }), client))))

// The client, built once, with Companies, Tags and Contacts writing through to the replica.
const editing = withWriteThrough(client).pipe(Layer.provideMerge(Replica.layer({ file })))

const program = Effect.gen(function*() {
  const replica = yield* Replica
  const companies = yield* Companies
  const [first] = yield* replica.page("sort:-spend", { limit: 1 })
  const edit = validateRequest(UpdateCompanyRequest)({ plan: "Platinum" })
  if (Result.isFailure(edit)) return yield* Effect.die(edit.failure)
  yield* companies.update(first!.id, edit.success)
  console.log("plan:Platinum ->", (yield* replica.page("plan:Platinum")).map((c) => c.name))

  yield* (yield* Tags).tagCompanies("Top spender", [first!.id])
  console.log("tag:\"Top spender\" ->", yield* replica.count(`tag:"Top spender"`))

  yield* companies.delete(first!.id)
  console.log("after the delete ->", yield* replica.count("plan:Platinum"))
  // A write-through that SQLite refused leaves the API's write standing and says so here.
  console.log("stale:", (yield* replica.staleness())?.reason ?? "no")
})
await Effect.runPromise(program.pipe(Effect.provide(editing)))
await sim.close()
