import type { IntercomError } from "@intercom-explorer/http"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { pageOf, perPageOf } from "../../src/services/PageParameters.js"

const detailOf = <A>(effect: Effect.Effect<A, IntercomError>) =>
  Effect.map(Effect.flip(effect), (error) => {
    assert.strictEqual(error.reason._tag, "InvalidRequest")
    return error.reason._tag === "InvalidRequest" ? error.reason.detail : undefined
  })

describe("pageOf / perPageOf", () => {
  it.effect("take a positive whole number or the default", () =>
    Effect.gen(function*() {
      assert.strictEqual(yield* pageOf("GET", "/companies", undefined), 1)
      assert.strictEqual(yield* pageOf("GET", "/companies", 3), 3)
      assert.strictEqual(yield* perPageOf("GET", "/companies", undefined, 50), 50)
      assert.strictEqual(yield* perPageOf("GET", "/companies", 7, 50), 7)
    }))

  it.effect("refuse anything else, each with its own message", () =>
    Effect.gen(function*() {
      assert.strictEqual(yield* detailOf(pageOf("GET", "/companies", 0)), "page must be a whole number from 1 (got 0)")
      assert.strictEqual(yield* detailOf(pageOf("GET", "/companies", 1.5)), "page must be a whole number from 1 (got 1.5)")
      assert.strictEqual(
        yield* detailOf(perPageOf("GET", "/companies", -1, 50)),
        "per_page must be a whole number above 0 (got -1)"
      )
      assert.strictEqual(
        yield* detailOf(perPageOf("GET", "/companies", undefined, Number.NaN)),
        "per_page must be a whole number above 0 (got NaN)"
      )
    }))
})
