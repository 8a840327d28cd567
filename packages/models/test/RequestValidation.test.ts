import { describe, expect, it } from "@effect/vitest"
import { Result, Schema } from "effect"
import {
  AttachContactToCompanyRequest,
  AttachSubscriptionRequest,
  CreateNoteRequest,
  CreateOrUpdateCompanyRequest,
  CreateOrUpdateTagRequest,
  requestValidationMessage,
  TagCompanyRequest,
  TagContactRequest,
  TagsRequest,
  UntagCompanyRequest,
  UpdateCompanyRequest,
  validateRequest
} from "../src/index.js"

/** The one-line message for decoding `input`, or "ok". */
const messageFor = (schema: Schema.Codec<unknown, unknown>, input: unknown): string => {
  const result = Schema.decodeUnknownResult(schema)(input, { errors: "all" })
  return Result.isFailure(result) ? requestValidationMessage(result.failure) : "ok"
}

const MONTHLY_SPEND = "monthly_spend must be a whole number between 0 and 2147483647"

describe("company requests: documented limits, human messages", () => {
  it("surfaces the custom message in Effect's own formatted SchemaError", () => {
    const result = Schema.decodeUnknownResult(UpdateCompanyRequest)({ monthly_spend: 2 ** 31 })
    expect(Result.isFailure(result) && result.failure.message).toContain(MONTHLY_SPEND)
  })

  it.each([2 ** 31, -1, 99.5, "100", null])("rejects monthly_spend %j with the limit in words", (monthly_spend) => {
    expect(messageFor(UpdateCompanyRequest, { monthly_spend })).toBe(MONTHLY_SPEND)
  })

  it("accepts monthly_spend at both ends of the range", () => {
    expect(messageFor(UpdateCompanyRequest, { monthly_spend: 0 })).toBe("ok")
    expect(messageFor(UpdateCompanyRequest, { monthly_spend: 2 ** 31 - 1 })).toBe("ok")
  })

  it("brands what it validated, so only a validated body reaches a service", () => {
    const edit = validateRequest(UpdateCompanyRequest)({ monthly_spend: 5 })
    expect(Result.isSuccess(edit) && edit.success).toEqual({ monthly_spend: 5 })
    // @ts-expect-error a plain object is not a validated UpdateCompanyRequest
    const unchecked: UpdateCompanyRequest = { monthly_spend: 5 }
    expect(unchecked).toBeDefined()
  })

  it.each([
    [{ size: -3 }, "size must be a whole number of employees (0 or more)"],
    [{ size: "12 people" }, "size must be a whole number of employees (0 or more)"],
    [{ website: "not a website" }, "website must be a web address such as https://example.com"],
    [{ website: "" }, "website must be a web address such as https://example.com"],
    [{ name: "   " }, "name must not be blank"],
    [{ plan: "" }, "plan must be a plan name and must not be blank"],
    [{ remote_created_at: 1_716_500_000_000 }, "remote_created_at must be a unix timestamp in whole seconds (not milliseconds)"],
    [{ custom_attributes: { nested: { no: "objects" } } }, "custom_attributes.nested: a custom attribute must be text, a number, true/false or null"],
    [{ custom_attributes: { " ": 1 } }, "custom_attributes must map attribute names to text, numbers, true/false or null"],
    [{ custom_attributes: ["a"] }, "custom_attributes must map attribute names to text, numbers, true/false or null"],
    [{ company_id: "acme-2" }, "company_id cannot be changed after a company is created"]
  ])("update %j fails with %j", (input, message) => {
    expect(messageFor(UpdateCompanyRequest, input)).toBe(message)
  })

  it.each([
    "https://acme.example",
    "http://acme.example:8080/about?x=1",
    "www.acme.example",
    "acme.co.uk"
  ])("accepts website %s", (website) => {
    expect(messageFor(UpdateCompanyRequest, { website })).toBe("ok")
  })

  it("accepts size as a digit string (as the spec's example sends it) and sends a number", () => {
    const decoded = Schema.decodeUnknownSync(CreateOrUpdateCompanyRequest)({ company_id: "acme-1", size: "100" })
    expect(decoded.size).toBe(100)
    expect(Schema.encodeSync(CreateOrUpdateCompanyRequest)(decoded)).toEqual({ company_id: "acme-1", size: 100 })
  })

  it("requires a non-empty company_id to upsert", () => {
    expect(messageFor(CreateOrUpdateCompanyRequest, { name: "Acme" })).toBe("company_id is required to create or update a company")
    expect(messageFor(CreateOrUpdateCompanyRequest, { company_id: " " })).toBe("company_id must not be empty")
  })

  it("reports every broken rule in one line", () => {
    expect(messageFor(CreateOrUpdateCompanyRequest, { company_id: "acme-1", size: -1, monthly_spend: -1 }))
      .toBe(`size must be a whole number of employees (0 or more); ${MONTHLY_SPEND}`)
  })

  it("accepts a full, valid upsert and keeps custom attributes as given", () => {
    const body = {
      company_id: "acme-1",
      name: "Acme",
      plan: "Growth",
      size: 12,
      website: "https://acme.example",
      industry: "Aerospace",
      custom_attributes: { tier: "gold", seats: 40, arr: 1.5, trial: false, old: null },
      remote_created_at: 1_577_836_800,
      monthly_spend: 1200
    }
    expect(Schema.encodeSync(CreateOrUpdateCompanyRequest)(Schema.decodeUnknownSync(CreateOrUpdateCompanyRequest)(body))).toEqual(body)
  })
})

