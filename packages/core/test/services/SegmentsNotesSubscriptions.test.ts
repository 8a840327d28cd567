import { IntercomHttp } from "@intercom-explorer/http"
import { AttachSubscriptionRequest, SubscriptionType } from "@intercom-explorer/models"
import { assert, describe, layer } from "@effect/vitest"
import { Effect, Stream } from "effect"
import { IntercomClient } from "../../src/IntercomClient.js"
import { Notes } from "../../src/services/Notes.js"
import { Segments } from "../../src/services/Segments.js"
import { SubscriptionTypes } from "../../src/services/SubscriptionTypes.js"
import { clientLayer, failure, noteBody, Sim, TOKEN } from "../support/Simulator.js"

// Short rate-limit windows, so the 429 test waits well under a second or two for the reset.
describe("Segments, Notes and SubscriptionTypes", () => {
  layer(clientLayer({ rateWindowMs: 1_000 }), { excludeTestServices: true })((it) => {
    it.effect("Segments.list returns every segment, with member counts on request", () =>
      Effect.gen(function*() {
        const segments = yield* Segments
        const sim = yield* Sim
        const expected = sim.state.segments()
        const plain = yield* segments.list()
        assert.deepStrictEqual(plain.map((s) => s.id), expected.map((s) => s.id))
        assert.isTrue(plain.every((s) => s.count === undefined))
        const counted = yield* segments.list({ includeCount: true })
        assert.deepStrictEqual(
          counted.map((s) => [s.name, s.count]),
          expected.map((s) => [s.name, s.count])
        )
      }))

    it.effect("Segments.get returns one segment; an unknown id is NotFound", () =>
      Effect.gen(function*() {
        const segments = yield* Segments
        const sim = yield* Sim
        const expected = sim.state.segments()[2]!
        const segment = yield* segments.get(expected.id)
        assert.strictEqual(segment.name, expected.name)
        assert.strictEqual(segment.person_type, "user")
        const error = yield* failure(segments.get("nope"))
        assert.strictEqual(error.reason._tag, "NotFound")
      }))

    it.effect("Notes.create stores a note that get and listForContact return", () =>
      Effect.gen(function*() {
        const notes = yield* Notes
        const sim = yield* Sim
        const contactId = sim.state.contactIds()[0]!
        const before = sim.state.notesOf(contactId).length
        const note = yield* notes.create(contactId, noteBody({ body: "Called about the renewal" }))
        assert.strictEqual(note.body, "<p>Called about the renewal</p>")
        assert.strictEqual(note.contact?.id, contactId)
        assert.strictEqual(sim.state.notesOf(contactId).length, before + 1)
        const fetched = yield* notes.get(note.id)
        assert.deepStrictEqual(fetched, note)
        const listed = yield* Stream.runCollect(notes.listForContact(contactId, { perPage: 2 }))
        assert.strictEqual(listed.length, before + 1)
        assert.include(listed.map((n) => n.id), note.id)
      }))

    it.effect("a note is not created twice when the connection drops after the server stored it", () =>
      Effect.gen(function*() {
        const notes = yield* Notes
        const sim = yield* Sim
        const contactId = sim.state.contactIds()[1]!
        const before = sim.state.notesOf(contactId).length
        sim.faults.inject({ kind: "drop-connection", match: { method: "POST", path: `/contacts/${contactId}/notes` } })
        const error = yield* failure(notes.create(contactId, noteBody({ body: "Only once, please" })))
        assert.strictEqual(error.reason._tag, "Transport")
        assert.isTrue(error.isRetryable)
        const stored = sim.state.notesOf(contactId)
        assert.strictEqual(stored.length, before + 1)
        assert.strictEqual(stored.filter((n) => n.body === "<p>Only once, please</p>").length, 1)
      }))

    it.effect("a note is not created twice when the answer arrives cut short", () =>
      Effect.gen(function*() {
        const notes = yield* Notes
        const sim = yield* Sim
        const contactId = sim.state.contactIds()[2]!
        const before = sim.state.notesOf(contactId).length
        sim.faults.inject({ kind: "truncate-body", match: { method: "POST", path: `/contacts/${contactId}/notes` } })
        const error = yield* failure(notes.create(contactId, noteBody({ body: "Cut short" })))
        assert.strictEqual(error.reason._tag, "InvalidResponse")
        assert.strictEqual(sim.state.notesOf(contactId).length, before + 1)
      }))

    it.effect("a note is not created twice when the client times out while the server is still working", () =>
      Effect.gen(function*() {
        const sim = yield* Sim
        const contactId = sim.state.contactIds()[5]!
        const before = sim.state.notesOf(contactId).length
        sim.faults.inject({ kind: "latency", delayMs: 600, match: { method: "POST", path: `/contacts/${contactId}/notes` } })
        const impatient = IntercomClient.layer({ token: TOKEN, baseUrl: sim.url, timeout: "250 millis" })
        const error = yield* failure(
          Notes.use((notes) => notes.create(contactId, noteBody({ body: "Slow server" }))).pipe(Effect.provide(impatient))
        )
        assert.strictEqual(error.reason._tag, "Timeout")
        // The server finishes after the client gave up, and nothing was sent again.
        yield* Effect.sleep("900 millis")
        assert.strictEqual(sim.state.notesOf(contactId).length, before + 1)
      }))

    it.effect("a note refused with 429 (the server did not act) is sent again after the reset", () =>
      Effect.gen(function*() {
        const notes = yield* Notes
        const sim = yield* Sim
        const contactId = sim.state.contactIds()[3]!
        const before = sim.state.notesOf(contactId).length
        sim.faults.inject({
          kind: "rate-limit-burst",
          count: 1,
          match: { method: "POST", path: `/contacts/${contactId}/notes` }
        })
        const note = yield* notes.create(contactId, noteBody({ body: "After the wait" }))
        assert.strictEqual(note.body, "<p>After the wait</p>")
        assert.strictEqual(sim.state.notesOf(contactId).length, before + 1)
        assert.strictEqual(sim.faults.history.at(-1)?.kind, "rate-limit-burst")
      }))

    it.effect("Notes.create to an unknown contact is NotFound", () =>
      Effect.gen(function*() {
        const notes = yield* Notes
        const sim = yield* Sim
        const unknown = yield* failure(notes.create("no-such-contact", noteBody({ body: "hello" })))
        assert.strictEqual(unknown.reason._tag, "NotFound")
        const missing = yield* failure(notes.get("1"))
        assert.strictEqual(missing.reason._tag, "NotFound")
      }))

    it.effect("SubscriptionTypes.list returns the workspace's types, usable by id", () =>
      Effect.gen(function*() {
        const subscriptionTypes = yield* SubscriptionTypes
        const http = yield* IntercomHttp
        const sim = yield* Sim
        const types = yield* subscriptionTypes.list()
        assert.isAbove(types.length, 0)
        assert.strictEqual(new Set(types.map((t) => t.id)).size, types.length)
        const first = types[0]!
        const contactId = sim.state.contactIds()[4]!
        yield* http.request({
          method: "POST",
          path: `/contacts/${contactId}/subscriptions`,
          body: { schema: AttachSubscriptionRequest, value: { id: first.id, consent_type: first.consent_type } },
          response: SubscriptionType
        })
        assert.deepStrictEqual(
          sim.state.subscriptionsOf(contactId).map((t) => [t.id, t.name]),
          [[first.id, first.default_translation.name]]
        )
      }))
  })
})
