import { Intercom, IntercomClient, IntercomError } from "intercom-client"
import { describe, expect, it } from "vitest"
import { startSimulator } from "../src/index.js"
import { useSimulator } from "./support/harness.js"

// Contract tests: the official Node SDK (intercom-client 7, generated from the 2.14 description,
// sending Intercom-Version 2.14) pointed at the simulator, making the calls a user would, and
// checking what comes back, not just that nothing threw.

const errorOf = async (promise: Promise<unknown>): Promise<IntercomError> => {
  try {
    await promise
  } catch (error) {
    if (error instanceof IntercomError) return error
    throw error
  }
  throw new Error("expected the call to fail")
}

const codeOf = (error: IntercomError): string | undefined =>
  (error.body as { errors?: Array<{ code?: string }> } | undefined)?.errors?.[0]?.code

describe("intercom-client against the simulator", () => {
  const api = useSimulator({ companies: 50, seed: 17, token: "contract-token", scrollPageSize: 20 })
  const client = (): IntercomClient =>
    new IntercomClient({ token: "contract-token", baseUrl: api().sim.url, maxRetries: 0 })

  it("companies: create, update, find, retrieve, update, delete", async () => {
    // Intercom keeps only defined custom attributes, so `source` is defined first, as a user would.
    await client().dataAttributes.create({ name: "source", model: "company", data_type: "string" } as Intercom.CreateDataAttributeRequest)
    const created = await client().companies.createOrUpdate({
      company_id: "sdk-1",
      name: "SDK Co",
      plan: "Pro",
      size: 42,
      website: "https://sdk.example",
      industry: "Software",
      monthly_spend: 1200,
      custom_attributes: { source: "sdk" }
    })
    expect(created).toMatchObject({
      type: "company",
      company_id: "sdk-1",
      name: "SDK Co",
      size: 42,
      monthly_spend: 1200,
      plan: { name: "Pro" },
      custom_attributes: { source: "sdk" }
    })
    const upserted = await client().companies.createOrUpdate({ company_id: "sdk-1", name: "SDK Company" })
    expect(upserted.id).toBe(created.id)

    const found = await client().companies.find({ company_id: created.id })
    expect(found.name).toBe("SDK Company")
    const retrieved = await client().companies.retrieve({ company_id: "sdk-1" })
    expect(retrieved).toMatchObject({ type: "company", id: created.id })

    const updated = await client().companies.update({ company_id: created.id, body: { name: "Renamed", size: 2000 } })
    expect(updated).toMatchObject({ name: "Renamed", size: 2000 })
    expect(updated.segments?.segments?.map((s) => s.name)).toContain("Large companies")

    const deleted = await client().companies.delete({ company_id: created.id })
    expect(deleted).toEqual({ id: created.id, object: "company", deleted: true })
    const gone = await errorOf(client().companies.find({ company_id: created.id }))
    expect(gone).toBeInstanceOf(Intercom.NotFoundError)
    expect(codeOf(gone)).toBe("company_not_found")
  })

  it("companies.retrieve by tag_id and segment_id returns lists", async () => {
    const tag = api().sim.state.tags()[0]
    const segment = api().sim.state.segments()[0]
    if (tag === undefined || segment === undefined) throw new Error("seed changed")
    const byTag = await client().companies.retrieve({ tag_id: tag.id, per_page: 50 })
    expect(byTag.type).toBe("list")
    const tagged = (byTag as Intercom.CompanyList).data?.map((c) => c.id) ?? []
    expect(new Set(tagged)).toEqual(new Set(api().sim.state.companiesWithTag(tag.id)))
    const bySegment = (await client().companies.retrieve({ segment_id: segment.id, per_page: 50 })) as Intercom.CompanyList
    expect(new Set(bySegment.data?.map((c) => c.id))).toEqual(new Set(api().sim.state.companiesInSegment(segment.id)))
  })

  it("companies.list pages through every company with users", async () => {
    const state = api().sim.state
    const expected = state.companies.ids().filter((id) => (state.companies.get(id)?.user_count ?? 0) > 0)
    const seen: Array<string> = []
    for await (const company of await client().companies.list({ per_page: 7 })) seen.push(company.id)
    expect(seen.sort()).toEqual([...expected].sort())
  })

  it("companies.scroll serves every company once; stopping on the empty page is the client's job", async () => {
    let page = await client().companies.scroll()
    const seen = page.data.map((c) => c.id)
    while (page.data.length > 0) {
      page = await page.getNextPage()
      seen.push(...page.data.map((c) => c.id))
    }
    expect(seen).toEqual(api().sim.state.companies.ids())
    // The SDK's iterator only stops on a missing scroll_param, so it asks once more after the
    // empty page and meets the expired param, as it would against Intercom.
    expect(page.hasNextPage()).toBe(true)
    const after = await errorOf(page.getNextPage())
    expect(after.statusCode).toBe(404)
    expect(codeOf(after)).toBe("not_found")
  })

  it("a second scroll while one is open is refused with scroll_exists", async () => {
    const first = await client().companies.scroll()
    const refused = await errorOf(client().companies.scroll())
    expect(refused.statusCode).toBe(400)
    expect(codeOf(refused)).toBe("scroll_exists")
    // Read the first one to its end to release the lock.
    let page = first
    while (page.data.length > 0) page = await page.getNextPage()
  })

  it("company contacts and segments; attach and detach a contact", async () => {
    const state = api().sim.state
    const companyId = state.companies.ids().find((id) => state.contactsOfCompany(id).length > 0) ?? ""
    const contacts = await client().companies.listAttachedContacts({ company_id: companyId })
    expect(contacts.data?.map((c) => c.id)).toEqual(state.contactsOfCompany(companyId))
    const segments = await client().companies.listAttachedSegments({ company_id: companyId })
    expect(segments.data?.map((s) => s.id)).toEqual(state.segmentsOf(companyId).map((s) => s.id))

    const contactId = state.contactIds().find((c) => !state.companiesOfContact(c).includes(companyId)) ?? ""
    const attached = await client().companies.attachContact({ contact_id: contactId, id: companyId })
    expect(attached.user_count).toBe(state.contactsOfCompany(companyId).length)
    expect(state.companiesOfContact(contactId)).toContain(companyId)
    await client().companies.detachContact({ contact_id: contactId, company_id: companyId })
    expect(state.companiesOfContact(contactId)).not.toContain(companyId)
  })

  it("tags: create, tag and untag companies, find, list, delete, and the dependent-segment refusal", async () => {
    const companyId = api().sim.state.companies.ids()[3] ?? ""
    const company = api().sim.state.companies.get(companyId)
    const tag = await client().tags.create({ name: "SDK tag" })
    expect(tag).toMatchObject({ type: "tag", name: "SDK tag" })
    await client().tags.create({ name: "SDK tag", companies: [{ id: companyId }] })
    expect(api().sim.state.tagsOf(companyId).map((t) => t.id)).toContain(tag.id)
    const withTag = (await client().companies.retrieve({ tag_id: tag.id })) as Intercom.CompanyList
    expect(withTag.data?.map((c) => c.id)).toEqual([companyId])

    await client().tags.create({ name: "SDK tag", companies: [{ id: companyId, company_id: company?.company_id ?? "", untag: true }] })
    expect(api().sim.state.tagsOf(companyId).map((t) => t.id)).not.toContain(tag.id)

    expect(await client().tags.find({ tag_id: tag.id })).toMatchObject({ id: tag.id, name: "SDK tag" })
    expect((await client().tags.list()).data?.map((t) => t.name)).toContain("SDK tag")
    await client().tags.delete({ tag_id: tag.id })
    const gone = await errorOf(client().tags.find({ tag_id: tag.id }))
    expect(gone).toBeInstanceOf(Intercom.NotFoundError)

    const vip = api().sim.state.tagByName("VIP")
    const refused = await errorOf(client().tags.delete({ tag_id: vip?.id ?? "" }))
    expect(refused).toBeInstanceOf(Intercom.BadRequestError)
    expect(codeOf(refused)).toBe("tag_has_dependent_objects")
  })

  it("segments: list with counts, find", async () => {
    const list = await client().segments.list({ include_count: true })
    expect(list.type).toBe("segment.list")
    expect(list.segments?.map((s) => [s.name, s.count])).toEqual(api().sim.state.segments().map((s) => [s.name, s.count]))
    const first = list.segments?.[0]
    const found = await client().segments.find({ segment_id: first?.id ?? "" })
    expect(found.name).toBe(first?.name)
  })

  it("notes: create, list, find", async () => {
    const contactId = api().sim.state.contactIds()[4] ?? ""
    const note = await client().notes.create({ contact_id: contactId, body: "From the SDK", admin_id: "991267392" })
    expect(note).toMatchObject({ type: "note", body: "<p>From the SDK</p>", author: { id: "991267392" } })
    const listed: Array<string> = []
    for await (const n of await client().notes.list({ contact_id: contactId })) listed.push(n.id)
    expect(listed).toEqual(api().sim.state.notesOf(contactId).map((n) => n.id))
    // The SDK types note_id as a number, though ids are strings on the wire.
    expect((await client().notes.find({ note_id: Number(note.id) })).body).toBe("<p>From the SDK</p>")
  })

  it("contacts: companies, segments, tags, subscriptions", async () => {
    const state = api().sim.state
    const contactId = state.contactIds()[6] ?? ""
    const companies = await client().contacts.listAttachedCompanies({ contact_id: contactId })
    // Intercom answers with `data` (its recorded example does) while the SDK reads `companies`:
    // the raw response carries the companies, the SDK's page does not see them.
    const raw = companies.response as unknown as { data: Array<{ id: string }> }
    expect(raw.data.map((c) => c.id)).toEqual(state.companiesOfContact(contactId))
    expect(companies.data).toEqual([])

    const segments = await client().contacts.listAttachedSegments({ contact_id: contactId })
    expect(new Set(segments.data?.map((s) => s.id))).toEqual(
      new Set(state.companiesOfContact(contactId).flatMap((id) => state.segmentsOf(id).map((s) => s.id)))
    )

    const tagId = state.tags()[2]?.id ?? ""
    await client().tags.tagContact({ contact_id: contactId, id: tagId })
    expect((await client().contacts.listAttachedTags({ contact_id: contactId })).data?.map((t) => t.id)).toContain(tagId)
    await client().tags.untagContact({ contact_id: contactId, tag_id: tagId })
    expect((await client().contacts.listAttachedTags({ contact_id: contactId })).data?.map((t) => t.id)).not.toContain(tagId)

    const types = await client().subscriptionTypes.list()
    expect(types.data?.map((t) => t.default_translation?.name)).toEqual([
      "Newsletters",
      "Product updates",
      "Billing alerts",
      "Beta program"
    ])
    const typeId = types.data?.[2]?.id ?? ""
    await client().contacts.attachSubscription({ contact_id: contactId, id: typeId, consent_type: "opt_in" })
    const mine = await client().contacts.listAttachedSubscriptions({ contact_id: contactId })
    expect(mine.data?.map((t) => t.id)).toContain(typeId)
    await client().contacts.detachSubscription({ contact_id: contactId, subscription_id: typeId })
    expect((await client().contacts.listAttachedSubscriptions({ contact_id: contactId })).data?.map((t) => t.id)).not.toContain(typeId)
  })

  it("errors: wrong token, unknown company, and the request_id", async () => {
    const wrong = new IntercomClient({ token: "nope", baseUrl: api().sim.url, maxRetries: 0 })
    const unauthorized = await errorOf(wrong.tags.list())
    expect(unauthorized).toBeInstanceOf(Intercom.UnauthorizedError)
    expect(unauthorized.body).toMatchObject({ type: "error.list", errors: [{ code: "unauthorized", message: "Access Token Invalid" }] })
    const missing = await errorOf(client().companies.retrieve({ company_id: "missing" }))
    expect(missing).toBeInstanceOf(Intercom.NotFoundError)
    expect((missing.body as { request_id?: string }).request_id).toMatch(/^[0-9a-f-]{36}$/)
  })

  it("dataAttributes: list by model, create, update (archive), and the 404 of an unknown id", async () => {
    const listed = await client().dataAttributes.list({ model: "company" })
    expect(listed.data?.find((a) => a.name === "health_score")).toMatchObject({ data_type: "integer", custom: true, model: "company" })
    // The SDK's create type (2.14's oneOf) leaves out name and model, which Intercom requires.
    const created = await client().dataAttributes.create({ name: "SDK attribute", model: "company", data_type: "boolean" } as Intercom.CreateDataAttributeRequest)
    expect(created).toMatchObject({ type: "data_attribute", name: "SDK attribute", data_type: "boolean", custom: true })
    const archived = await client().dataAttributes.update({ data_attribute_id: Number(created.id), body: { archived: true } })
    expect(archived).toMatchObject({ id: created.id, archived: true })
    const withArchived = await client().dataAttributes.list({ model: "company", include_archived: true })
    expect(withArchived.data?.some((a) => a.id === created.id)).toBe(true)
    const missing = await errorOf(client().dataAttributes.update({ data_attribute_id: 999_999, body: { archived: true } }))
    expect(missing).toBeInstanceOf(Intercom.NotFoundError)
    expect(codeOf(missing)).toBe("field_not_found")
  })

  it("accepts the SDK's own version header (2.14) and an explicit 2.11", async () => {
    const raw = await client().tags.list().withRawResponse()
    expect(raw.rawResponse.headers.get("x-ratelimit-limit")).toBe("166")
    const pinned = new IntercomClient({ token: "contract-token", baseUrl: api().sim.url, version: "2.11", maxRetries: 0 })
    expect((await pinned.tags.list()).data?.length).toBeGreaterThan(0)
  })
})

describe("intercom-client retries a 429 after X-RateLimit-Reset", () => {
  it("gets through once the window resets", async () => {
    const sim = await startSimulator({ companies: 5, token: "t", rateWindowMs: 1_000 })
    try {
      sim.faults.inject({ kind: "rate-limit-burst", count: 1 })
      const client = new IntercomClient({ token: "t", baseUrl: sim.url, maxRetries: 1 })
      const tags = await client.tags.list()
      expect(tags.data?.length).toBe(12)
      expect(sim.state.rateLimit.injected).toBe(1)
      expect(sim.state.requests.map((r) => r.status)).toEqual([429, 200])
    } finally {
      await sim.close()
    }
  })
})
