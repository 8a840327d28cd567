import { Schema } from "effect"
import { ContactReference } from "./Contact.js"
import { AdminId, CompanyId, NoteId } from "./Ids.js"
import { CursorPages } from "./Pagination.js"
import { UnixSeconds } from "./Timestamps.js"

/**
 * A note's author. The spec points at the full `admin` (8 required fields) but the
 * examples omit `job_title`, `has_inbox_seat` and `team_ids`; like Intercom's own
 * overrides, only `id` and `name` are required.
 */
export const NoteAuthor = Schema.Struct({
  type: Schema.optionalKey(Schema.Literal("admin")),
  id: AdminId,
  name: Schema.String,
  email: Schema.optionalKey(Schema.String),
  job_title: Schema.optionalKey(Schema.NullOr(Schema.String)),
  away_mode_enabled: Schema.optionalKey(Schema.Boolean),
  away_mode_reassign: Schema.optionalKey(Schema.Boolean),
  has_inbox_seat: Schema.optionalKey(Schema.Boolean),
  team_ids: Schema.optionalKey(Schema.Array(Schema.Int))
})
export type NoteAuthor = typeof NoteAuthor.Type

/** The `{type: "company", id}` pointer a note carries in later API versions. */
export const CompanyReference = Schema.Struct({
  type: Schema.optionalKey(Schema.Literal("company")),
  id: CompanyId
})
export type CompanyReference = typeof CompanyReference.Type

/**
 * `note`. `body` is HTML. `contact` is nullable in the spec; `author` is described
 * as optional; later versions add `company` (a note belongs to one or the other).
 */
export const Note = Schema.Struct({
  type: Schema.Literal("note"),
  id: NoteId,
  created_at: UnixSeconds,
  contact: Schema.optionalKey(Schema.NullOr(ContactReference)),
  company: Schema.optionalKey(Schema.NullOr(CompanyReference)),
  author: Schema.optionalKey(Schema.NullOr(NoteAuthor)),
  body: Schema.String
})
export type Note = typeof Note.Type

/** `note_list`: GET /contacts/{id}/notes (page-number paging). */
export const NoteList = Schema.Struct({
  type: Schema.Literal("list"),
  data: Schema.Array(Note),
  total_count: Schema.Int,
  pages: Schema.optionalKey(Schema.NullOr(CursorPages))
})
export type NoteList = typeof NoteList.Type
