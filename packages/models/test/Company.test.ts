import { describe, expect, it } from "@effect/vitest"
import { Result, Schema } from "effect"
import { Company, DeletedCompanyObject, unixSecondsToDate, dateToUnixSeconds } from "../src/index.js"
import { fullCompany, minimalCompany } from "./fixtures.js"

const decode = Schema.decodeUnknownSync(Company)
const fails = (input: unknown) => Result.isFailure(Schema.decodeUnknownResult(Company)(input))

describe("Company", () => {
  it("decodes a fully populated company", () => {
    const company = decode(fullCompany)
    expect(company.id).toBe("65f1c0ffee00112233445566")
    expect(company.company_id).toBe("acme-042")
    expect(company.plan).toEqual({ type: "plan", id: "881", name: "Growth" })
    expect(company.tags?.tags?.[0]?.name).toBe("Enterprise")
    expect(company.segments?.segments?.[0]?.person_type).toBe("user")
  })

  it("keeps custom attribute values of any JSON type", () => {
    expect(decode(fullCompany).custom_attributes).toEqual(fullCompany.custom_attributes)
  })

  it("decodes a company that has only its id", () => {
    expect(decode(minimalCompany)).toEqual({ id: "65f1c0ffee00112233445599" })
  })

  it("tolerates the shapes real responses use: plan {}, nulls on unset fields, tag/segment lists without arrays", () => {
    const company = decode({
      ...minimalCompany,
      type: "company",
      name: null,
      plan: {},
      website: null,
      industry: null,
      size: null,
      remote_created_at: null,
      last_request_at: null,
      custom_attributes: {},
      tags: { type: "tag.list" },
      segments: { type: "segment.list", segments: [] }
    })
    expect(company.plan).toEqual({})
    expect(company.name).toBeNull()
    expect(company.tags).toEqual({ type: "tag.list" })
  })

  it("drops unknown fields instead of failing", () => {
    const company = decode({ ...minimalCompany, brand_new_field: { nested: true }, notes: { type: "note.list", notes: [] } })
    expect(company).toEqual(minimalCompany)
  })

  it("rejects a company without an id", () => {
    const { id: _, ...noId } = fullCompany
    expect(fails(noId)).toBe(true)
  })

  it("rejects wrong types", () => {
    expect(fails({ ...minimalCompany, id: 42 })).toBe(true)
    expect(fails({ ...minimalCompany, type: "contact" })).toBe(true)
    expect(fails({ ...minimalCompany, created_at: "2024-01-01" })).toBe(true)
    expect(fails({ ...minimalCompany, user_count: 2.5 })).toBe(true)
    expect(fails({ ...minimalCompany, session_count: null })).toBe(true)
    expect(fails({ ...minimalCompany, tags: { type: "tag.list", tags: [{ id: "1" }] } })).toBe(true)
    expect(fails("not a company")).toBe(true)
  })

  it("encodes back to the wire shape it decoded", () => {
    expect(Schema.encodeSync(Company)(decode(fullCompany))).toEqual(fullCompany)
  })
})

describe("DeletedCompanyObject", () => {
  it("decodes the archive acknowledgement", () => {
    expect(Schema.decodeUnknownSync(DeletedCompanyObject)({ id: "65f1", object: "company", deleted: true }))
      .toEqual({ id: "65f1", object: "company", deleted: true })
  })

  it("rejects a body that is not a deletion", () => {
    expect(() => Schema.decodeUnknownSync(DeletedCompanyObject)({ id: "65f1", object: "tag", deleted: true })).toThrow()
    expect(() => Schema.decodeUnknownSync(DeletedCompanyObject)({ id: "65f1", object: "company" })).toThrow()
  })
})

describe("Timestamps", () => {
  it("converts unix seconds to and from Dates", () => {
    expect(unixSecondsToDate(1_704_067_200).toISOString()).toBe("2024-01-01T00:00:00.000Z")
    expect(dateToUnixSeconds(new Date("2024-01-01T00:00:00.999Z"))).toBe(1_704_067_200)
  })
})
