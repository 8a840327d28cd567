import { beforeAll, describe, expect, it } from "vitest"
import { defineCompanyAttributes } from "../src/index.js"
import { expectErrorList, useSimulator } from "./support/harness.js"

describe("companies", () => {
  const api = useSimulator({ companies: 60 })
  // Intercom keeps only defined custom attributes; these tests write two of their own.
  beforeAll(() => defineCompanyAttributes(api().sim, { tier: "string", renewal: "string" }))

  it("creates a company by company_id, then updates the same one (upsert)", async () => {
    const created = await api().post("/companies", {
      company_id: "acme-1",
      name: "Acme",
      plan: "Pro",
      size: "250",
      monthly_spend: 99.9,
      custom_attributes: { tier: "gold", seats: 12 }
    })
    expect(created.status).toBe(200)
    expect(created.body).toMatchObject({
      type: "company",
      company_id: "acme-1",
      name: "Acme",
      size: 250,
      monthly_spend: 99,
      user_count: 0,
      plan: { type: "plan", name: "Pro" },
      custom_attributes: { tier: "gold", seats: 12 },
      tags: { type: "tag.list", tags: [] },
      segments: { type: "segment.list", segments: [] }
    })
    expect(created.body.id).toMatch(/^[0-9a-f]{24}$/)
    expect(created.body.app_id).toBe(api().sim.state.companies.get(created.body.id)?.app_id)

    const updated = await api().post("/companies", { company_id: "acme-1", name: "Acme Corp", custom_attributes: { seats: 20 } })
    expect(updated.body.id).toBe(created.body.id)
    expect(updated.body.name).toBe("Acme Corp")
    // Custom attributes merge: `tier` was not sent and survives.
    expect(updated.body.custom_attributes).toEqual({ tier: "gold", seats: 20 })
    expect(api().sim.state.companies.byCompanyId("acme-1")?.name).toBe("Acme Corp")
  })

  it("refuses unknown body parameters the way Intercom does", async () => {
    expectErrorList(await api().post("/companies", { test: "invalid" }), 400, "bad_request", "bad 'test' parameter")
    expectErrorList(await api().post("/companies", { company_id: "x", size: "lots" }), 400, "parameter_invalid")
  })

  it("takes update_last_request_at on upsert only, and a company_id as a string or a number", async () => {
    const numeric = await api().post("/companies", { company_id: 4242, name: "Numbered", update_last_request_at: true })
    expect(numeric.body).toMatchObject({ type: "company", company_id: "4242" })
    const put = await api().put(`/companies/${numeric.body.id as string}`, { update_last_request_at: true })
    expectErrorList(put, 400, "bad_request", "bad 'update_last_request_at' parameter")
    expectErrorList(await api().post("/companies", { company_id: { id: 1 } }), 400, "parameter_invalid", "company_id must be a string")
    expectErrorList(await api().post("/companies", { company_id: "", update_last_request_at: true }), 400, "parameter_not_found")
  })

  it("finds one company by company_id or name, 404 company_not_found otherwise", async () => {
    const [first] = api().sim.state.companies.ids()
    const company = api().sim.state.companies.get(first ?? "")
    if (company === undefined) throw new Error("no seeded company")
    const byCompanyId = await api().get(`/companies?company_id=${encodeURIComponent(company.company_id)}`)
    expect(byCompanyId.body).toMatchObject({ type: "company", id: company.id })
    const byName = await api().get(`/companies?name=${encodeURIComponent(company.name)}`)
    expect(byName.body).toMatchObject({ type: "company", id: company.id })
    expectErrorList(await api().get("/companies?company_id=nope"), 404, "company_not_found", "Company Not Found")
    expectErrorList(await api().get("/companies?name=nope"), 404, "company_not_found")
  })

  it("GET/PUT/DELETE /companies/{id}, with the later-version update body", async () => {
    const created = await api().post("/companies", { company_id: "put-1", name: "Before" })
    const id = created.body.id as string
    expect((await api().get(`/companies/${id}`)).body).toMatchObject({ id, name: "Before" })

    const put = await api().put(`/companies/${id}`, {
      name: "After",
      plan: "Enterprise",
      size: 5000,
      website: "https://after.example",
      industry: "Retail",
      monthly_spend: 7000,
      custom_attributes: { renewal: "2026-06-01" }
    })
    expect(put.status).toBe(200)
    expect(put.body).toMatchObject({
      name: "After",
      plan: { name: "Enterprise" },
      size: 5000,
      website: "https://after.example",
      industry: "Retail",
      monthly_spend: 7000,
      custom_attributes: { renewal: "2026-06-01" }
    })
    // The edit moved it into the attribute-based segments.
    const segmentNames = (put.body.segments.segments as Array<{ name: string }>).map((s) => s.name)
    expect(segmentNames).toEqual(expect.arrayContaining(["Enterprise plan", "High spenders", "Large companies"]))
    expectErrorList(await api().put(`/companies/${id}`, { company_id: "other" }), 400, "parameter_invalid")

    const deleted = await api().del(`/companies/${id}`)
    expect(deleted.body).toEqual({ id, object: "company", deleted: true })
    expectErrorList(await api().get(`/companies/${id}`), 404, "company_not_found")
    expectErrorList(await api().put(`/companies/${id}`, { name: "x" }), 404, "company_not_found")
    expectErrorList(await api().del(`/companies/${id}`), 404, "company_not_found")
    expect(api().sim.state.companies.get(id)).toBeUndefined()
  })

  it("lists a company's contacts and segments", async () => {
    const withContacts = api()
      .sim.state.companies.ids()
      .find((id) => api().sim.state.contactsOfCompany(id).length > 1)
    if (withContacts === undefined) throw new Error("no company with contacts")
    const contacts = await api().get(`/companies/${withContacts}/contacts`)
    expect(contacts.body).toMatchObject({ type: "list", total_count: api().sim.state.contactsOfCompany(withContacts).length })
    expect(contacts.body.pages).toMatchObject({ type: "pages", page: 1, per_page: 50 })
    expect(contacts.body.data.map((c: { id: string }) => c.id)).toEqual(api().sim.state.contactsOfCompany(withContacts))
    expect(contacts.body.data[0]).toMatchObject({ type: "contact", role: "user" })

    const segments = await api().get(`/companies/${withContacts}/segments`)
    expect(segments.body.type).toBe("list")
    expect(segments.body.data.map((s: { id: string }) => s.id)).toEqual(
      api().sim.state.segmentsOf(withContacts).map((s) => s.id)
    )
    expectErrorList(await api().get("/companies/000000000000000000000000/contacts"), 404, "company_not_found")
    expectErrorList(await api().get("/companies/000000000000000000000000/segments"), 404, "company_not_found")
  })
})

