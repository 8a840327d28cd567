import {
  Company,
  CompanyAttachedContacts,
  CompanyAttachedSegments,
  CompanyList,
  CompanyScroll,
  ContactAttachedCompanies,
  ContactSegments,
  DataAttribute,
  DataAttributeList,
  DeletedCompanyObject,
  ErrorList,
  Note,
  NoteList,
  Segment,
  SegmentList,
  SubscriptionType,
  SubscriptionTypeList,
  Tag,
  TagBasic,
  TagList
} from "@intercom-explorer/models"
import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { useSimulator } from "../support/harness.js"

// Every response the simulator sends must decode with the project's own models (which encode the
// 2.11 spec and its known deviations), and company objects keep the key order of the spec's
// recorded examples.

const decodes = (schema: Schema.Top, value: unknown): void => {
  expect(() => Schema.decodeUnknownSync(schema as Schema.Codec<unknown, unknown>)(value)).not.toThrow()
}

/** Key order of the 2.11 example for POST /companies, plus the fields the examples leave out. */
const EXAMPLE_ORDER = [
  "type",
  "company_id",
  "id",
  "app_id",
  "name",
  "remote_created_at",
  "created_at",
  "updated_at",
  "last_request_at",
  "monthly_spend",
  "session_count",
  "user_count",
  "tags",
  "segments",
  "plan",
  "custom_attributes"
]

describe("wire shapes decode with @intercom-explorer/models", () => {
  const api = useSimulator({ companies: 40, seed: 13 })

  it("companies", async () => {
    const id = api().sim.state.companies.ids()[0] ?? ""
    const one = await api().get(`/companies/${id}`)
    decodes(Company, one.body)
    const present = Object.keys(one.body).filter((k) => EXAMPLE_ORDER.includes(k))
    expect(present).toEqual(EXAMPLE_ORDER.filter((k) => present.includes(k)))
    decodes(Company, (await api().post("/companies", { company_id: "w-1", name: "Wire" })).body)
    decodes(Company, (await api().get("/companies?company_id=w-1")).body)
    decodes(CompanyList, (await api().get("/companies")).body)
    decodes(CompanyList, (await api().post("/companies/list")).body)
    decodes(CompanyScroll, (await api().get("/companies/scroll")).body)
    decodes(CompanyAttachedContacts, (await api().get(`/companies/${id}/contacts`)).body)
    decodes(CompanyAttachedSegments, (await api().get(`/companies/${id}/segments`)).body)
    const created = await api().post("/companies", { company_id: "w-2", name: "Gone" })
    decodes(DeletedCompanyObject, (await api().del(`/companies/${created.body.id}`)).body)
  })

  it("contacts, notes, subscriptions", async () => {
    const contactId = api().sim.state.contactIds()[0] ?? ""
    decodes(ContactAttachedCompanies, (await api().get(`/contacts/${contactId}/companies`)).body)
    decodes(ContactSegments, (await api().get(`/contacts/${contactId}/segments`)).body)
    const note = await api().post(`/contacts/${contactId}/notes`, { body: "hi" })
    decodes(Note, note.body)
    decodes(Note, (await api().get(`/notes/${note.body.id}`)).body)
    decodes(NoteList, (await api().get(`/contacts/${contactId}/notes`)).body)
    decodes(SubscriptionTypeList, (await api().get("/subscription_types")).body)
    decodes(SubscriptionTypeList, (await api().get(`/contacts/${contactId}/subscriptions`)).body)
    const typeId = (await api().get("/subscription_types")).body.data[0].id
    decodes(SubscriptionType, (await api().post(`/contacts/${contactId}/subscriptions`, { id: typeId, consent_type: "opt_out" })).body)
    const tagId = api().sim.state.tags()[0]?.id
    decodes(Tag, (await api().post(`/contacts/${contactId}/tags`, { id: tagId })).body)
    decodes(TagList, (await api().get(`/contacts/${contactId}/tags`)).body)
  })

  it("tags, segments, errors", async () => {
    decodes(TagList, (await api().get("/tags")).body)
    decodes(TagBasic, (await api().post("/tags", { name: "Wire tag" })).body)
    const tagId = api().sim.state.tags()[0]?.id
    decodes(TagBasic, (await api().get(`/tags/${tagId}`)).body)
    decodes(SegmentList, (await api().get("/segments")).body)
    decodes(SegmentList, (await api().get("/segments?include_count=true")).body)
    const segmentId = api().sim.state.segments()[0]?.id
    decodes(Segment, (await api().get(`/segments/${segmentId}`)).body)
    decodes(ErrorList, (await api().get("/companies/missing")).body)
    decodes(ErrorList, (await api().request("GET", "/tags", { token: "wrong" })).body)
  })

  it("data attributes", async () => {
    decodes(DataAttributeList, (await api().get("/data_attributes?model=company")).body)
    decodes(DataAttributeList, (await api().get("/data_attributes?include_archived=true")).body)
    const created = (await api().post("/data_attributes", { name: "Wire attribute", model: "company", data_type: "float" })).body
    decodes(DataAttribute, created)
    decodes(DataAttribute, (await api().put(`/data_attributes/${created.id}`, { archived: true })).body)
  })
})
