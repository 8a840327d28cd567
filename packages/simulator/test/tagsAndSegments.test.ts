import { describe, expect, it } from "vitest"
import { expectErrorList, useSimulator } from "./support/harness.js"

type Named = { id: string; name: string }

describe("tags and segments move together", () => {
  const api = useSimulator({ companies: 60, seed: 21 })

  const untaggedCompany = (tagId: string): string => {
    const id = api()
      .sim.state.companies.ids()
      .find((c) => !api().sim.state.tagsOf(c).some((t) => t.id === tagId))
    if (id === undefined) throw new Error("every company carries the tag")
    return id
  }

  it("tag a company: it shows under the tag, in its tags and in the tag-based segment; untag reverses it", async () => {
    const vip = api().sim.state.tagByName("VIP")
    const vipSegment = api().sim.state.segmentByName("VIP accounts")
    if (vip === undefined || vipSegment === undefined) throw new Error("seed changed")
    const companyId = untaggedCompany(vip.id)
    const company = api().sim.state.companies.get(companyId)
    expect((await api().get(`/companies/${companyId}`)).body.segments.segments.map((s: Named) => s.name)).not.toContain(
      "VIP accounts"
    )

    const tagged = await api().post("/tags", { name: "vip", companies: [{ id: companyId }] })
    // Names are case-insensitive: "vip" is the existing "VIP" tag.
    expect(tagged.body).toEqual({ type: "tag", id: vip.id, name: "VIP" })

    const underTag = await api().get(`/companies?tag_id=${vip.id}&per_page=150`)
    expect(underTag.body.type).toBe("list")
    expect(underTag.body.data.map((c: Named) => c.id)).toContain(companyId)
    expect(underTag.body.total_count).toBe(api().sim.state.companiesWithTag(vip.id).length)

    const fresh = await api().get(`/companies/${companyId}`)
    expect(fresh.body.tags.tags).toContainEqual({ type: "tag", id: vip.id, name: "VIP" })
    expect(fresh.body.segments.segments.map((s: Named) => s.name)).toContain("VIP accounts")

    const inSegment = await api().get(`/companies?segment_id=${vipSegment.id}&per_page=150`)
    expect(inSegment.body.data.map((c: Named) => c.id)).toContain(companyId)
    expect((await api().get(`/companies/${companyId}/segments`)).body.data.map((s: Named) => s.id)).toContain(vipSegment.id)

    const counted = await api().get("/segments?include_count=true")
    const vipCount = counted.body.segments.find((s: Named) => s.id === vipSegment.id).count
    expect(vipCount).toBe(api().sim.state.companiesInSegment(vipSegment.id).length)

    // Untag the way the SDK does it: both ids and untag: true.
    const untagged = await api().post("/tags", {
      name: "VIP",
      companies: [{ id: companyId, company_id: company?.company_id, untag: true }]
    })
    expect(untagged.body.id).toBe(vip.id)
    expect(api().sim.state.tagsOf(companyId).map((t) => t.id)).not.toContain(vip.id)
    expect(api().sim.state.segmentsOf(companyId).map((s) => s.id)).not.toContain(vipSegment.id)
    const after = await api().get(`/companies?segment_id=${vipSegment.id}&per_page=150`)
    expect(after.body.data.map((c: Named) => c.id)).not.toContain(companyId)
    const recount = await api().get("/segments?include_count=true")
    expect(recount.body.segments.find((s: Named) => s.id === vipSegment.id).count).toBe(vipCount - 1)
  })

  it("tags by company_id, auto-creates the tag, and refuses unknown companies atomically", async () => {
    const [a, b] = api().sim.state.companies.ids()
    const ca = api().sim.state.companies.get(a ?? "")
    const res = await api().post("/tags", { name: "Brand new tag", companies: [{ company_id: ca?.company_id }] })
    expect(res.status).toBe(200)
    const tag = api().sim.state.tagByName("Brand new tag")
    expect(tag?.id).toBe(res.body.id)
    expect(api().sim.state.companiesWithTag(res.body.id)).toEqual([a])

    expectErrorList(
      await api().post("/tags", { name: "Brand new tag", companies: [{ id: b }, { id: "missing" }] }),
      404,
      "company_not_found",
      "Company Not Found"
    )
    expect(api().sim.state.companiesWithTag(res.body.id)).toEqual([a])
  })

  it("creates, finds, renames and lists tags", async () => {
    const created = await api().post("/tags", { name: "Renewal Q3" })
    expect(created.body).toMatchObject({ type: "tag", name: "Renewal Q3" })
    const again = await api().post("/tags", { name: "renewal q3" })
    expect(again.body.id).toBe(created.body.id)

    const tagged = api().sim.state.companies.ids()[0] ?? ""
    await api().post("/tags", { name: "Renewal Q3", companies: [{ id: tagged }] })
    const renamed = await api().post("/tags", { id: created.body.id, name: "Renewal Q4" })
    expect(renamed.body).toEqual({ type: "tag", id: created.body.id, name: "Renewal Q4" })
    expect((await api().get(`/tags/${created.body.id}`)).body.name).toBe("Renewal Q4")
    // Renaming shows on every company carrying the tag.
    expect((await api().get(`/companies/${tagged}`)).body.tags.tags).toContainEqual({
      type: "tag",
      id: created.body.id,
      name: "Renewal Q4"
    })
    const list = await api().get("/tags")
    expect(list.body.type).toBe("list")
    expect(list.body.data.map((t: Named) => t.name)).toContain("Renewal Q4")
    expect(list.body.data).toHaveLength(api().sim.state.tags().length)

    expectErrorList(await api().post("/tags", { id: "999", name: "x" }), 404, "not_found", "Resource Not Found")
    expectErrorList(await api().post("/tags", { test: "invalid" }), 400, "parameter_invalid", "invalid tag parameters")
    expectErrorList(await api().get("/tags/999"), 404, "not_found", "Resource Not Found")
  })

  it("tags users (contacts)", async () => {
    const contactId = api().sim.state.contactIds()[0] ?? ""
    const res = await api().post("/tags", { name: "Webinar attendee", users: [{ id: contactId }] })
    const tags = await api().get(`/contacts/${contactId}/tags`)
    expect(tags.body.data.map((t: Named) => t.id)).toContain(res.body.id)
    expectErrorList(await api().post("/tags", { name: "x", users: [{ id: "nobody" }] }), 404, "not_found", "User Not Found")
  })

  it("refuses to delete a tag a segment depends on; deletes others and detaches them", async () => {
    const churn = api().sim.state.tagByName("Churn risk")
    if (churn === undefined) throw new Error("seed changed")
    expectErrorList(
      await api().del(`/tags/${churn.id}`),
      400,
      "tag_has_dependent_objects",
      "Unable to delete Tag with dependent objects. Segments: Churn watch."
    )
    const partner = api().sim.state.tagByName("Partner")
    if (partner === undefined) throw new Error("seed changed")
    const carrier = untaggedCompany(partner.id)
    await api().post("/tags", { name: "Partner", companies: [{ id: carrier }] })
    const deleted = await api().del(`/tags/${partner.id}`)
    expect(deleted.status).toBe(200)
    expect(deleted.text).toBe("")
    expectErrorList(await api().get(`/tags/${partner.id}`), 404, "not_found")
    expectErrorList(await api().del(`/tags/${partner.id}`), 404, "not_found")
    expect((await api().get(`/companies/${carrier}`)).body.tags.tags.map((t: Named) => t.id)).not.toContain(partner.id)
    expectErrorList(await api().get(`/companies?tag_id=${partner.id}`), 404, "not_found")
  })

  it("a deleted company leaves its tag's list and answers 404", async () => {
    const vip = api().sim.state.tagByName("VIP")
    if (vip === undefined) throw new Error("seed changed")
    const companyId = untaggedCompany(vip.id)
    await api().post("/tags", { name: "VIP", companies: [{ id: companyId }] })
    await api().del(`/companies/${companyId}`)
    expectErrorList(await api().get(`/companies/${companyId}`), 404, "company_not_found")
    const underTag = await api().get(`/companies?tag_id=${vip.id}&per_page=150`)
    expect(underTag.body.data.map((c: Named) => c.id)).not.toContain(companyId)
    expect(api().sim.state.companiesWithTag(vip.id)).not.toContain(companyId)
  })

  it("lists and finds segments in their legacy shape", async () => {
    const list = await api().get("/segments")
    expect(list.body.type).toBe("segment.list")
    expect(list.body.segments).toHaveLength(6)
    expect(list.body.segments[0]).not.toHaveProperty("count")
    expect(list.body.segments[0]).toMatchObject({ type: "segment", person_type: "user" })
    const one = await api().get(`/segments/${list.body.segments[0].id}`)
    expect(one.body).toEqual(list.body.segments[0])
    expectErrorList(await api().get("/segments/nope"), 404, "not_found", "Resource Not Found")
    expectErrorList(await api().get("/companies?segment_id=nope"), 404, "not_found")
  })

  it("moves a company between attribute segments on PUT", async () => {
    const large = api().sim.state.segmentByName("Large companies")
    const id = api()
      .sim.state.companies.ids()
      .find((c) => (api().sim.state.companies.get(c)?.size ?? 0) < 1000)
    if (large === undefined || id === undefined) throw new Error("seed changed")
    await api().put(`/companies/${id}`, { size: 1500 })
    expect(api().sim.state.companiesInSegment(large.id)).toContain(id)
    await api().put(`/companies/${id}`, { size: 10 })
    expect(api().sim.state.companiesInSegment(large.id)).not.toContain(id)
  })
})
