import { describe, expect, it } from "@effect/vitest"
import { Schema } from "effect"
import { ErrorList, NoteId, TagId, TagIdField } from "../src/index.js"

const decode = Schema.decodeUnknownSync(ErrorList)

describe("ErrorList", () => {
  it("decodes a standard error.list and keeps the request id", () => {
    const body = decode({
      type: "error.list",
      request_id: "0c1e7b55-aaaa-4bbb-8ccc-123456789abc",
      errors: [{ code: "company_not_found", message: "Company Not Found" }]
    })
    expect(body.request_id).toBe("0c1e7b55-aaaa-4bbb-8ccc-123456789abc")
    expect(body.errors[0]?.code).toBe("company_not_found")
  })

  it("tolerates a null request_id, null message/field, legacy type and extra keys", () => {
    const body = decode({
      type: "error",
      request_id: null,
      errors: [{ code: "parameter_invalid", message: null, field: null, extra: 1 }],
      unexpected: true
    })
    expect(body.type).toBe("error")
    expect(body.errors[0]).toEqual({ code: "parameter_invalid", message: null, field: null })
  })

  it("accepts a missing request_id", () => {
    expect(decode({ type: "error.list", errors: [{ code: "scroll_exists" }] }).request_id).toBeUndefined()
  })

  it("rejects an error without a code and a body that is not an error", () => {
    expect(() => decode({ type: "error.list", errors: [{ message: "no code" }] })).toThrow()
    expect(() => decode({ type: "company", id: "1" })).toThrow()
  })
})

describe("Ids", () => {
  it("decodes string ids into their brand and rejects numbers in responses", () => {
    expect(Schema.decodeUnknownSync(NoteId)("77")).toBe("77")
    expect(() => Schema.decodeUnknownSync(TagId)(4821)).toThrow()
    expect(() => Schema.decodeUnknownSync(TagId)(null)).toThrow()
  })

  it("accepts numeric ids in request bodies and sends them as strings", () => {
    const tag = Schema.decodeUnknownSync(TagIdField)(4821)
    expect(tag).toBe("4821")
    expect(Schema.encodeSync(TagIdField)(tag)).toBe("4821")
    expect(() => Schema.decodeUnknownSync(TagIdField)(48.5)).toThrow()
    expect(() => Schema.decodeUnknownSync(TagIdField)(true)).toThrow()
  })
})
