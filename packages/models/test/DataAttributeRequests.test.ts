import { describe, expect, it } from "@effect/vitest"
import { Result, Schema } from "effect"
import {
  CreateDataAttributeRequest,
  DataAttribute,
  requestValidationMessage,
  UpdateDataAttributeRequest,
  validateRequest
} from "../src/index.js"

/** The one-line message for decoding `input`, or "ok". */
const messageFor = (schema: Schema.Codec<unknown, unknown>, input: unknown): string => {
  const result = Schema.decodeUnknownResult(schema)(input, { errors: "all" })
  return Result.isFailure(result) ? requestValidationMessage(result.failure) : "ok"
}

const create = (fields: Record<string, unknown>) => ({ name: "Seats", model: "company", data_type: "integer", ...fields })

describe("data attribute requests: human messages before any request", () => {
  it.each([
    [create({ name: "plan.tier" }), "name must not contain a dot: Intercom reads a dot as a nested attribute"],
    [create({ name: "!nv@l!d n@me" }), "name may only contain letters, digits, spaces, underscores, hyphens and currency symbols"],
    [create({ name: "  " }), "name must not be blank"],
    [create({ name: " Seats" }), "name must not start or end with spaces"],
    [create({ name: 3 }), "name must be text"],
    [create({ data_type: "mithril" }), "data_type must be one of string, integer, float, boolean, date, datetime"],
    [create({ model: "conversation" }), "model must be company or contact"],
    [create({ options: [{ value: "1-10" }] }), "options (a list attribute) need data_type string"],
    [create({ options: "1-10", data_type: "string" }), "options must be a list of choices"],
    [create({ messenger_writable: "yes" }), "messenger_writable must be true or false"],
    [{ description: "no name" }, "name (the attribute name) is required; model (company or contact) is required; data_type is required"]
  ])("create %j: %s", (input, message) => {
    expect(messageFor(CreateDataAttributeRequest, input)).toBe(message)
  })

  it("accepts names as Intercom's examples and the seeds write them, and list options as text or {value}", () => {
    expect(messageFor(CreateDataAttributeRequest, create({ name: "The One Ring", data_type: "string" }))).toBe("ok")
    expect(messageFor(CreateDataAttributeRequest, create({ name: "account_manager", data_type: "string" }))).toBe("ok")
    expect(messageFor(CreateDataAttributeRequest, create({ name: "renewal-€", data_type: "date" }))).toBe("ok")
    expect(messageFor(CreateDataAttributeRequest, create({ data_type: "string", options: ["a", { value: "b" }] }))).toBe("ok")
  })

  it.each([
    [{ data_type: "integer" }, "data_type cannot be changed through the API; change it in Intercom's settings"],
    [{ name: "Renamed" }, "name cannot be changed after an attribute is created"],
    [{ archived: "yes" }, "archived must be true or false"],
    [{ options: { value: "1-10" } }, "options must be a list of choices"]
  ])("update %j: %s", (input, message) => {
    expect(messageFor(UpdateDataAttributeRequest, input)).toBe(message)
  })

  it("brands what it validated, so only a validated body reaches a service", () => {
    const update = validateRequest(UpdateDataAttributeRequest)({ archived: true, description: "gone" })
    expect(Result.isSuccess(update) && update.success).toEqual({ archived: true, description: "gone" })
    // @ts-expect-error a plain object is not a validated CreateDataAttributeRequest
    const unchecked: CreateDataAttributeRequest = { name: "x", model: "company", data_type: "string" }
    expect(unchecked).toBeDefined()
  })

  it("a standard attribute has no id; an unknown data_type in a response is refused", () => {
    const standard = { type: "data_attribute", name: "size", full_name: "size", label: "Company size", data_type: "integer" }
    expect(messageFor(DataAttribute, standard)).toBe("ok")
    expect(messageFor(DataAttribute, { ...standard, data_type: "mithril" })).not.toBe("ok")
  })
})
