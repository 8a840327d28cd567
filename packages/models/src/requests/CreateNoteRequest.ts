import { Schema } from "effect"
import { AdminIdField, ContactIdField } from "./IdFields.js"
import { isNotBlank, requiredField, validated } from "./Validated.js"

/**
 * Body of POST /contacts/{id}/notes. `body` is the note text (HTML allowed);
 * `admin_id` is the author. The spec's examples also send `contact_id` (the path
 * already names the contact), so it is accepted and passed through. Branded: core's
 * `Notes.create` takes only a validated note.
 */
export const CreateNoteRequest = Schema.Struct({
  body: requiredField(
    validated(Schema.String, "the note body must not be empty", isNotBlank),
    "the note body is required"
  ),
  admin_id: Schema.optionalKey(AdminIdField),
  contact_id: Schema.optionalKey(ContactIdField)
}).pipe(Schema.brand("CreateNoteRequest"))
/** A validated note: only `validateRequest(CreateNoteRequest)` (or a decode) makes one. */
export type CreateNoteRequest = typeof CreateNoteRequest.Type
/** A note as a caller writes it, before validation. */
export type CreateNoteRequestInput = typeof CreateNoteRequest.Encoded
