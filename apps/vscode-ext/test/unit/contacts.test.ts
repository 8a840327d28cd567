// The contacts feature's pure parts (the note box, what a failed create-once POST means, the
// document's arguments) and the company's contacts with their notes, read from the simulator over
// HTTP and checked against its own state.
import {
  BadRequest,
  IntercomClient,
  IntercomError,
  InvalidRequest,
  NotFound,
  RateLimited,
  ServerError,
  Timeout,
  Transport
} from "@intercom-explorer/core"
import { type Simulator, startSimulator } from "@intercom-explorer/simulator"
import * as Effect from "effect/Effect"
import http from "node:http"
import type { AddressInfo } from "node:net"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { companyContacts, type CompanyContactsOptions, contactLabel, NOTES_CONCURRENCY } from "../../src/contacts/CompanyContacts.ts"
import { mayHaveBeenCreated, noteFailureMessage } from "../../src/contacts/createOnceFailure.ts"
import { documentContact } from "../../src/contacts/DocumentArgs.ts"
import { noteBodyHtml, parseNote, validateNoteInput } from "../../src/contacts/noteBody.ts"

describe("the Add Note box", () => {
  it("text becomes escaped paragraphs, one per line (pasted or typed as \\n); HTML is sent as typed", () => {
    expect(noteBodyHtml("Called about renewal")).toBe("<p>Called about renewal</p>")
    expect(noteBodyHtml("  Budget: 5 < 10 & rising \\n\\n  next call Monday ")).toBe(
      "<p>Budget: 5 &lt; 10 &amp; rising</p><p>next call Monday</p>"
    )
    expect(noteBodyHtml("first\r\nsecond\nthird")).toBe("<p>first</p><p>second</p><p>third</p>")
    expect(noteBodyHtml(" <p>Keep <b>this</b></p> ")).toBe("<p>Keep <b>this</b></p>")
  })

  it("an empty note is refused with the models' message, blank lines included", () => {
    for (const empty of ["", "   ", "\\n", " \\n \n "]) {
      expect(validateNoteInput(empty)).toMatch(/the note body must not be empty/)
      expect(parseNote(empty).ok).toBe(false)
    }
    expect(validateNoteInput("ok")).toBeUndefined()
    expect(parseNote("ok")).toEqual({ ok: true, value: { body: "<p>ok</p>" } })
  })
})

