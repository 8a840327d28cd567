import { assert, describe, it } from "@effect/vitest"
import { Exit, Schema } from "effect"
import { summarizeSchemaError } from "../src/SchemaErrorSummary.js"

const errorFor = (schema: Schema.Top & { readonly DecodingServices: never }, input: unknown): Schema.SchemaError => {
  const exit = Schema.decodeUnknownExit(schema)(input)
  if (Exit.isSuccess(exit)) throw new Error("expected the schema to reject the input")
  const error = exit.cause.reasons.find((reason) => reason._tag === "Fail")?.error
  if (!Schema.isSchemaError(error)) throw new Error("expected a SchemaError")
  return error
}

describe("summarizeSchemaError", () => {
  it("puts the message on one line", () => {
    const error = errorFor(Schema.Struct({ a: Schema.Struct({ b: Schema.String }) }), { a: { b: 1 } })
    assert.include(error.message, "\n")
    const summary = summarizeSchemaError(error)
    assert.notInclude(summary, "\n")
    assert.strictEqual(summary, error.message.replace(/\s+/g, " ").trim())
  })

  it("cuts a long message at 300 characters and says so", () => {
    const error = errorFor(Schema.Literal("x".repeat(1000)), "y")
    assert.isAbove(error.message.length, 300)
    const summary = summarizeSchemaError(error)
    assert.strictEqual(summary.length, 301)
    assert.isTrue(summary.endsWith("…"))
  })
})
