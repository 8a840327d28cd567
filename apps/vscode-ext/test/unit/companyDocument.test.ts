import type { Company, DataAttribute } from "@intercom-explorer/core"
import { definedCompanyAttributes } from "@intercom-explorer/core"
import { parse } from "jsonc-parser"
import { describe, expect, it } from "vitest"
import { compareWithTheirs, editBaseFor, hasErrors, readDocumentEdits } from "../../src/document/CompanyDocumentEdits.ts"
import { type CompanyDocumentModel, withChanges } from "../../src/document/CompanyDocumentModel.ts"
import { renderCompanyDocument } from "../../src/document/CompanyDocumentText.ts"

const company: Company = {
  type: "company",
  id: "c1",
  company_id: "acme-1",
  app_id: "app",
  name: "Acme",
  plan: { type: "plan", id: "p1", name: "Pro" },
  size: 120,
  website: null,
  industry: "Software",
  monthly_spend: 1200,
  user_count: 3,
  session_count: 9,
  created_at: 1700000000,
  updated_at: 1760000000,
  custom_attributes: { seats: 10, account_manager: "Sam" },
  tags: { type: "tag.list", tags: [{ type: "tag", id: "t1", name: "VIP" }] },
  segments: { type: "segment.list", segments: [] }
} as unknown as Company

const model: CompanyDocumentModel = {
  company,
  contacts: {
    total: 2,
    contacts: [{
      contact: { type: "contact", id: "ct1", name: "Ann", email: "ann@acme.test", last_seen_at: 1760000000 },
      notes: [{ type: "note", id: "n1", created_at: 1760000100, body: "<p>Called &amp; renewed</p>", author: { type: "admin", id: "a1", name: "Sam" } }],
      notesTotal: 4
    }]
  }
} as unknown as CompanyDocumentModel

const attribute = (name: string, data_type: DataAttribute["data_type"]): DataAttribute =>
  ({ type: "data_attribute", id: 1, model: "company", name, full_name: `custom_attributes.${name}`, label: name, data_type, custom: true })
const defined = definedCompanyAttributes([attribute("seats", "integer"), attribute("account_manager", "string")])

const text = renderCompanyDocument(model)
const edit = (from: string, to: string) => {
  expect(text).toContain(from)
  return text.replace(from, to)
}
const at = (source: string, p: { offset: number; length: number }) => source.slice(p.offset, p.offset + p.length)

describe("the company document", () => {
  it("renders the editable fields first, then everything else read-only, as JSONC that parses", () => {
    const value = parse(text) as Record<string, any>
    expect(Object.keys(value)).toEqual(["name", "plan", "size", "website", "industry", "monthly_spend", "custom_attributes", "read_only"])
    expect(value["plan"]).toBe("Pro")
    expect(value["website"]).toBeNull()
    expect(value["custom_attributes"]).toEqual({ seats: 10, account_manager: "Sam" })
    expect(value["read_only"]).toMatchObject({
      id: "c1",
      company_id: "acme-1",
      created_at: "2023-11-14 22:13:20 UTC",
      tags: ["VIP"],
      contacts: [{ id: "ct1", name: "Ann", email: "ann@acme.test", notes: [{ author: "Sam", text: "Called & renewed" }], notes_total: 4 }],
      contacts_total: 2
    })
    expect(text.startsWith("// Acme: Intercom company c1 (company_id acme-1).")).toBe(true)
  })

  it("reads back nothing changed, with no problem, from the text as rendered", () => {
    expect(readDocumentEdits(text, model, defined)).toEqual({ changes: {}, undefinedKeys: [], problems: [] })
  })

  it("reads only the changed fields, in the form PUT /companies/{id} takes", () => {
    const edited = edit(`"size": 120`, `"size": 150`).replace(`"seats": 10`, `"seats": 12`)
    expect(readDocumentEdits(edited, model, defined)).toEqual({ changes: { size: 150, custom_attributes: { seats: 12 } }, undefinedKeys: [], problems: [] })
  })

  it("flags a bad value at the value, in the models' words, and blocks the save", () => {
    const edited = edit(`"size": 120`, `"size": -3`)
    const edits = readDocumentEdits(edited, model, defined)
    expect(hasErrors(edits)).toBe(true)
    expect(edits.problems).toHaveLength(1)
    expect(edits.problems[0]!.message).toBe("size must be a whole number of employees (0 or more)")
    expect(at(edited, edits.problems[0]!)).toBe("-3")
  })

  it("refuses a custom attribute of the wrong type, and flags an undefined one with the type a save would create", () => {
    const edited = edit(`"seats": 10`, `"seats": "ten", "tier": "gold"`)
    const edits = readDocumentEdits(edited, model, defined)
    expect(edits.problems.map((p) => [p.severity, at(edited, p)])).toEqual([["error", `"ten"`], ["warning", `"tier"`]])
    expect(edits.problems[0]!.message).toContain("custom.seats must be a whole number")
    expect(edits.problems[1]!.message).toContain("ignores writes to undefined attributes")
    expect(edits.undefinedKeys).toEqual([{ key: "tier", type: "string" }])
  })

  it("clears a custom attribute deleted from the document or set to null", () => {
    const edited = edit(`"seats": 10,\n`, "").replace(`"account_manager": "Sam"`, `"account_manager": null`)
    expect(readDocumentEdits(edited, model, defined).changes).toEqual({ custom_attributes: { seats: null, account_manager: null } })
  })

  it("refuses clearing a standard field, an unknown field, and an edit of the read-only part", () => {
    const edited = edit(`"industry": "Software"`, `"industry": null, "colour": "red"`).replace(`"user_count": 3`, `"user_count": 4`)
    const messages = readDocumentEdits(edited, model, defined).problems.map((p) => p.message)
    expect(messages).toEqual([
      `Intercom cannot clear industry: give it a value (it was "Software").`,
      expect.stringContaining(`"colour" is not a company field a save can change`),
      expect.stringContaining("read_only.user_count is set by Intercom")
    ])
  })

  it("reports broken JSON where it breaks", () => {
    const edits = readDocumentEdits(edit(`"size": 120,`, `"size": 120,,`), model, defined)
    expect(hasErrors(edits)).toBe(true)
    expect(edits.problems[0]!.message).toMatch(/^Not valid JSON: /)
  })

  it("does not type-check custom attributes when the definitions are unknown", () => {
    const edits = readDocumentEdits(edit(`"seats": 10`, `"seats": "ten"`), model, undefined)
    expect(edits).toEqual({ changes: { custom_attributes: { seats: "ten" } }, undefinedKeys: [], problems: [] })
  })

  it("applies changes to a company as Intercom would answer (for the conflict resolutions)", () => {
    const next = withChanges(company, { plan: "Team", custom_attributes: { seats: null, tier: "gold" } })
    expect(next.plan).toEqual({ type: "plan", id: "p1", name: "Team" })
    expect(next.custom_attributes).toEqual({ account_manager: "Sam", tier: "gold" })
    expect(company.custom_attributes).toEqual({ seats: 10, account_manager: "Sam" })
  })
})

