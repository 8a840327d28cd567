import type { DataAttribute } from "@intercom-explorer/core"
import { describe, expect, it } from "vitest"
import { attributeChoices, attributeValuePrompt } from "../../src/attributes/attributeChoices.ts"
import { creationFailure, typeItems, typePickTitle, undefinedAttributeWarning } from "../../src/attributes/undefinedAttributeText.ts"
import { parseCustomAttribute, validateAttributeValue, validateNewAttributeKey } from "../../src/commands/companyFields.ts"

const attribute = (name: string, data_type: DataAttribute["data_type"], options?: Array<string>): DataAttribute => ({
  type: "data_attribute",
  id: 1,
  model: "company",
  name,
  full_name: `custom_attributes.${name}`,
  label: name,
  data_type,
  custom: true,
  archived: false,
  ...(options === undefined ? {} : { options })
})

const seats = attribute("seats", "integer")
const manager = attribute("account_manager", "string")
const channel = attribute("signup_channel", "string", ["Ads", "Referral"])
const partner = attribute("is_partner", "boolean")
const defined = new Map([seats, manager, channel, partner].map((a) => [a.name, a]))

describe("the undefined-attribute prompt's words", () => {
  it("one key: names it, says why, offers its inferred type", () => {
    const w = undefinedAttributeWarning("Edit Acme", [{ key: "tier", type: "string" }])
    expect(w.message).toBe("Edit Acme: custom.tier is not defined in Intercom")
    expect(w.detail).toMatch(/^Intercom ignores writes to undefined attributes/)
    expect(w.detail).toContain("Create custom.tier as string (from the value), then save?")
    expect(w.create).toBe("Create as string and Save")
  })

  it("several keys: counts and names them, each with its type", () => {
    const w = undefinedAttributeWarning("Save Acme", [{ key: "tier", type: "string" }, { key: "renewed_at", type: "date" }])
    expect(w.message).toBe("Save Acme: 2 custom attributes are not defined in Intercom (custom.tier, custom.renewed_at)")
    expect(w.detail).toContain("Create them (tier as string, renewed_at as date, from the values), then save?")
    expect(w.create).toBe("Create 2 Attributes and Save")
  })

  it("the type picker lists the inferred type first, then the other four", () => {
    expect(typeItems("integer").map((i) => i.label)).toEqual(["integer", "string", "float", "boolean", "date"])
    expect(typeItems("integer")[0]!.description).toBe("a whole number · from the value")
    expect(typeItems("string").map((i) => i.type)).toEqual(["string", "integer", "float", "boolean", "date"])
    expect(typePickTitle("Edit Acme", "tier", 0, 1)).toBe("Edit Acme: type of custom.tier")
    expect(typePickTitle("Edit Acme", "tier", 1, 3)).toBe("Edit Acme: type of custom.tier (2/3)")
  })

  it("a failed create names the key, the reason and what was created before it", () => {
    expect(creationFailure("tier", "Intercom refused the request: You already have 'tier'.", []))
      .toBe("Couldn't create custom.tier: Intercom refused the request: You already have 'tier'. Nothing was saved.")
    expect(creationFailure("b", "timed out", ["a"])).toBe("Couldn't create custom.b: timed out. Nothing was saved (created before it: custom.a).")
  })
})

describe("the edit command's attribute choices", () => {
  it("the company's attributes first, then the defined ones it lacks, with type and value", () => {
    const choices = attributeChoices({ seats: 12, tier: "gold", account_manager: null }, defined)
    expect(choices.map((c) => [c.label, c.description])).toEqual([
      ["seats", "integer · defined · 12"],
      ["tier", "not defined · gold"],
      ["account_manager", "string · defined · (not set)"],
      ["is_partner", "boolean · defined · (not set)"],
      ["signup_channel", "string · defined · (not set)"]
    ])
  })

  it("the value box's prompt says the defined type and options, or that the key is not defined", () => {
    expect(attributeValuePrompt("seats", seats)).toBe("A whole number (Intercom defines custom.seats as integer). null clears it.")
    expect(attributeValuePrompt("signup_channel", channel)).toBe("Text (Intercom defines custom.signup_channel as string): one of Ads, Referral. null clears it.")
    expect(attributeValuePrompt("tier", undefined)).toMatch(/custom\.tier is not defined in Intercom/)
  })
})

describe("typed custom attribute values", () => {
  it("a value of the wrong type is refused with the models' message", () => {
    expect(validateAttributeValue("seats", seats)("ten")).toBe('custom.seats must be a whole number (Intercom defines it as integer); got "ten"')
    expect(validateAttributeValue("seats", seats)("1.5")).toMatch(/custom\.seats must be a whole number/)
    expect(validateAttributeValue("is_partner", partner)("yes")).toMatch(/custom\.is_partner must be true or false/)
    expect(validateAttributeValue("signup_channel", channel)("TV")).toBe('custom.signup_channel must be one of "Ads", "Referral"; got "TV"')
    expect(validateAttributeValue("seats", seats)("10")).toBeUndefined()
    expect(parseCustomAttribute("seats", "10", seats)).toEqual({ ok: true, value: { custom_attributes: { seats: 10 } } })
  })

  it("a text attribute takes what was typed as text; null clears any type", () => {
    expect(parseCustomAttribute("account_manager", "01234", manager)).toEqual({ ok: true, value: { custom_attributes: { account_manager: "01234" } } })
    expect(parseCustomAttribute("account_manager", "true", manager)).toEqual({ ok: true, value: { custom_attributes: { account_manager: "true" } } })
    expect(parseCustomAttribute("account_manager", '"quoted"', manager)).toEqual({ ok: true, value: { custom_attributes: { account_manager: "quoted" } } })
    expect(parseCustomAttribute("seats", "null", seats)).toEqual({ ok: true, value: { custom_attributes: { seats: null } } })
    // Without a definition, as before: JSON scalars or text.
    expect(parseCustomAttribute("tier", "42")).toEqual({ ok: true, value: { custom_attributes: { tier: 42 } } })
  })

  it("a new key must be a name Intercom can define, unless it is defined already", () => {
    const check = validateNewAttributeKey(defined)
    expect(check("  ")).toBe("The attribute name must not be blank.")
    expect(check("plan.tier")).toMatch(/must not contain a dot/)
    expect(check("tier")).toBeUndefined()
    expect(check("seats")).toBeUndefined()
  })
})
