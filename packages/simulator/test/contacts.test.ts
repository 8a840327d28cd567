import { describe, expect, it } from "vitest"
import { expectErrorList, useSimulator } from "./support/harness.js"

type Named = { id: string; name: string }

describe("contacts, notes and subscriptions", () => {
  const api = useSimulator({ companies: 40, seed: 9 })

  it("attaches and detaches a company; user_count and the lists follow", async () => {
    const state = api().sim.state
    const contactId = state.contactIds()[0] ?? ""
    const companyId = state.companies.ids().find((id) => !state.companiesOfContact(contactId).includes(id)) ?? ""
    const before = state.companies.get(companyId)?.user_count ?? -1

    const attached = await api().post(`/contacts/${contactId}/companies`, { id: companyId })
    expect(attached.body).toMatchObject({ type: "company", id: companyId, user_count: before + 1 })
    const list = await api().get(`/contacts/${contactId}/companies`)
    expect(list.body).toMatchObject({ type: "list", total_count: state.companiesOfContact(contactId).length })
    expect(list.body.data.map((c: Named) => c.id)).toContain(companyId)
    expect(list.body.pages).toMatchObject({ type: "pages", page: 1, per_page: 50, total_pages: 1, next: null })
    const companyContacts = await api().get(`/companies/${companyId}/contacts`)
    expect(companyContacts.body.data.map((c: Named) => c.id)).toContain(contactId)

    const detached = await api().del(`/contacts/${contactId}/companies/${companyId}`)
    expect(detached.body).toMatchObject({ id: companyId, user_count: before })
    expect(state.companiesOfContact(contactId)).not.toContain(companyId)
    expectErrorList(await api().del(`/contacts/${contactId}/companies/${companyId}`), 404, "company_not_found")
  })

  it("lists a contact's companies as the company lists do: same keys, same order, paged", async () => {
    const state = api().sim.state
    const contactId = state.contactIds().find((c) => state.companiesOfContact(c).length > 1) ?? ""
    const ids = state.companiesOfContact(contactId)
    const res = await api().get(`/contacts/${contactId}/companies?per_page=1&page=2`)
    expect(res.text.startsWith(`{"type":"list","data":[{`)).toBe(true)
    expect(Object.keys(res.body)).toEqual(["type", "data", "pages", "total_count"])
    expect(res.body.total_count).toBe(ids.length)
    expect(res.body.data.map((c: Named) => c.id)).toEqual([ids[1]])
    expect(res.body.pages).toMatchObject({ type: "pages", page: 2, per_page: 1, total_pages: ids.length })
  })

  it("answers attach errors as documented", async () => {
    const contactId = api().sim.state.contactIds()[0] ?? ""
    expectErrorList(await api().post(`/contacts/${contactId}/companies`, {}), 400, "parameter_not_found", "company not specified")
    expectErrorList(await api().post(`/contacts/${contactId}/companies`, { id: "123" }), 404, "company_not_found")
    expectErrorList(await api().post("/contacts/nobody/companies", { id: "123" }), 404, "not_found", "User Not Found")
    expectErrorList(await api().get("/contacts/nobody/companies"), 404, "not_found", "User Not Found")
  })

  it("lists a contact's segments from its companies", async () => {
    const state = api().sim.state
    const contactId = state.contactIds().find((c) => state.companiesOfContact(c).some((id) => state.segmentsOf(id).length > 0))
    if (contactId === undefined) throw new Error("no contact in a segment")
    const expected = new Set(state.companiesOfContact(contactId).flatMap((id) => state.segmentsOf(id).map((s) => s.id)))
    const res = await api().get(`/contacts/${contactId}/segments`)
    expect(res.body.type).toBe("list")
    expect(new Set(res.body.data.map((s: Named) => s.id))).toEqual(expected)
  })

  it("tags and untags a contact", async () => {
    const contactId = api().sim.state.contactIds()[2] ?? ""
    const tag = api().sim.state.tags()[3]
    if (tag === undefined) throw new Error("no tags")
    const added = await api().post(`/contacts/${contactId}/tags`, { id: tag.id })
    expect(added.body).toMatchObject({ type: "tag", id: tag.id, name: tag.name, applied_by: { type: "admin" } })
    expect(typeof added.body.applied_at).toBe("number")
    const listed = await api().get(`/contacts/${contactId}/tags`)
    expect(listed.body.data.map((t: Named) => t.id)).toContain(tag.id)
    const removed = await api().del(`/contacts/${contactId}/tags/${tag.id}`)
    expect(removed.body.id).toBe(tag.id)
    expect((await api().get(`/contacts/${contactId}/tags`)).body.data.map((t: Named) => t.id)).not.toContain(tag.id)
    expectErrorList(await api().post(`/contacts/${contactId}/tags`, { id: "999" }), 404, "not_found", "Resource Not Found")
  })

  it("creates, lists and finds notes; a retried create makes a second note", async () => {
    const contactId = api().sim.state.contactIds()[1] ?? ""
    const before = api().sim.state.notesOf(contactId).length
    const created = await api().post(`/contacts/${contactId}/notes`, { body: "Called <them>", admin_id: "991267391" })
    expect(created.body).toMatchObject({
      type: "note",
      body: "<p>Called &lt;them&gt;</p>",
      contact: { type: "contact", id: contactId },
      author: { type: "admin", id: "991267391", name: "Sam Chen" }
    })
    const again = await api().post(`/contacts/${contactId}/notes`, { body: "Called <them>" })
    expect(again.body.id).not.toBe(created.body.id)
    expect(again.body.author.id).toBe("991267390")

    const list = await api().get(`/contacts/${contactId}/notes`)
    expect(list.body).toMatchObject({ type: "list", total_count: before + 2 })
    expect(list.body.data[0].id).toBe(again.body.id) // newest first
    expect(list.body.pages).toMatchObject({ type: "pages", page: 1, per_page: 50 })

    expect((await api().get(`/notes/${created.body.id}`)).body).toEqual(created.body)
    expectErrorList(await api().get("/notes/1"), 404, "not_found", "Resource Not Found")
    expectErrorList(await api().post(`/contacts/${contactId}/notes`, { body: "x", admin_id: "5" }), 404, "not_found", "Resource Not Found")
    expectErrorList(await api().post("/contacts/nobody/notes", { body: "x" }), 404, "not_found", "User Not Found")
    expectErrorList(await api().post(`/contacts/${contactId}/notes`, {}), 400, "parameter_not_found")
  })

  it("lists subscription types and a contact's explicit preferences", async () => {
    const types = await api().get("/subscription_types")
    expect(types.body.type).toBe("list")
    expect(types.body.data).toHaveLength(4)
    expect(types.body.data[0]).toMatchObject({
      type: "subscription",
      state: "live",
      consent_type: "opt_out",
      default_translation: { name: "Newsletters", locale: "en" },
      content_types: ["email"]
    })
    const contactId = api().sim.state.contactIds()[5] ?? ""
    const optIn = types.body.data.find((t: { consent_type: string }) => t.consent_type === "opt_in")
    const added = await api().post(`/contacts/${contactId}/subscriptions`, { id: optIn.id, consent_type: "opt_in" })
    expect(added.body.id).toBe(optIn.id)
    const mine = await api().get(`/contacts/${contactId}/subscriptions`)
    expect(mine.body.data.map((t: Named) => t.id)).toContain(optIn.id)
    expect(api().sim.state.subscriptionsOf(contactId).map((t) => t.id)).toContain(optIn.id)
    await api().del(`/contacts/${contactId}/subscriptions/${optIn.id}`)
    expect((await api().get(`/contacts/${contactId}/subscriptions`)).body.data.map((t: Named) => t.id)).not.toContain(optIn.id)
    expectErrorList(await api().get("/contacts/nobody/subscriptions"), 404, "not_found", "User Not Found")
  })

  it("serves a contact with its embedded lists", async () => {
    const contactId = api().sim.state.contactIds()[0] ?? ""
    const res = await api().get(`/contacts/${contactId}`)
    expect(res.body).toMatchObject({
      type: "contact",
      id: contactId,
      companies: { type: "list", url: `/contacts/${contactId}/companies` },
      location: { type: "location" }
    })
    expect(res.body.companies.total_count).toBe(api().sim.state.companiesOfContact(contactId).length)
  })
})

describe("the per-contact company limit", () => {
  const api = useSimulator({ companies: 1_005, seed: 4, rateLimit: 100_000 })

  it("refuses the 1001st company with contact_company_limit_exceeded", async () => {
    const state = api().sim.state
    const contactId = state.contactIds()[0] ?? ""
    const candidates = state.companies.ids().filter((id) => !state.companiesOfContact(contactId).includes(id))
    while (state.companiesOfContact(contactId).length < 1000) {
      const next = candidates.shift() ?? ""
      expect((await api().post(`/contacts/${contactId}/companies`, { id: next })).status).toBe(200)
    }
    expectErrorList(
      await api().post(`/contacts/${contactId}/companies`, { id: candidates[0] }),
      400,
      "contact_company_limit_exceeded",
      "Contact has reached the maximum of 1000 company associations"
    )
    // Re-attaching one it already has is not a new association.
    const existing = state.companiesOfContact(contactId)[0] ?? ""
    expect((await api().post(`/contacts/${contactId}/companies`, { id: existing })).status).toBe(200)
  })
})
