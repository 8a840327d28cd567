import { assert, describe, layer } from "@effect/vitest"
import { Effect } from "effect"
import { Companies } from "../../src/services/Companies.js"
import { Tags } from "../../src/services/Tags.js"
import { clientLayer, Sim } from "../support/Simulator.js"

// A small budget (20 requests per 1 s window) so a burst five times larger than a window takes a
// few seconds: the governor must spread it over the windows without a single 429.
describe("pacing against the simulator's rate limit", () => {
  layer(clientLayer({ companies: 60, rateLimit: 20, rateWindowMs: 1_000 }), { excludeTestServices: true })((it) => {
    it.effect("a burst of 100 requests, 8 at a time, completes with zero 429s", () =>
      Effect.gen(function*() {
        const companies = yield* Companies
        const sim = yield* Sim
        const ids = sim.state.companies.ids()
        const answers = yield* Effect.forEach(
          Array.from({ length: 100 }, (_, i) => ids[i % ids.length]!),
          (id) => companies.retrieve(id),
          { concurrency: 8 }
        )
        assert.strictEqual(answers.length, 100)
        assert.isAtLeast(sim.state.rateLimit.allowed, 100)
        assert.strictEqual(sim.state.rateLimit.limited, 0, "the server answered a request with 429")
      }), { timeout: 60_000 })

    it.effect("a bulk tag and untag of every company, one request per company, sees no 429 either", () =>
      Effect.gen(function*() {
        const tags = yield* Tags
        const sim = yield* Sim
        const ids = sim.state.companies.ids()
        yield* Effect.forEach(ids, (id) => tags.tagCompanies("Paced", [id]), { concurrency: 4 })
        yield* Effect.forEach(ids, (id) => tags.untagCompanies("Paced", [id]), { concurrency: 4 })
        const paced = sim.state.tags().find((t) => t.name === "Paced")
        assert.isDefined(paced)
        assert.strictEqual(sim.state.companiesWithTag(paced!.id).length, 0)
        assert.strictEqual(sim.state.rateLimit.limited, 0, "the server answered a request with 429")
      }), { timeout: 60_000 })
  })
})
