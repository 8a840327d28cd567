import { describe, expect, it } from "@effect/vitest"
import { Schema } from "effect"
import {
  CompanyAttachedSegments,
  ContactSegments,
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
} from "../src/index.js"
import { errorBody, note, segment, subscriptionType, tagBasic } from "./fixtures.js"

describe("Segment", () => {
  it("decodes a segment with and without updated_at/count", () => {
    expect(Schema.decodeUnknownSync(Segment)(segment).name).toBe("Trialing accounts")
    const { updated_at: _, ...noUpdate } = segment
    expect(Schema.decodeUnknownSync(Segment)({ ...noUpdate, count: null }).count).toBeNull()
    expect(Schema.decodeUnknownSync(Segment)({ ...segment, person_type: "contact", count: 17 }).count).toBe(17)
  })

  it("decodes the three list envelopes", () => {
    expect(Schema.decodeUnknownSync(SegmentList)({ type: "segment.list", segments: [segment] }).segments).toHaveLength(1)
    expect(Schema.decodeUnknownSync(ContactSegments)({ type: "list", data: [segment] }).data).toHaveLength(1)
    // total_count is "required" by the spec but never sent
    expect(Schema.decodeUnknownSync(CompanyAttachedSegments)({ type: "list", data: [] }).data).toEqual([])
  })

  it("rejects unknown person types and a segment list in the wrong envelope", () => {
    expect(() => Schema.decodeUnknownSync(Segment)({ ...segment, person_type: "visitor" })).toThrow()
    expect(() => Schema.decodeUnknownSync(SegmentList)({ type: "list", data: [segment] })).toThrow()
  })
})

describe("Tag", () => {
  it("decodes a listed tag without applied_at/applied_by", () => {
    expect(Schema.decodeUnknownSync(Tag)(tagBasic)).toEqual(tagBasic)
  })

  it("decodes a tag returned by a tagging operation", () => {
    const tag = Schema.decodeUnknownSync(Tag)({ ...tagBasic, applied_at: 1_716_600_000, applied_by: { type: "admin", id: "7001" } })
    expect(tag.applied_by?.id).toBe("7001")
    expect(Schema.decodeUnknownSync(Tag)({ ...tagBasic, applied_at: null, applied_by: null }).applied_by).toBeNull()
  })

  it("decodes tag lists and basic tags", () => {
    expect(Schema.decodeUnknownSync(TagList)({ type: "list", data: [tagBasic] }).data[0]?.id).toBe("5301")
    expect(Schema.decodeUnknownSync(TagBasic)({ id: "5302", name: "Partner" })).toEqual({ id: "5302", name: "Partner" })
  })

  it("rejects a tag without a name or with a numeric id", () => {
    expect(() => Schema.decodeUnknownSync(Tag)({ type: "tag", id: "1" })).toThrow()
    expect(() => Schema.decodeUnknownSync(TagBasic)({ id: 5302, name: "Partner" })).toThrow()
  })
})

describe("Note", () => {
  it("decodes a note whose author lacks the admin fields the spec requires", () => {
    const decoded = Schema.decodeUnknownSync(Note)(note)
    expect(decoded.author?.name).toBe("Grace Operator")
    expect(decoded.contact?.id).toBe("66aa00bb11cc22dd33ee44ff")
  })

  it("decodes a note with no contact (a company note) and no author", () => {
    const { author: _, ...noAuthor } = note
    const decoded = Schema.decodeUnknownSync(Note)({ ...noAuthor, contact: null, company: { type: "company", id: "65f1" } })
    expect(decoded.company?.id).toBe("65f1")
  })

  it("decodes a note list", () => {
    const list = Schema.decodeUnknownSync(NoteList)({
      type: "list",
      data: [note, { ...note, id: "4411" }],
      total_count: 2,
      pages: { type: "pages", next: null, page: 1, per_page: 50, total_pages: 1 }
    })
    expect(list.data.map((n) => n.id)).toEqual(["4410", "4411"])
  })

  it("rejects a note without a body or with a millisecond-looking string date", () => {
    const { body: _, ...noBody } = note
    expect(() => Schema.decodeUnknownSync(Note)(noBody)).toThrow()
    expect(() => Schema.decodeUnknownSync(Note)({ ...note, created_at: "1716500000000" })).toThrow()
  })
})

describe("SubscriptionType", () => {
  it("decodes a subscription type and a list of them", () => {
    expect(Schema.decodeUnknownSync(SubscriptionType)(subscriptionType).translations).toHaveLength(2)
    expect(Schema.decodeUnknownSync(SubscriptionTypeList)({ type: "list", data: [subscriptionType] }).data).toHaveLength(1)
  })

  it("rejects unknown states and consent types", () => {
    expect(() => Schema.decodeUnknownSync(SubscriptionType)({ ...subscriptionType, state: "paused" })).toThrow()
    expect(() => Schema.decodeUnknownSync(SubscriptionType)({ ...subscriptionType, consent_type: "maybe" })).toThrow()
  })
})

describe("error responses", () => {
  it.each(["unauthorized", "company_not_found", "tag_has_dependent_objects", "scroll_exists", "rate_limit_exceeded"])(
    "decodes a %s error body",
    (code) => {
      expect(Schema.decodeUnknownSync(ErrorList)(errorBody(code, "something went wrong")).errors[0]?.code).toBe(code)
    }
  )
})
