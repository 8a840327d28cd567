// A company's contacts and their notes (issue 13), in a real VS Code against the simulator: the data
// the company document shows, Add Note... (refused when empty, sent once, and what an unknown outcome
// says), the event the document re-renders on, and attach/detach with the document's arguments.
import * as assert from "node:assert/strict"
import * as vscode from "vscode"
import { contactLabel, loadCompanyContacts } from "../../contacts/CompanyContacts"
import { Commands } from "../../contributions"
import type { TestApi } from "../../extension"
import { companyLabel } from "../../tree/model/CompanyRow"
import { activateExtension } from "./helpers"
import { type Calls, scripted } from "./prompts"
import { connectTo, type Simulator, startTestSimulator } from "./sim"
import { companiesLoaded } from "./treeHelpers"

suite("contacts and notes", () => {
  let api: TestApi
  let sim: Simulator

  suiteSetup(async () => {
    ;({ api } = await activateExtension())
    sim = await startTestSimulator({ companies: 120, seed: 13 })
    await connectTo(api, sim)
  })

  suiteTeardown(async () => {
    await api.session.signOut()
    await sim.close()
  })

  /** GET over HTTP with the simulator's token, as a client sees it. */
  const get = async <A>(path: string): Promise<A> => {
    const response = await fetch(`${sim.url}${path}`, { headers: { authorization: `Bearer ${sim.token}`, accept: "application/json" } })
    assert.equal(response.status, 200, `GET ${path}`)
    return (await response.json()) as A
  }

  /** A seeded company whose contacts carry notes (the one with the most contacts). */
  const companyWithNotes = (): string => {
    const ids = sim.state.companies.ids().filter((id) => sim.state.contactsOfCompany(id).some((c) => sim.state.notesOf(c).length > 0))
    assert.ok(ids.length > 0, "the seed has companies whose contacts carry notes")
    return ids.sort((a, b) => sim.state.contactsOfCompany(b).length - sim.state.contactsOfCompany(a).length)[0]!
  }

  const notePosts = (contactId: string) =>
    sim.state.writes.filter((w) => w.method === "POST" && w.path === `/contacts/${contactId}/notes`).length

  /** The company ids the contacts event fires with while `body` runs. */
  const changes = async <A>(body: () => PromiseLike<A>): Promise<{ value: A; fired: Array<string> }> => {
    const fired: Array<string> = []
    const sub = api.engine().contacts.onDidChangeCompanyContacts((id) => fired.push(id))
    try {
      return { value: await body(), fired }
    } finally {
      sub.dispose()
    }
  }

  test("loadCompanyContacts: the company's contacts as Intercom lists them, each with its latest notes", async () => {
    const companyId = companyWithNotes()
    const view = await loadCompanyContacts(api.session, companyId)
    const listed = await get<{ total_count: number; data: Array<{ id: string; email: string }> }>(`/companies/${companyId}/contacts`)
    assert.equal(view.total, listed.total_count)
    assert.deepEqual(view.contacts.map((c) => c.contact.id), listed.data.map((c) => c.id))
    assert.deepEqual(view.contacts.map((c) => c.contact.email), listed.data.map((c) => c.email))
    let withNotes = 0
    for (const entry of view.contacts) {
      const notes = await get<{ total_count: number; data: Array<{ id: string; body: string }> }>(`/contacts/${entry.contact.id}/notes`)
      assert.equal(entry.notesError, undefined)
      assert.deepEqual(entry.notes.map((n) => [n.id, n.body]), notes.data.slice(0, 3).map((n) => [n.id, n.body]), "the latest three, newest first")
      assert.equal(entry.notesTotal, notes.total_count <= 3 ? notes.total_count : undefined)
      if (entry.notes.length > 0) withNotes++
    }
    assert.ok(withNotes > 0, "some contact shows notes")
  })

  test("Add Note with an empty body is refused with the models' message, and nothing is sent", async () => {
    const contactId = sim.state.contactsOfCompany(companyWithNotes())[0]!
    const before = sim.state.notesOf(contactId).length
    const { value, fired } = await changes(() =>
      scripted({ inputs: ["  "] }, async (calls) => {
        const note = await vscode.commands.executeCommand(Commands.addNote, contactId)
        assert.equal(calls.inputs.length, 1)
        assert.match(calls.inputs[0]?.validateInput?.("") as string, /the note body must not be empty/, "the box refuses it as typed")
        assert.equal(calls.errors.length, 1)
        assert.match(calls.errors[0]!, /Couldn't add the note to contact .*: .*the note body must not be empty/)
        return note
      }))
    assert.equal(value, undefined)
    assert.equal(notePosts(contactId), 0, "no POST")
    assert.equal(sim.state.notesOf(contactId).length, before)
    assert.deepEqual(fired, [])
  })

  test("Add Note from the document: one POST, the note first in the contact's notes, the event fired", async () => {
    const companyId = companyWithNotes()
    const contactId = sim.state.contactsOfCompany(companyId)[0]!
    const { value, fired } = await changes(() =>
      scripted({ inputs: ["Renewal call went well\\nSend the quote by Friday"] }, async (calls) => {
        const note = await vscode.commands.executeCommand(Commands.addNote, contactId, companyId, "Ada Lovelace")
        assert.equal(calls.inputs[0]?.title, "Add Note to Ada Lovelace")
        assert.deepEqual(calls.errors, [])
        assert.deepEqual(calls.infos, ["Note added to Ada Lovelace."])
        return note as { id: string } | undefined
      }))
    assert.ok(value, "the command returns the note")
    assert.equal(notePosts(contactId), 1, "exactly one POST")
    const [newest] = sim.state.notesOf(contactId)
    assert.equal(newest?.id, value.id)
    assert.equal(newest?.body, "<p>Renewal call went well</p><p>Send the quote by Friday</p>")
    assert.deepEqual(fired, [companyId])
    const view = await loadCompanyContacts(api.session, companyId)
    assert.equal(view.contacts.find((c) => c.contact.id === contactId)?.notes[0]?.id, value.id, "the document would show it")
  })

  test("Add Note with the contact id alone: the event names every company of the contact", async () => {
    const contactId = sim.state.contactIds().find((c) => sim.state.companiesOfContact(c).length > 1) ?? sim.state.contactIds()[0]!
    const { value, fired } = await changes(() =>
      scripted({ inputs: ["Met at the conference"] }, () => vscode.commands.executeCommand(Commands.addNote, contactId)))
    assert.ok(value, "the note was added")
    assert.deepEqual([...fired].sort(), [...sim.state.companiesOfContact(contactId)].sort())
  })

  test("Add Note whose answer is lost: sent once, the message says it may exist, the text is kept", async () => {
    const companyId = companyWithNotes()
    const contactId = sim.state.contactsOfCompany(companyId)[1] ?? sim.state.contactsOfCompany(companyId)[0]!
    const posts = notePosts(contactId)
    const fault = sim.faults.inject(`drop-connection@method=POST&path=/contacts/${contactId}/notes`)
    const text = "Asked for a discount"
    try {
      const { value, fired } = await changes(() =>
        scripted({ inputs: [text] }, async (calls) => {
          const note = await vscode.commands.executeCommand(Commands.addNote, contactId, companyId)
          assert.equal(calls.errors.length, 1)
          assert.match(calls.errors[0]!, /may have been created/)
          assert.match(calls.errors[0]!, /Check the contact's notes before adding it again/)
          return note
        }))
      assert.equal(value, undefined)
      assert.deepEqual(fired, [])
    } finally {
      sim.faults.remove(fault)
    }
    assert.equal(notePosts(contactId) - posts, 1, "create-once: never retried after the server may have acted")
    assert.equal(sim.state.notesOf(contactId).filter((n) => n.body === `<p>${text}</p>`).length, 1, "the server did store it, once")
    await scripted({ inputs: [undefined] }, async (calls) => {
      await vscode.commands.executeCommand(Commands.addNote, contactId, companyId)
      assert.equal(calls.inputs[0]?.value, text, "the next Add Note starts with the text")
    })
  })

  test("Add Note from the palette: a company, then one of its contacts", async () => {
    const rows = (await companiesLoaded(api)).filter((n) => n.kind === "company") as Array<{ companyId: string }>
    const companyId = rows.map((r) => r.companyId).find((id) => sim.state.contactsOfCompany(id).length > 0)!
    const row = api.trees.findRow(companyId)!
    const { contacts } = await loadCompanyContacts(api.session, companyId, { notesPerContact: 0 })
    const labels = contacts.map((c) => contactLabel(c.contact))
    const picked = contacts.find((_, i) => labels.indexOf(labels[i]!) === labels.lastIndexOf(labels[i]!))!
    const contactId = picked.contact.id
    const { fired } = await changes(() =>
      scripted({ picks: [companyLabel(row), contactLabel(picked.contact)], inputs: ["Prefers email"] }, async (calls: Calls) => {
        await vscode.commands.executeCommand(Commands.addNote)
        assert.deepEqual(calls.errors, [])
        assert.ok(calls.picks[1]?.items.some((i) => i.label.includes("Enter a contact's Intercom id")))
      }))
    assert.equal(sim.state.notesOf(contactId)[0]?.body, "<p>Prefers email</p>")
    assert.deepEqual(fired, [companyId])
  })

  test("Attach and Detach Contact with the document's arguments; a detach is confirmed, naming the contact", async () => {
    const companyId = companyWithNotes()
    const contactId = sim.state.contactIds().find((c) => !sim.state.contactsOfCompany(companyId).includes(c))!
    const attached = await changes(() =>
      scripted({}, async (calls) => {
        await vscode.commands.executeCommand(Commands.attachContact, companyId, contactId)
        assert.deepEqual(calls.errors, [])
      }))
    assert.ok(sim.state.contactsOfCompany(companyId).includes(contactId))
    assert.deepEqual(attached.fired, [companyId])

    // Dismissed: nothing is sent.
    const deletes = () => sim.state.writes.filter((w) => w.method === "DELETE" && w.path === `/contacts/${contactId}/companies/${companyId}`).length
    await scripted({ warning: undefined }, async (calls) => {
      await vscode.commands.executeCommand(Commands.detachContact, companyId, contactId, "Grace Hopper")
      assert.equal(calls.warnings.length, 1)
      assert.match(calls.warnings[0]!, /^Detach Grace Hopper from .+\?$/)
    })
    assert.equal(deletes(), 0)
    assert.ok(sim.state.contactsOfCompany(companyId).includes(contactId))

    const detached = await changes(() =>
      scripted({ warning: "Detach" }, async (calls) => {
        await vscode.commands.executeCommand(Commands.detachContact, companyId, contactId, "Grace Hopper")
        assert.deepEqual(calls.errors, [])
      }))
    assert.equal(deletes(), 1)
    assert.ok(!sim.state.contactsOfCompany(companyId).includes(contactId))
    assert.deepEqual(detached.fired, [companyId])

    // The company id alone: the contact's id is asked for, as from a row.
    await scripted({ inputs: [contactId] }, async (calls) => {
      await vscode.commands.executeCommand(Commands.attachContact, companyId)
      assert.equal(calls.inputs.length, 1)
      assert.deepEqual(calls.errors, [])
    })
    assert.ok(sim.state.contactsOfCompany(companyId).includes(contactId))
  })
})