describe("a failed create-once POST", () => {
  const failed = (reason: IntercomError["reason"]) =>
    new IntercomError({ reason, method: "POST", path: "/contacts/c1/notes" })

  it("may have created the note after a timeout, a lost connection, a 5xx or an interruption", () => {
    for (const reason of [new Timeout({ timeoutMillis: 30_000 }), new Transport({ detail: "socket hang up" }), new ServerError({ status: 502, restartScroll: false })]) {
      expect(mayHaveBeenCreated(failed(reason)), reason._tag).toBe(true)
    }
    expect(mayHaveBeenCreated(new Error("The Intercom client was replaced."))).toBe(true)
  })

  it("created nothing when Intercom refused it or it was never sent", () => {
    for (const reason of [new NotFound({ code: "not_found" }), new BadRequest({ code: "parameter_invalid", status: 400 }), new RateLimited({}), new InvalidRequest({ detail: "bad" })]) {
      expect(mayHaveBeenCreated(failed(reason)), reason._tag).toBe(false)
    }
  })

  it("says which: check before adding it again, or nothing was created", () => {
    const unknown = noteFailureMessage("Ada Lovelace", failed(new Timeout({ timeoutMillis: 30_000 })))
    expect(unknown).toMatch(/^The note to Ada Lovelace may have been created: Intercom did not answer POST \/contacts\/c1\/notes within 30000 ms/)
    expect(unknown).toMatch(/Check the contact's notes before adding it again/)
    const refused = noteFailureMessage("Ada Lovelace", failed(new NotFound({ code: "not_found" })))
    expect(refused).toMatch(/^Couldn't add the note to Ada Lovelace: not found \(404 not_found\)/)
    expect(refused).toMatch(/Nothing was created/)
  })
})

describe("the company document's arguments", () => {
  it("(companyId, contactId, contactLabel?) gives the contact; a row or no arguments give none", () => {
    expect(documentContact(["co1", "ct1", "Ada Lovelace"])).toEqual({ id: "ct1", label: "Ada Lovelace" })
    expect(documentContact(["co1", " ct1 "])).toEqual({ id: "ct1", label: "contact ct1" })
    expect(documentContact(["co1"])).toBeUndefined()
    expect(documentContact(["co1", "  "])).toBeUndefined()
    expect(documentContact([{ kind: "company", id: "n", companyId: "co1" }, "ct1"])).toBeUndefined()
    expect(documentContact([])).toBeUndefined()
  })

  it("a contact is named by name, else email, else id", () => {
    expect(contactLabel({ id: "1", name: "Ada", email: "ada@x.io" })).toBe("Ada")
    expect(contactLabel({ id: "1", name: " ", email: "ada@x.io" })).toBe("ada@x.io")
    expect(contactLabel({ id: "1", name: null, email: null })).toBe("contact 1")
  })
})

describe("companyContacts against the simulator", () => {
  let sim: Simulator

  beforeAll(async () => {
    sim = await startSimulator({ companies: 300, seed: 5, rateLimit: 100_000, token: "unit-contacts-token" })
  })
  afterAll(() => sim.close())

  const load = (companyId: string, options?: CompanyContactsOptions) =>
    Effect.runPromise(companyContacts(companyId, options).pipe(Effect.provide(IntercomClient.layer({ token: sim.token, baseUrl: sim.url }))))

  /** Attaches `count` more of the workspace's contacts to the company, over HTTP. */
  const attachContacts = async (companyId: string, count: number): Promise<void> => {
    const others = sim.state.contactIds().filter((c) => !sim.state.contactsOfCompany(companyId).includes(c)).slice(0, count)
    await Promise.all(others.map((contactId) =>
      fetch(`${sim.url}/contacts/${contactId}/companies`, {
        method: "POST",
        headers: { authorization: `Bearer ${sim.token}`, "content-type": "application/json" },
        body: JSON.stringify({ id: companyId })
      }).then((r) => expect(r.status).toBe(200))))
  }

  /** The seeded company with the most contacts that has a contact with two notes or more. */
  const companyWithNotes = (): string => {
    const candidates = sim.state.companies.ids().filter((id) =>
      sim.state.contactsOfCompany(id).some((c) => sim.state.notesOf(c).length >= 2))
    expect(candidates.length, "the seed has companies whose contacts carry notes").toBeGreaterThan(0)
    return candidates.sort((a, b) => sim.state.contactsOfCompany(b).length - sim.state.contactsOfCompany(a).length)[0]!
  }

  it("lists the contacts in Intercom's order, each with its latest notes newest first", async () => {
    const companyId = companyWithNotes()
    const expected = sim.state.contactsOfCompany(companyId)
    const view = await load(companyId)
    expect(view.total).toBe(expected.length)
    expect(view.contacts.map((c) => c.contact.id)).toEqual(expected)
    for (const { contact, notes, notesTotal, notesError } of view.contacts) {
      const seeded = sim.state.notesOf(contact.id)
      expect(notesError).toBeUndefined()
      expect(notes.map((n) => n.id)).toEqual(seeded.slice(0, 3).map((n) => n.id))
      expect(notes.map((n) => n.body)).toEqual(seeded.slice(0, 3).map((n) => n.body))
      expect(notesTotal).toBe(seeded.length <= 3 ? seeded.length : undefined)
      for (let i = 1; i < notes.length; i++) expect(notes[i - 1]!.created_at).toBeGreaterThanOrEqual(notes[i]!.created_at)
      expect(contact.email).toMatch(/@/)
    }
  })

  it("stops at `limit` contacts and `notesPerContact` notes, and says when there are more notes", async () => {
    const companyId = companyWithNotes()
    const all = sim.state.contactsOfCompany(companyId)
    const view = await load(companyId, { limit: 1, notesPerContact: 1 })
    expect(view.total).toBe(all.length)
    expect(view.contacts.map((c) => c.contact.id)).toEqual(all.slice(0, 1))
    const withTwo = all.find((c) => sim.state.notesOf(c).length >= 2)!
    const many = await load(companyId, { notesPerContact: 1 })
    const entry = many.contacts.find((c) => c.contact.id === withTwo)!
    expect(entry.notes.map((n) => n.id)).toEqual([sim.state.notesOf(withTwo)[0]!.id])
    expect(entry.notesTotal).toBeUndefined()
    const none = await load(companyId, { notesPerContact: 0 })
    expect(none.contacts.every((c) => c.notes.length === 0)).toBe(true)
  })

  it("a contact whose notes cannot be read keeps its place, with the reason; the others have theirs", async () => {
    const companyId = companyWithNotes()
    const [broken, ...rest] = sim.state.contactsOfCompany(companyId)
    const fault = sim.faults.inject(`truncate-body@p=1&path=/contacts/${broken}/notes`)
    try {
      const view = await load(companyId)
      const first = view.contacts[0]!
      expect(first.contact.id).toBe(broken)
      expect(first.notes).toEqual([])
      expect(first.notesError).toMatch(/unexpected response from Intercom to GET \/contacts\/.*\/notes/)
      for (const entry of view.contacts.slice(1)) {
        expect(entry.notesError).toBeUndefined()
        expect(entry.notes.map((n) => n.id)).toEqual(sim.state.notesOf(entry.contact.id).slice(0, 3).map((n) => n.id))
      }
      expect(view.contacts.map((c) => c.contact.id)).toEqual([broken, ...rest])
    } finally {
      sim.faults.remove(fault)
    }
  }, 30_000)

  it("fails as a whole when the company's contacts cannot be listed", async () => {
    await expect(load("no-such-company")).rejects.toMatchObject({ reason: { _tag: "NotFound" } })
  })

  it("pages past one page of contacts (limit above per_page)", async () => {
    // Last (with the next): they change the seed. More contacts than one page of 150.
    const companyId = sim.state.companies.ids()[0]!
    await attachContacts(companyId, 160)
    const expected = sim.state.contactsOfCompany(companyId)
    const pagesRead = () => sim.state.requests.filter((r) => r.path.startsWith(`/companies/${companyId}/contacts`)).length
    const before = pagesRead()
    const view = await load(companyId, { limit: 400, notesPerContact: 0 })
    expect(pagesRead() - before, "two pages of 150").toBe(2)
    expect(view.total).toBe(expected.length)
    expect(view.contacts.map((c) => c.contact.id)).toEqual(expected)
    const capped = await load(companyId, { limit: 155, notesPerContact: 0 })
    expect(capped.contacts.map((c) => c.contact.id)).toEqual(expected.slice(0, 155))
  })

  it(`reads notes ${NOTES_CONCURRENCY} contacts at a time, not one by one nor all at once`, async () => {
    // A proxy counts the notes requests in flight; the simulator holds each for 150 ms so that
    // concurrent ones overlap.
    const companyId = sim.state.companies.ids()[1]!
    await attachContacts(companyId, 12)
    let inFlight = 0
    let most = 0
    const upstream = new URL(sim.url)
    const proxy = http.createServer((req, res) => {
      const notes = /\/notes(\?|$)/.test(req.url ?? "")
      if (notes) most = Math.max(most, ++inFlight)
      const forward = http.request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
        answer.on("end", () => void (notes && inFlight--))
      })
      req.pipe(forward)
    })
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve))
    const fault = sim.faults.inject("latency@p=1&delay=150&path=~/contacts/[^/]+/notes")
    try {
      const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`
      const view = await Effect.runPromise(companyContacts(companyId, { limit: 12 }).pipe(Effect.provide(IntercomClient.layer({ token: sim.token, baseUrl: url }))))
      expect(view.contacts).toHaveLength(12)
      expect(most).toBe(NOTES_CONCURRENCY)
    } finally {
      sim.faults.remove(fault)
      proxy.closeAllConnections()
      await new Promise<void>((resolve) => proxy.close(() => resolve()))
    }
  })
})
