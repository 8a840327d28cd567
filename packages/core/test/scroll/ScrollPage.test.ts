import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { decodeScrolledCompanies, decodeScrolledCompaniesEach, type UndecodableCompany } from "../../src/scroll/ScrollPage.js"

// The page decoder on its own; the whole path (a spoiled company on the wire, the CLI's export
// leaving it out) is tested end to end in apps/cli/test/export.test.ts.

const company = (id: string, extra: Record<string, unknown> = {}) => ({
  type: "company",
  id,
  company_id: `cid-${id}`,
  name: `Company ${id}`,
  created_at: 1_700_000_000,
  updated_at: 1_700_000_000,
  ...extra
})

describe("scroll page decoding", () => {
  it.effect("a page with one odd company fails as a whole", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(decodeScrolledCompanies([company("a"), company("b", { size: "very big" })]))
      assert.strictEqual(error.reason._tag, "InvalidResponse")
    }))

  it.effect("decoded one by one, the odd company is handed over with its id and field and the rest stay in order", () =>
    Effect.gen(function*() {
      const handed: Array<UndecodableCompany> = []
      const raw = [company("a"), company("b", { size: "very big" }), company("c"), { name: "no id" }]
      const decoded = yield* decodeScrolledCompaniesEach(raw, (odd) => handed.push(odd))
      assert.deepStrictEqual(decoded.map((c) => c?.id as string | undefined), ["a", undefined, "c", undefined])
      assert.deepStrictEqual(handed.map((odd) => odd.id), ["b", undefined])
      assert.include(handed[0]!.problem, "size")
      assert.strictEqual(handed[0]!.raw, raw[1])
    }))

  it.effect("a page that decodes calls nothing", () =>
    Effect.gen(function*() {
      const decoded = yield* decodeScrolledCompaniesEach([company("a"), company("b")], () => assert.fail("called"))
      assert.deepStrictEqual(decoded.map((c) => c?.id as string | undefined), ["a", "b"])
    }))
})
