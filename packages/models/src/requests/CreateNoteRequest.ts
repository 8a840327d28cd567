import { Schema } from "effect"
import { AdminIdField, ContactIdField } from "./Ids.js"
import { isNotBlank, requiredField, validated } from "./Validated.js"

/**
 * Body of POST /contacts/{id}/notes. `body` is the note text (HTML allowed);
 * `admin_id` is the author. The spec's examples also send `contact_id` (the path
 * already names the contact), so it is accepted and passed through.
 */
export const CreateNoteRequest = Schema.Struct({
  body: requiredField(
    validated(Schema.String, "the note body must not be empty", isNotBlank),
    "the note body is required"
  ),
  admin_id: Schema.optionalKey(AdminIdField),
  contact_id: Schema.optionalKey(ContactIdField)
})
export type CreateNoteRequest = typeof CreateNoteRequest.Type
