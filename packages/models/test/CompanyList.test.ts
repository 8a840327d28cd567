import { describe, expect, it } from "@effect/vitest"
import { Schema } from "effect"
import {
  CompanyAttachedContacts,
  CompanyList,
  CompanyOrCompanyList,
  CompanyScroll,
  ContactAttachedCompanies,
  companiesOf,
  CursorPages,
  isCompanyList
} from "../src/index.js"
import { contact, fullCompany, minimalCompany } from "./fixtures.js"

const pages = (next?: unknown) => ({
  type: "pages",
  page: 2,
  per_page: 25,
  total_pages: 4,
  ...(next === undefined ? {} : { next })
})

describe("CompanyList", () => {
  it.each([
    ["missing", undefined],
    ["null", null],
    ["a URL string", "https://api.intercom.io/companies/list?page=3"],
    ["a cursor object", { per_page: 25, starting_after: "WzE3MTcxMDAwMDBd" }],
    ["a cursor object with a null cursor", { per_page: 25, starting_after: null }]
  ])("decodes pages.next when it is %s", (_, next) => {
    const list = Schema.decodeUnknownSync(CompanyList)({ type: "list", data: [fullCompany], total_count: 90, pages: pages(next) })
    expect(list.pages?.next).toEqual(next)
  })

  it("decodes without pages, or with pages null", () => {
    expect(Schema.decodeUnknownSync(CompanyList)({ type: "list", data: [], total_count: 0 }).pages).toBeUndefined()
    expect(Schema.decodeUnknownSync(CompanyList)({ type: "list", data: [], total_count: 0, pages: null }).pages).toBeNull()
  })

  it("accepts the offset_pages type used by Intercom's SDK fixtures", () => {
    expect(Schema.decodeUnknownSync(CursorPages)({ type: "offset_pages", page: 1, next: "next", per_page: 15, total_pages: 2 }).type)
      .toBe("offset_pages")
  })

  it("rejects a list whose companies are broken or whose next is a number", () => {
    expect(() => Schema.decodeUnknownSync(CompanyList)({ type: "list", data: [{ name: "no id" }], total_count: 1 })).toThrow()
    expect(() => Schema.decodeUnknownSync(CompanyList)({ type: "list", data: [], total_count: 0, pages: pages(3) })).toThrow()
    expect(() => Schema.decodeUnknownSync(CompanyList)({ type: "company.list", companies: [], total_count: 0 })).toThrow()
  })
})

describe("GET /companies: a company or a list", () => {
  it("decodes a single company", () => {
    const value = Schema.decodeUnknownSync(CompanyOrCompanyList)(fullCompany)
    expect(isCompanyList(value)).toBe(false)
    expect(companiesOf(value).map((c) => c.id)).toEqual([fullCompany.id])
  })

  it("decodes a list", () => {
    const value = Schema.decodeUnknownSync(CompanyOrCompanyList)({ type: "list", data: [fullCompany, minimalCompany], total_count: 2 })
    expect(isCompanyList(value)).toBe(true)
    expect(companiesOf(value)).toHaveLength(2)
  })

  it("rejects something that is neither", () => {
    expect(() => Schema.decodeUnknownSync(CompanyOrCompanyList)({ type: "list", total_count: 0 })).toThrow()
  })
})

describe("CompanyScroll", () => {
  it("decodes a page with pages and total_count null", () => {
    const page = Schema.decodeUnknownSync(CompanyScroll)({
      type: "list",
      data: [fullCompany],
      pages: null,
      total_count: null,
      scroll_param: "5d9c1e2a-0b7f-4c55-9f1e-2a3b4c5d6e7f"
    })
    expect(page.scroll_param).toBe("5d9c1e2a-0b7f-4c55-9f1e-2a3b4c5d6e7f")
  })

  it("decodes the final empty page with or without a scroll_param", () => {
    expect(Schema.decodeUnknownSync(CompanyScroll)({ type: "list", data: [] }).data).toEqual([])
    expect(Schema.decodeUnknownSync(CompanyScroll)({ type: "list", data: [], scroll_param: null }).scroll_param).toBeNull()
  })
})

describe("ContactAttachedCompanies", () => {
  const base = { type: "list", total_count: 1, pages: { type: "pages", page: 1, per_page: 15, total_pages: 1, next: null } }

  it("decodes companies sent as `data` (what the API sends)", () => {
    expect(Schema.decodeUnknownSync(ContactAttachedCompanies)({ ...base, data: [fullCompany] }).data[0]?.id).toBe(fullCompany.id)
  })

  it("decodes companies sent as `companies` (what the schema names) into `data`", () => {
    const value = Schema.decodeUnknownSync(ContactAttachedCompanies)({ ...base, companies: [minimalCompany] })
    expect(value.data).toEqual([minimalCompany])
    expect("companies" in value).toBe(false)
  })

  it("encodes as `data`", () => {
    const value = Schema.decodeUnknownSync(ContactAttachedCompanies)({ ...base, companies: [minimalCompany] })
    expect(Schema.encodeSync(ContactAttachedCompanies)(value)).toEqual({ ...base, data: [minimalCompany] })
  })

  it("rejects a body with neither", () => {
    expect(() => Schema.decodeUnknownSync(ContactAttachedCompanies)(base)).toThrow(/`data` or `companies`/)
  })
})

describe("CompanyAttachedContacts", () => {
  it("decodes contacts, keeping the summary fields and dropping the rest", () => {
    const list = Schema.decodeUnknownSync(CompanyAttachedContacts)({
      type: "list",
      data: [contact],
      total_count: 1,
      pages: { type: "pages", page: 1, per_page: 50, total_pages: 1 }
    })
    expect(list.data[0]?.email).toBe("ada@example.org")
    expect(list.data[0]).not.toHaveProperty("browser")
  })
})
