import path from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { IntercomClient } from "@intercom-explorer/core"
import { Effect } from "effect"
import { Sim, tempDir, TOKEN } from "./support/Simulator.js"
import { spoilingProxy } from "./support/SpoilingProxy.js"
import { syncInto, withReplica } from "./support/Sync.js"

describe("one odd company never sinks a sync", () => {
  it.layer(Sim.layer({ companies: 400 }), { timeout: 60_000, excludeTestServices: true })((it) => {
    it.effect("stores it as sent with the readable columns, counts and reports it with its id and field path", () =>
      Effect.gen(function*() {
        const sim = yield* Sim
        let spoiledIds: Array<string> = []
        const proxy = yield* spoilingProxy(sim.url, (companies) => {
          companies[0]!.size = "very big"
          companies[1]!.plan = { type: "plan", id: "9", name: 42 }
          delete companies[2]!.id
          spoiledIds = [companies[0]!.id as string, companies[1]!.id as string]
        })
        const dir = yield* tempDir
        const file = path.join(dir, "replica.sqlite")
        const summary = yield* syncInto(file).pipe(Effect.provide(IntercomClient.layer({ token: TOKEN, baseUrl: proxy.url })))
        assert.strictEqual(summary.companies, 399, "every company with an id is stored")
        assert.strictEqual(summary.odd.length, 3)
        const [size, plan] = spoiledIds.map((id) => summary.odd.find((odd) => odd.id === id))
        assert.match(size!.problem, /\["size"\]/)
        assert.match(plan!.problem, /\["plan"\]\["name"\]/)
        assert.match(summary.odd.find((odd) => odd.id === undefined)!.problem, /\["id"\]/)

        yield* withReplica(file, (replica) =>
          Effect.gen(function*() {
            const sized = sim.state.companies.get(spoiledIds[0]!)!
            const [row] = yield* replica.pageRaw(`cid:"${sized.company_id}"`)
            assert.strictEqual(JSON.parse(row!.json).size, "very big", "stored as Intercom sent it")
            assert.match(row!.decodeError!, /size/)
            // The typed columns that could be read are there; only size is empty.
            assert.strictEqual(yield* replica.count(`cid:"${sized.company_id}" no:size has:name`), 1)
            const [company] = yield* replica.page(`cid:"${sized.company_id}"`)
            assert.strictEqual(company!.id, sized.id)
            assert.strictEqual(company!.size, undefined)
            assert.strictEqual(company!.name, sized.name)
            const planned = sim.state.companies.get(spoiledIds[1]!)!
            assert.strictEqual(yield* replica.count(`cid:"${planned.company_id}" no:plan`), 1)
            assert.strictEqual((yield* replica.lastSync())?.odd, 3)
          }))
      }))
  })
})
