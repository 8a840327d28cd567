import path from "node:path"
import { assert, describe, it } from "@effect/vitest"
import type { FaultKind } from "@intercom-explorer/simulator"
import { Effect } from "effect"
import { clientLayer, Sim, tempDir } from "./support/Simulator.js"
import { replicaIds, syncInto } from "./support/Sync.js"

/**
 * Every fault kind the simulator offers, aimed at the sync's requests (a new kind fails the
 * typecheck until it is listed here). Each sync must end with exactly the server's companies.
 */
const faults: Record<FaultKind, ReadonlyArray<string>> = {
  "scroll-expire": ["scroll-expire@nth=4", "scroll-expire@nth=1"],
  "scroll-restart-500": ["scroll-restart-500@nth=3", "scroll-restart-500@nth=5&hold"],
  "drop-connection": [
    "drop-connection@nth=6&path=/companies/scroll",
    "drop-connection@nth=1&path=/companies/scroll",
    "drop-connection@once&path=/tags"
  ],
  "truncate-body": ["truncate-body@nth=2&path=/companies/scroll", "truncate-body@p=0.2&times=4&path=/companies/scroll"],
  "rate-limit-burst": ["rate-limit-burst@nth=3&count=2", "rate-limit-burst@once&count=1&path=/segments"],
  latency: ["latency@p=0.3&delay=300&path=/companies/scroll"]
}

describe("sync under every scroll fault the simulator offers", () => {
  it.layer(clientLayer({ companies: 1500, scrollPageSize: 50, scrollTtlMs: 1500, rateWindowMs: 1000 }), {
    timeout: 60_000,
    excludeTestServices: true
  })((it) => {
    for (const fault of Object.values(faults).flat()) {
      it.effect(`gives exactly the server's set under ${fault}`, () =>
        Effect.gen(function*() {
          const sim = yield* Sim
          const dir = yield* tempDir
          const file = path.join(dir, "replica.sqlite")
          sim.faults.clear()
          const id = sim.faults.inject(fault)
          const summary = yield* syncInto(file)
          assert.isTrue(sim.faults.history.some((fired) => fired.id === id), "the fault fired")
          assert.deepStrictEqual(yield* replicaIds(file), sim.state.companies.ids().sort())
          assert.strictEqual(summary.companies, sim.state.companies.count())
          assert.strictEqual(summary.tags, sim.state.tags().length)
          sim.faults.clear()
        }), { timeout: 60_000 })
    }
  })
})
