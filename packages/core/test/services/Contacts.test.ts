import { IntercomHttp } from "@intercom-explorer/http"
import { Tag } from "@intercom-explorer/models"
import { assert, describe, layer } from "@effect/vitest"
import { Effect, Schema } from "effect"
import { Contacts } from "../../src/services/Contacts.js"
import { clientLayer, failure, Sim } from "../support/Simulator.js"

const AttachTagBody = Schema.Struct({ id: Schema.String })

describe("Contacts", () => {
  layer(clientLayer({ companies: 70 }), { excludeTestServices: true })((it) => {
    it.effect("attachCompany and detachCompany change the contact's companies", () =>
      Effect.gen(function*() {
        const contacts = yield* Contacts
        const sim = yield* Sim
        const contactId = sim.state.contactIds()[0]!
        const companyId = sim.state.companies.ids().find((id) => !sim.state.companiesOfContact(contactId).includes(id))!
        const attached = yield* contacts.attachCompany(contactId, companyId)
        assert.strictEqual(attached.id, companyId)
        assert.include(sim.state.companiesOfContact(contactId), companyId)
        assert.include((yield* contacts.companies(contactId)).map((c) => c.id), companyId)

        const detached = yield* contacts.detachCompany(contactId, companyId)
        assert.strictEqual(detached.id, companyId)
        assert.notInclude(sim.state.companiesOfContact(contactId), companyId)
        assert.notInclude((yield* contacts.companies(contactId)).map((c) => c.id), companyId)
      }))

    it.effect("companies reads every page of a contact's companies", () =>
      Effect.gen(function*() {
        const contacts = yield* Contacts
        const sim = yield* Sim
        const contactId = sim.state.contactIds()[1]!
        for (const companyId of sim.state.companies.ids().slice(0, 60)) {
          yield* contacts.attachCompany(contactId, companyId)
        }
        const expected = sim.state.companiesOfContact(contactId)
        assert.isAbove(expected.length, 50)
        const companies = yield* contacts.companies(contactId)
        assert.deepStrictEqual(companies.map((c) => c.id), expected)
      }))

    it.effect("segments are those of the contact's companies", () =>
      Effect.gen(function*() {
        const contacts = yield* Contacts
        const sim = yield* Sim
        const contactId = sim.state.contactIds()[2]!
        const inSegment = sim.state.companies.ids().find((id) => sim.state.segmentsOf(id).length > 0)!
        yield* contacts.attachCompany(contactId, inSegment)
        const expected = new Set(sim.state.companiesOfContact(contactId).flatMap((id) => sim.state.segmentsOf(id)).map((s) => s.id))
        const segments = yield* contacts.segments(contactId)
        assert.deepStrictEqual(new Set(segments.map((s) => s.id)), expected)
        assert.isAbove(segments.length, 0)
      }))

    it.effect("tags lists the tags applied to the contact", () =>
      Effect.gen(function*() {
        const contacts = yield* Contacts
        const http = yield* IntercomHttp
        const sim = yield* Sim
        const contactId = sim.state.contactIds()[3]!
        const tag = sim.state.tags()[0]!
        yield* http.request({
          method: "POST",
          path: `/contacts/${contactId}/tags`,
          body: { schema: AttachTagBody, value: { id: tag.id } },
          response: Tag
        })
        const tags = yield* contacts.tags(contactId)
        const applied = tags.find((t) => t.id === tag.id)
        assert.strictEqual(applied?.name, tag.name)
        assert.isNumber(applied?.applied_at)
      }))

    it.effect("an unknown contact or company fails with NotFound", () =>
      Effect.gen(function*() {
        const contacts = yield* Contacts
        const sim = yield* Sim
        const unknownContact = yield* failure(contacts.companies("no-such-contact"))
        assert.strictEqual(unknownContact.reason._tag, "NotFound")
        assert.strictEqual(unknownContact.code, "not_found")
        const contactId = sim.state.contactIds()[0]!
        const unknownCompany = yield* failure(contacts.attachCompany(contactId, "000000000000000000000000"))
        assert.strictEqual(unknownCompany.reason._tag, "NotFound")
        assert.strictEqual(unknownCompany.code, "company_not_found")
        const blank = yield* failure(contacts.attachCompany(contactId, ""))
        assert.strictEqual(blank.reason._tag, "InvalidRequest")
        assert.include(blank.message, "id")
      }))
  })
})
