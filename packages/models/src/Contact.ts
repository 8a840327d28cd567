import { Schema } from "effect"
import { CustomAttributes } from "./CustomAttributes.js"
import { ContactId } from "./Ids.js"
import { UnixSeconds } from "./Timestamps.js"

/**
 * A contact as listed under a company (`company_attached_contacts.data`).
 * The full `contact` component has ~60 fields; this keeps the ones the explorer
 * shows and lets the rest pass (unknown keys are dropped, never an error).
 * Everything but `id` is optional and the personal fields are nullable, as leads
 * routinely have no email/name/external id.
 */
export const Contact = Schema.Struct({
  type: Schema.optionalKey(Schema.Literal("contact")),
  id: ContactId,
  workspace_id: Schema.optionalKey(Schema.String),
  external_id: Schema.optionalKey(Schema.NullOr(Schema.String)),
  role: Schema.optionalKey(Schema.String),
  email: Schema.optionalKey(Schema.NullOr(Schema.String)),
  phone: Schema.optionalKey(Schema.NullOr(Schema.String)),
  name: Schema.optionalKey(Schema.NullOr(Schema.String)),
  created_at: Schema.optionalKey(UnixSeconds),
  updated_at: Schema.optionalKey(UnixSeconds),
  signed_up_at: Schema.optionalKey(Schema.NullOr(UnixSeconds)),
  last_seen_at: Schema.optionalKey(Schema.NullOr(UnixSeconds)),
  custom_attributes: Schema.optionalKey(CustomAttributes)
})
export type Contact = typeof Contact.Type

/** The `{type: "contact", id}` pointer carried by a note. */
export const ContactReference = Schema.Struct({
  type: Schema.optionalKey(Schema.Literal("contact")),
  id: ContactId
})
export type ContactReference = typeof ContactReference.Type