describe("the base of a document restored by a window reload", () => {
  const opened: CompanyDocumentModel = { company, contacts: undefined }
  const now: CompanyDocumentModel = { company: { ...company, size: 999, updated_at: 1770000000 }, contacts: undefined }

  it("is what it was opened from when its text was made from that, so the save sees the conflict", () => {
    const restored = renderCompanyDocument(opened).replace(`"name": "Acme"`, `"name": "Acme Two"`)
    expect(editBaseFor({ shown: now, previous: undefined, opened }, restored)).toBe(opened)
    // Against it, only the name was edited (against Intercom's company now, size would read as an edit too).
    expect(readDocumentEdits(restored, opened, defined).changes).toEqual({ name: "Acme Two" })
  })

  it("is what the document shows otherwise", () => {
    expect(editBaseFor({ shown: now, previous: undefined, opened }, renderCompanyDocument(now))).toBe(now)
    expect(editBaseFor({ shown: now, previous: undefined, opened: undefined }, renderCompanyDocument(opened))).toBe(now)
  })
})

describe("the version a text was made from", () => {
  const before: CompanyDocumentModel = { company, contacts: undefined }
  const theirs: CompanyDocumentModel = { company: { ...company, industry: "Retail", updated_at: 1770000000 }, contacts: undefined }

  it("is the earlier one for a text made from it (an undo after a merge): its edits alone, no revert of theirs", () => {
    const undone = renderCompanyDocument(before).replace(`"size": 120`, `"size": 130`)
    const base = editBaseFor({ shown: theirs, previous: before, opened: undefined }, undone)
    expect(base).toBe(before)
    // Against theirs, industry would read as an edit back to "Software".
    expect(readDocumentEdits(undone, base, defined).changes).toEqual({ size: 130 })
  })

  it("names none of them: read against what is shown, and the changed updated_at blocks the save", () => {
    const forged = renderCompanyDocument(theirs).replace(/"updated_at": "[^"]*"/, `"updated_at": "2020-01-01 00:00:00 UTC"`)
    const edits = readDocumentEdits(forged, editBaseFor({ shown: theirs, previous: before, opened: undefined }, forged), defined)
    expect(hasErrors(edits)).toBe(true)
    expect(edits.problems[0]!.message).toContain("read_only.updated_at is set by Intercom")
  })

  it("does not compare the contacts, shown as they were last read", () => {
    const loaded = renderCompanyDocument(model)
    expect(readDocumentEdits(loaded, { company, contacts: undefined }, defined).problems).toEqual([])
  })
})

describe("my edits against Intercom's company now", () => {
  const edits = readDocumentEdits(renderCompanyDocument(model).replace(`"size": 120`, `"size": 130`), model, defined)

  it("landed: every edited field already has my value (an earlier save whose answer was lost)", () => {
    const theirs = { ...company, size: 130, updated_at: 1770000000 }
    expect(compareWithTheirs(edits, company, theirs)).toEqual({ landed: true, underMe: [], moved: true })
  })

  it("a conflict: an edited field someone changed to another value, or the company changed at all", () => {
    expect(compareWithTheirs(edits, company, { ...company, size: 150, updated_at: 1770000000 })).toEqual({ landed: false, underMe: ["size"], moved: true })
    expect(compareWithTheirs(edits, company, { ...company, industry: "Retail", updated_at: 1770000000 })).toEqual({ landed: false, underMe: [], moved: true })
    expect(compareWithTheirs(edits, company, company)).toEqual({ landed: false, underMe: [], moved: false })
  })
})
