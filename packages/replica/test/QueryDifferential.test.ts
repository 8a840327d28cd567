import path from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { day, storeCompanies } from "./support/Fixtures.js"
import { generateCompanies, prng } from "./support/Generated.js"
import { randomQuery, referenceOrder } from "./support/Reference.js"
import { tempDir } from "./support/Simulator.js"
import { withReplica } from "./support/Sync.js"

const now = day("2026-01-01") + 12 * 3600

describe("the query language against a plain JavaScript filter", () => {
  it.effect("many generated queries over generated companies in a real SQLite file give the same ids in the same order", () =>
    Effect.gen(function*() {
      const companies = generateCompanies(1200, 20261201)
      const dir = yield* tempDir
      const file = path.join(dir, "differential.sqlite")
      yield* storeCompanies(file, companies)
      const r = prng(11)
      let nonEmpty = 0
      let partial = 0
      yield* withReplica(file, (replica) =>
        Effect.gen(function*() {
          for (let i = 0; i < 1500; i++) {
            const query = randomQuery(r, now)
            const expected = companies.filter(query.test).sort(referenceOrder(query.sort)).map((c) => c.id)
            const rows = yield* replica.pageRaw(query.text, { limit: 10_000, now }).pipe(
              Effect.mapError((error) => new Error(`${query.text}: ${error.message}`))
            )
            assert.deepStrictEqual(rows.map((row) => row.id), expected, query.text)
            assert.strictEqual(yield* replica.count(query.text, { now }), expected.length, `count ${query.text}`)
            if (expected.length > 0) nonEmpty++
            if (expected.length > 0 && expected.length < companies.length) partial++
          }
        }))
      // The generator is worth something only if most queries select some, but not all, companies.
      assert.isAbove(nonEmpty, 900)
      assert.isAbove(partial, 700)
    }), { timeout: 90_000 })
})
