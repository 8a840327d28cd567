import { parameterInvalid, parameterNotFound, resourceNotFound } from "../server/ApiError.js"
import type { AdminRecord } from "../state/Records.js"
import { type Handler, idValue, objectBody, param } from "../server/RequestContext.js"
import { paginate, pageRequest } from "../server/Paging.js"
import { json } from "../server/Reply.js"
import type { Router } from "../server/Router.js"
import { noteListWire, noteWire } from "../wire/notes.js"
import { contactOr404 } from "./contacts.js"

// Notes on contacts. Creating one is not idempotent (a retried POST makes a second note), which
// is exactly what clients must not do blindly; the simulator makes no attempt to de-duplicate.

/** Default per_page of a contact's notes (the recorded example shows 50). */
const NOTES_PER_PAGE = 50

const escapeHtml = (text: string): string =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")

/** Intercom stores note bodies as HTML: plain text comes back wrapped, "Hello" → "<p>Hello</p>". */
const toHtml = (body: string): string => (body.trimStart().startsWith("<") ? body : `<p>${escapeHtml(body)}</p>`)

const list: Handler = (ctx) => {
  const contact = contactOr404(ctx)
  const ws = ctx.sim.workspace
  const notes = ws.notes.ofContact(contact.id)
  const page = paginate(ctx, notes, pageRequest(ctx, NOTES_PER_PAGE))
  return json(
    noteListWire(
      page.items.map((n) => noteWire(n, ws.admins.get(n.authorId) ?? ws.defaultAdmin)),
      notes.length,
      page.pages
    )
  )
}

const create: Handler = (ctx) => {
  const contact = contactOr404(ctx)
  const ws = ctx.sim.workspace
  const body = objectBody(ctx)
  const text = body["body"]
  if (text === undefined || text === null || text === "") throw parameterNotFound("body not specified")
  if (typeof text !== "string") throw parameterInvalid("body must be a string", "body")
  const adminId = idValue(body["admin_id"])
  let author: AdminRecord = ws.defaultAdmin
  if (adminId !== undefined) {
    const admin = ws.admins.get(adminId)
    if (admin === undefined) throw resourceNotFound()
    author = admin
  }
  const note = ws.createNote(contact.id, author, toHtml(text))
  return json(noteWire(note, author))
}

const find: Handler = (ctx) => {
  const ws = ctx.sim.workspace
  const note = ws.notes.get(param(ctx, "noteId"))
  if (note === undefined) throw resourceNotFound()
  return json(noteWire(note, ws.admins.get(note.authorId) ?? ws.defaultAdmin))
}

export const noteRoutes = (router: Router<Handler>): void => {
  router
    .add("GET", "/contacts/:contactId/notes", list)
    .add("POST", "/contacts/:contactId/notes", create)
    .add("GET", "/notes/:noteId", find)
}