describe("tag requests", () => {
  it.each([
    [{ name: "" }, "tag name must not be empty"],
    [{ name: "  " }, "tag name must not be empty"],
    [{ name: " VIP" }, "tag name must not start or end with spaces"],
    [{}, "name (the tag name) is required"]
  ])("create %j fails with %j", (input, message) => {
    expect(messageFor(CreateOrUpdateTagRequest, input)).toBe(message)
  })

  it("tags companies by id or company_id, and needs one of them", () => {
    expect(messageFor(TagCompanyRequest, { name: "VIP", companies: [{ id: "65f1" }, { company_id: "acme-1" }] })).toBe("ok")
    expect(messageFor(TagCompanyRequest, { name: "VIP", companies: [] })).toBe("companies must list at least one company")
    expect(messageFor(TagCompanyRequest, { name: "VIP", companies: [{ id: "65f1" }, {}] }))
      .toBe("companies[1]: each company needs its id or company_id")
  })

  it("untags with untag: true", () => {
    expect(messageFor(UntagCompanyRequest, { name: "VIP", companies: [{ id: "65f1", untag: true }] })).toBe("ok")
    expect(messageFor(UntagCompanyRequest, { name: "VIP", companies: [{ id: "65f1" }] }))
      .toBe("companies[0].untag: untag: true is required to remove a tag")
  })

  it("picks the right POST /tags body shape", () => {
    const untag = Schema.decodeUnknownSync(TagsRequest)({ name: "VIP", companies: [{ id: "65f1", untag: true }] })
    expect(untag).toEqual({ name: "VIP", companies: [{ id: "65f1", untag: true }] })
    const tag = Schema.decodeUnknownSync(TagsRequest)({ name: "VIP", companies: [{ company_id: "acme-1" }] })
    expect(tag).toEqual({ name: "VIP", companies: [{ company_id: "acme-1" }] })
    expect(Schema.decodeUnknownSync(TagsRequest)({ name: "VIP", id: 12 })).toEqual({ name: "VIP", id: "12" })
  })

  it("tags a contact by tag id, accepting the numeric form", () => {
    expect(Schema.decodeUnknownSync(TagContactRequest)({ id: 77 })).toEqual({ id: "77" })
    expect(messageFor(TagContactRequest, {})).toBe("id (the tag id) is required")
  })
})

describe("note, attach and subscription requests", () => {
  it("needs a note body with content", () => {
    expect(messageFor(CreateNoteRequest, { body: "<p>hi</p>", admin_id: 7001 })).toBe("ok")
    expect(messageFor(CreateNoteRequest, { body: " " })).toBe("the note body must not be empty")
    expect(messageFor(CreateNoteRequest, { admin_id: "7001" })).toBe("the note body is required")
  })

  it("attaches a contact by the company's Intercom id", () => {
    expect(messageFor(AttachContactToCompanyRequest, { id: "65f1" })).toBe("ok")
    expect(messageFor(AttachContactToCompanyRequest, {})).toBe("id (the company's Intercom id) is required")
    expect(messageFor(AttachContactToCompanyRequest, { id: "" })).toBe("the company's Intercom id must not be empty")
  })

  it("subscribes with a known consent type", () => {
    expect(messageFor(AttachSubscriptionRequest, { id: "212", consent_type: "opt_in" })).toBe("ok")
    expect(messageFor(AttachSubscriptionRequest, { id: "212", consent_type: "yes" })).toBe("consent_type must be opt_in or opt_out")
  })
})

describe("validateRequest", () => {
  it("gives the validated body", () => {
    const body = validateRequest(UpdateCompanyRequest)({ name: "Acme", monthly_spend: 10 })
    expect(Result.isSuccess(body) && body.success).toEqual({ name: "Acme", monthly_spend: 10 })
  })

  it("fails with a RequestValidationError carrying the human message, every rule at once", () => {
    const result = validateRequest(UpdateCompanyRequest)({ monthly_spend: 3_000_000_000, size: -1 })
    expect(Result.isFailure(result)).toBe(true)
    if (Result.isSuccess(result)) return
    expect(result.failure._tag).toBe("RequestValidationError")
    expect(result.failure.issues).toEqual(["size must be a whole number of employees (0 or more)", MONTHLY_SPEND])
    expect(result.failure.message).toContain(MONTHLY_SPEND)
    expect(result.failure.message).toContain("size must be a whole number of employees (0 or more)")
  })

  it("reads an untrusted body (e.g. in the simulator): wrong types fail, unknown keys are dropped", () => {
    const bad = validateRequest(CreateOrUpdateTagRequest)({ name: 5 })
    expect(Result.isFailure(bad) && bad.failure.message).toBe("tag name must be text")
    const good = validateRequest(CreateOrUpdateTagRequest)({ name: "VIP", extra: 1 })
    expect(Result.isSuccess(good) && good.success).toEqual({ name: "VIP" })
  })
})
