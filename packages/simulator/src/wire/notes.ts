import type { CursorPages, Note, NoteAuthor, NoteList } from "@intercom-explorer/models"
import type { AdminRecord, NoteRecord } from "../state/Records.js"
import type { Sent } from "./Sent.js"

/** A note's author, as the recorded note example shows the admin. */
const authorWire = (admin: AdminRecord) =>
  ({
    type: "admin",
    id: admin.id,
    name: admin.name,
    email: admin.email,
    job_title: undefined,
    away_mode_enabled: false,
    away_mode_reassign: false,
    has_inbox_seat: undefined,
    team_ids: undefined
  }) satisfies Sent<typeof NoteAuthor.Encoded>

export const noteWire = (note: NoteRecord, author: AdminRecord) =>
  ({
    type: "note",
    id: note.id,
    created_at: note.createdAt,
    contact: { type: "contact", id: note.contactId },
    // Notes on companies came after 2.11: the simulator's notes belong to contacts.
    company: undefined,
    author: authorWire(author),
    body: note.body
  }) satisfies Sent<typeof Note.Encoded>

export const noteListWire = (
  notes: ReadonlyArray<ReturnType<typeof noteWire>>,
  totalCount: number,
  pages: Sent<typeof CursorPages.Encoded>
) => ({ type: "list", data: notes, total_count: totalCount, pages }) satisfies Sent<typeof NoteList.Encoded>