describe("POST /companies/list", () => {
  const api = useSimulator({ companies: 80 })

  it("pages by page/per_page, sorted by last_request_at desc, leaving out companies without users", async () => {
    const state = api().sim.state
    const withUsers = state.companies
      .ids()
      .map((id) => state.companies.get(id))
      .filter((c) => c !== undefined && c.user_count > 0)
    const first = await api().post("/companies/list?per_page=10")
    expect(first.status).toBe(200)
    expect(first.body.type).toBe("list")
    expect(first.body.total_count).toBe(withUsers.length)
    expect(first.body.pages).toMatchObject({ type: "pages", page: 1, per_page: 10, total_pages: Math.ceil(withUsers.length / 10) })
    expect(first.body.pages.next).toContain("page=2")

    const all: Array<{ id: string; last_request_at?: number; user_count: number }> = []
    for (let page = 1; page <= first.body.pages.total_pages; page++) {
      const res = await api().post(`/companies/list?per_page=10&page=${page}`)
      all.push(...res.body.data)
    }
    expect(all).toHaveLength(withUsers.length)
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length)
    expect(all.every((c) => c.user_count > 0)).toBe(true)
    const stamps = all.map((c) => c.last_request_at ?? -1)
    expect(stamps).toEqual([...stamps].sort((a, b) => b - a))

    const asc = await api().post("/companies/list?per_page=10&order=asc")
    const ascStamps = (asc.body.data as Array<{ last_request_at?: number }>).map((c) => c.last_request_at ?? -1)
    expect(ascStamps).toEqual([...ascStamps].sort((a, b) => a - b))

    const defaultPage = await api().post("/companies/list")
    expect(defaultPage.body.pages.per_page).toBe(15)
    expect(defaultPage.body.data).toHaveLength(15)
  })

  it("a company appears in the list once a contact is attached", async () => {
    const created = await api().post("/companies", { company_id: "new-with-user", name: "Fresh", update_last_request_at: true })
    const id = created.body.id as string
    const inList = async (): Promise<boolean> => {
      const res = await api().post("/companies/list?per_page=150")
      return (res.body.data as Array<{ id: string }>).some((c) => c.id === id)
    }
    expect(await inList()).toBe(false)
    const contactId = api().sim.state.contactIds()[0] ?? ""
    const attached = await api().post(`/contacts/${contactId}/companies`, { id })
    expect(attached.body).toMatchObject({ id, user_count: 1 })
    expect(await inList()).toBe(true)
  })
})

describe("the 10,000-company cap of /companies/list", () => {
  const api = useSimulator({ companies: 12_500, seed: 3 })

  it("stops at 10,000 and points at the scroll API beyond", async () => {
    const first = await api().post("/companies/list?per_page=100")
    expect(first.body.total_count).toBeGreaterThan(10_000)
    expect(first.body.pages.total_pages).toBe(100)
    const last = await api().post("/companies/list?per_page=100&page=100")
    expect(last.body.data).toHaveLength(100)
    expect(last.body.pages.next).toBeNull()
    expectErrorList(
      await api().post("/companies/list?per_page=100&page=101"),
      400,
      "bad_request",
      "page limit reached, please use scroll API"
    )
  })
})
