import { describe, expect, it } from "vitest"
import type { DataAttribute } from "../src/DataAttribute.js"
import {
  checkCustomAttributes,
  customAttributeValueProblem,
  definedCompanyAttributes,
  inferDataType
} from "../src/CustomAttributeTypes.js"

const attribute = (name: string, data_type: DataAttribute["data_type"], extra: Partial<DataAttribute> = {}): DataAttribute => ({
  type: "data_attribute",
  id: name.length,
  model: "company",
  name,
  full_name: `custom_attributes.${name}`,
  label: name,
  data_type,
  custom: true,
  ...extra
})

describe("custom attribute types", () => {
  it("infers the type Intercom would create from a first value", () => {
    expect(inferDataType("tier", "gold")).toBe("string")
    expect(inferDataType("seats", 12)).toBe("integer")
    expect(inferDataType("ratio", 0.5)).toBe("float")
    expect(inferDataType("paid", false)).toBe("boolean")
    expect(inferDataType("renewed_at", 1767225600)).toBe("date")
    expect(inferDataType("renewal_date", 1767225600)).toBe("date")
    expect(inferDataType("renewal_date", "2026-01-01")).toBe("string")
  })

  it("keeps only custom company attributes that are not archived", () => {
    const defined = definedCompanyAttributes([
      attribute("seats", "integer"),
      attribute("old", "string", { archived: true }),
      attribute("job_title", "string", { model: "contact" }),
      attribute("name", "string", { custom: false })
    ])
    expect([...defined.keys()]).toEqual(["seats"])
  })

  it("names the attribute, the type and the value that does not fit", () => {
    expect(customAttributeValueProblem(attribute("seats", "integer"), "ten")).toBe(
      'custom.seats must be a whole number (Intercom defines it as integer); got "ten"'
    )
    expect(customAttributeValueProblem(attribute("seats", "integer"), 1.5)).toContain("whole number")
    expect(customAttributeValueProblem(attribute("seats", "integer"), 10)).toBeUndefined()
    expect(customAttributeValueProblem(attribute("ratio", "float"), 10)).toBeUndefined()
    expect(customAttributeValueProblem(attribute("paid", "boolean"), "true")).toContain("true or false")
    expect(customAttributeValueProblem(attribute("renewed_at", "date"), -1)).toContain("unix seconds")
    expect(customAttributeValueProblem(attribute("seats", "integer"), null)).toBeUndefined()
    const channel = attribute("channel", "string", { options: ["ads", "referral"] })
    expect(customAttributeValueProblem(channel, "tv")).toBe('custom.channel must be one of "ads", "referral"; got "tv"')
    expect(customAttributeValueProblem(channel, "ads")).toBeUndefined()
  })

  it("splits a write into wrong types and undefined keys", () => {
    const defined = definedCompanyAttributes([attribute("seats", "integer")])
    expect(checkCustomAttributes(defined, { seats: "x", tier: "gold", gone: null, renewed_at: 5 })).toEqual({
      wrongType: [{ key: "seats", message: 'custom.seats must be a whole number (Intercom defines it as integer); got "x"' }],
      undefinedKeys: [{ key: "tier", type: "string" }, { key: "renewed_at", type: "date" }]
    })
  })
})
