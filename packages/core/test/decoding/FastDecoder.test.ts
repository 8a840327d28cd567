import { Company, CompanyScroll } from "@intercom-explorer/models"
import { startSimulator } from "@intercom-explorer/simulator"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Exit, Schema } from "effect"
import { fastPathOnly, makeFastDecoder } from "../../src/decoding/FastDecoder.js"

/** Real company JSON as the simulator sends it (varied plans, tags, segments, custom attributes). */
const scrolledCompanies = async (): Promise<Array<Record<string, unknown>>> => {
  const sim = await startSimulator({ companies: 120, token: "t", seed: 5 })
  try {
    const res = await fetch(`${sim.url}/companies/scroll`, { headers: { authorization: "Bearer t" } })
    return ((await res.json()) as { data: Array<Record<string, unknown>> }).data
  } finally {
    await sim.close()
  }
}

const replacements: ReadonlyArray<unknown> = [null, "text", "", 1.5, -1, 0, 2 ** 40, {}, [], true, Number.NaN]

/** Every company with one field (top level or nested one level) removed or replaced. */
const mutationsOf = (company: Record<string, unknown>): Array<unknown> => {
  const out: Array<unknown> = [{ ...company, surplus: "ignored" }]
  for (const key of Object.keys(company)) {
    const { [key]: _, ...without } = company
    out.push(without, { ...company, [key]: undefined })
    for (const value of replacements) out.push({ ...company, [key]: value })
    const nested = company[key]
    if (typeof nested === "object" && nested !== null && !Array.isArray(nested)) {
      for (const inner of Object.keys(nested)) {
        for (const value of replacements) out.push({ ...company, [key]: { ...nested, [inner]: value } })
      }
    }
  }
  return out
}

describe("FastDecoder", () => {
  it("takes the fast path on real companies and gives exactly the schema's result", async () => {
    const companies = await scrolledCompanies()
    assert.isAbove(companies.length, 50)
    const fast = fastPathOnly(Company)
    const full = Schema.decodeUnknownSync(Company)
    for (const company of companies) {
      const result = fast(company)
      assert.isDefined(result, `fast path gave up on ${JSON.stringify(company)}`)
      assert.deepStrictEqual(result?.value, full(company))
    }
  })

  it("never accepts what the schema rejects, and never differs on what both accept", async () => {
    const companies = (await scrolledCompanies()).slice(0, 15)
    const fast = fastPathOnly(Company)
    const full = Schema.decodeUnknownExit(Company)
    let bothRejected = 0
    let bothAccepted = 0
    for (const mutated of companies.flatMap(mutationsOf)) {
      const quick = fast(mutated)
      const real = full(mutated)
      if (quick !== undefined) {
        assert.isTrue(Exit.isSuccess(real), `fast path accepted what the schema rejects: ${JSON.stringify(mutated)}`)
        if (Exit.isSuccess(real)) assert.deepStrictEqual(quick.value, real.value)
        bothAccepted += 1
      } else if (Exit.isFailure(real)) bothRejected += 1
    }
    // Both sides of the comparison must be exercised, or the test proves nothing.
    assert.isAbove(bothRejected, 500)
    assert.isAbove(bothAccepted, 100)
  })

  it.effect("falls back to the schema's own error for an invalid value", () =>
    Effect.gen(function*() {
      const decode = makeFastDecoder(Schema.Array(Company))
      const error = yield* Effect.flip(decode([{ id: "c1", size: "big" }]))
      assert.strictEqual(error._tag, "SchemaError")
      assert.include(error.message, "size")
    }))

  it.effect("gives up on transformations, leaving them to the schema", () =>
    Effect.gen(function*() {
      const withDefault = Schema.Struct({ n: Schema.NumberFromString })
      assert.isUndefined(fastPathOnly(withDefault)({ n: "12" }))
      assert.deepStrictEqual(yield* makeFastDecoder(withDefault)({ n: "12" }), { n: 12 })
      // A whole scroll page decodes through it too (its envelope is plain).
      assert.isDefined(fastPathOnly(CompanyScroll)({ type: "list", data: [], scroll_param: null }))
    }))
})
