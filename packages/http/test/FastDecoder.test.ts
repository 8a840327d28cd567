import { Company, CompanyScroll } from "@intercom-explorer/models"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Exit, Schema } from "effect"
import { fastPathOnly, makeFastDecoder } from "../src/FastDecoder.js"

/** Company JSON in the shapes Intercom sends: varied plans, tags, segments, custom attributes, nulls. */
const scrolledCompanies = async (): Promise<Array<Record<string, unknown>>> =>
  Array.from({ length: 120 }, (_, i) => ({
    type: "company",
    id: `6${String(i).padStart(23, "0")}`,
    company_id: `ext-${i}`,
    app_id: "abc123",
    name: i % 17 === 0 ? null : `Company ${i}`,
    created_at: 1_600_000_000 + i,
    updated_at: 1_700_000_000 + i,
    ...(i % 3 === 0 ? { last_request_at: 1_710_000_000 + i } : {}),
    ...(i % 5 === 0 ? { remote_created_at: null } : { remote_created_at: 1_500_000_000 }),
    monthly_spend: i * 10,
    session_count: i % 4,
    user_count: i % 7,
    size: i % 11 === 0 ? null : i * 3,
    website: i % 13 === 0 ? null : `https://c${i}.example`,
    industry: ["Retail", "SaaS", null][i % 3],
    plan: i % 4 === 0 ? {} : { type: "plan", id: String(i), name: "Growth" },
    tags: { type: "tag.list", tags: i % 2 === 0 ? [] : [{ type: "tag", id: "t1", name: "VIP" }] },
    segments: {
      type: "segment.list",
      segments: i % 6 === 0
        ? [{ type: "segment", id: "s1", name: "Big", created_at: 1, updated_at: 2, person_type: "user", count: null }]
        : []
    },
    custom_attributes: { seats: i, is_partner: i % 2 === 0, owner: null, renewal: "2026-03-10", nested: { a: [1, "x"] } }
  }))

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

/** The fast path takes every input and gives exactly what the schema's decoder gives. */
const assertFastPathMatches = (schema: Schema.Top & { readonly DecodingServices: never }, inputs: ReadonlyArray<unknown>) => {
  const fast = fastPathOnly(schema)
  const full = Schema.decodeUnknownSync(schema)
  for (const input of inputs) {
    const result = fast(input)
    assert.isDefined(result, `fast path gave up on ${JSON.stringify(input)}`)
    assert.deepStrictEqual(result?.value, full(input))
  }
}

describe("FastDecoder", () => {
  it("takes the fast path on real companies and gives exactly the schema's result", async () => {
    const companies = await scrolledCompanies()
    assert.isAbove(companies.length, 50)
    assertFastPathMatches(Company, companies)
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

  it.effect("a union with a transformation in an earlier member is left to the schema whole", () =>
    Effect.gen(function*() {
      const union = Schema.Union([Schema.Struct({ a: Schema.NumberFromString }), Schema.Struct({ a: Schema.String })])
      assert.isUndefined(fastPathOnly(union)({ a: "12" }))
      assert.deepStrictEqual(yield* makeFastDecoder(union)({ a: "12" }), { a: 12 })
    }))

  it.effect("keeps a __proto__ key of custom attributes exactly as the schema does", () =>
    Effect.gen(function*() {
      const input = JSON.parse('{"id":"c1","custom_attributes":{"__proto__":{"x":1},"b":2}}')
      const fast = yield* makeFastDecoder(Company)(input)
      const full = Schema.decodeUnknownSync(Company)(input)
      assert.deepStrictEqual(Object.keys(fast.custom_attributes ?? {}), Object.keys(full.custom_attributes ?? {}))
      assert.include(Object.keys(fast.custom_attributes ?? {}), "__proto__")
    }))

  it("takes the fast path on a scroll envelope whose data is Unknown, with exactly the schema's result", async () => {
    // The shape core's ScrollEnvelope has: only the envelope is checked, the companies stay raw.
    const envelope = Schema.Struct({
      type: Schema.Literal("list"),
      data: Schema.Array(Schema.Unknown),
      scroll_param: Schema.optionalKey(Schema.NullOr(Schema.String))
    })
    const companies = await scrolledCompanies()
    assertFastPathMatches(envelope, [
      { type: "list", data: companies, scroll_param: "abc" },
      { type: "list", data: [null, 1, "x", [], { nested: { a: [1] } }, undefined], scroll_param: null },
      { type: "list", data: [] }
    ])
    // The raw items are passed through as they are, as the schema does.
    const fast = fastPathOnly(envelope)
    const full = Schema.decodeUnknownSync(envelope)
    const page = { type: "list", data: companies }
    assert.strictEqual((fast(page)?.value as { data: Array<unknown> }).data[0], full(page).data[0])
    // An envelope the schema rejects is never accepted.
    for (const bad of [{ type: "list" }, { type: "page", data: [] }, { type: "list", data: {} }, { type: "list", data: [], scroll_param: 1 }]) {
      assert.isUndefined(fast(bad))
      assert.isTrue(Exit.isFailure(Schema.decodeUnknownExit(envelope)(bad)))
    }
    assertFastPathMatches(Schema.Array(Schema.Any), [[1, "a", null]])
  })

  it.effect("a oneOf union is left to the schema, which rejects a value two members accept", () =>
    Effect.gen(function*() {
      const union = Schema.Union([Schema.String, Schema.Unknown], { mode: "oneOf" })
      assert.isUndefined(fastPathOnly(union)("x"))
      const error = yield* Effect.flip(makeFastDecoder(union)("x"))
      assert.strictEqual(error._tag, "SchemaError")
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
