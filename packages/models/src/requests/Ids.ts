import { AdminId, CompanyId, ContactId, SubscriptionTypeId, TagId } from "../Ids.js"
import { isNotBlank, validated } from "./Validated.js"

// Ids sent in request bodies: the branded wire ids, which must not be blank.
// Numbers are still accepted on decode (the spec's request examples send them)
// and always encoded as strings, which is what the API documents.

export const CompanyIdField = validated(CompanyId, "the company's Intercom id must not be empty", isNotBlank)
export const TagIdField = validated(TagId, "the tag id must not be empty", isNotBlank)
export const ContactIdField = validated(ContactId, "the contact id must not be empty", isNotBlank)
export const AdminIdField = validated(AdminId, "admin_id must not be empty", isNotBlank)
export const SubscriptionTypeIdField = validated(
  SubscriptionTypeId,
  "the subscription type id must not be empty",
  isNotBlank
)
