import { describe, expect, it } from "vitest"
import {
  parseCustomAttribute,
  parseFieldInput,
  validateField,
  validateNewCompanyId,
  validateTagName
} from "../../src/commands/companyFields.ts"
import { tagDeleteRefusal } from "../../src/commands/tagDeleteRefusal.ts"
import { companyWebUrl, segmentWebUrl } from "../../src/commands/webAppUrl.ts"

describe("company field validation (the models' request rules)", () => {
  it("size: a whole number of people", () => {
    const size = validateField("size")
    expect(size("120")).toBeUndefined()
    expect(size("0")).toBeUndefined()
    for (const bad of ["", "abc", "-1", "1.5", " 12"]) expect(size(bad)).toMatch(/size must be a whole number/)
    expect(parseFieldInput("size", "120")).toEqual({ ok: true, value: { size: 120 } })
  })

  it("monthly spend: 0..2147483647", () => {
    const spend = validateField("monthly_spend")
    expect(spend("2147483647")).toBeUndefined()
    expect(spend("2147483648")).toMatch(/between 0 and 2147483647/)
    expect(spend("-5")).toMatch(/between 0 and 2147483647/)
    expect(spend("lots")).toMatch(/between 0 and 2147483647/)
    expect(parseFieldInput("monthly_spend", "99")).toEqual({ ok: true, value: { monthly_spend: 99 } })
  })

  it("website: a web address; name and plan: not blank", () => {
    expect(validateField("website")("https://acme.example/path")).toBeUndefined()
    expect(validateField("website")("acme.example")).toBeUndefined()
    expect(validateField("website")("not a site")).toMatch(/web address/)
    expect(validateField("name")("  ")).toMatch(/name must not be blank/)
    expect(validateField("plan")("")).toMatch(/plan/)
  })

  it("custom attribute values: JSON scalars or text; nested values refused", () => {
    const typed = (input: string) => parseCustomAttribute("n", input)
    expect(typed("42")).toEqual({ ok: true, value: { custom_attributes: { n: 42 } } })
    expect(typed("true")).toEqual({ ok: true, value: { custom_attributes: { n: true } } })
    expect(typed("null")).toEqual({ ok: true, value: { custom_attributes: { n: null } } })
    expect(typed('"42"')).toEqual({ ok: true, value: { custom_attributes: { n: "42" } } })
    expect(typed("gold plan")).toEqual({ ok: true, value: { custom_attributes: { n: "gold plan" } } })
    expect(parseCustomAttribute("tier", "gold")).toEqual({ ok: true, value: { custom_attributes: { tier: "gold" } } })
    expect(parseCustomAttribute("tier", '{"a":1}').ok).toBe(false)
    expect(parseCustomAttribute("tier", "[1]").ok).toBe(false)
  })

  it("new company_id and tag names", () => {
    expect(validateNewCompanyId("acme-1")).toBeUndefined()
    expect(validateNewCompanyId("")).toMatch(/company_id/)
    expect(validateNewCompanyId(" acme")).toMatch(/spaces/)
    expect(validateTagName("VIP")).toBeUndefined()
    expect(validateTagName(" VIP")).toMatch(/spaces/)
    expect(validateTagName("")).toMatch(/empty/)
  })
})

describe("tag delete refusal", () => {
  it("names the segments from Intercom's message", () => {
    const said = "Unable to delete Tag with dependent objects. Segments: Churn watch, VIP accounts."
    expect(tagDeleteRefusal("VIP", said)).toBe(
      "Tag 'VIP' can't be deleted because segment(s) depend on it: Churn watch, VIP accounts. Remove it from those segments in Intercom first."
    )
    expect(tagDeleteRefusal("VIP", undefined)).toBe(
      "Tag 'VIP' can't be deleted because segment(s) depend on it. Remove it from those segments in Intercom first."
    )
  })
})

describe("web app links", () => {
  it("use the region's host", () => {
    expect(companyWebUrl("us", "abc", "c1")).toBe("https://app.intercom.com/a/apps/abc/companies/c1")
    expect(companyWebUrl("eu", "abc", "c1")).toBe("https://app.eu.intercom.com/a/apps/abc/companies/c1")
    expect(companyWebUrl("au", "abc", "c1")).toBe("https://app.au.intercom.com/a/apps/abc/companies/c1")
    expect(segmentWebUrl("eu", "abc", "s 1")).toBe("https://app.eu.intercom.com/a/apps/abc/users/segments/s%201")
  })
})
