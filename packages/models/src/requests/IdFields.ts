import { Schema, SchemaGetter } from "effect"
import { AdminId, CompanyId, ContactId, ExternalCompanyId, SubscriptionTypeId, TagId } from "../Ids.js"
import { isNotBlank, validated } from "./Validated.js"

/**
 * An id in a request body. The spec's request examples send some ids as bare
 * numbers (`{"id": 94}`, `admin_id: 991267493`), so a whole number is accepted on
 * decode and turned into its string; encoding always sends the string, which is
 * what the API documents. Blank ids are rejected.
 */
const requestId = <S extends Schema.Codec<string, string>>(id: S, message: string) =>
  validated(
    Schema.Union([
      id,
      Schema.Int.pipe(Schema.decodeTo(id, {
        decode: SchemaGetter.transform((n: number) => String(n)),
        encode: SchemaGetter.transform((s: string) => Number(s))
      }))
    ]),
    message,
    isNotBlank
  )

export const CompanyIdField = requestId(CompanyId, "the company's Intercom id must not be empty")
export const CompanyExternalIdField = requestId(ExternalCompanyId, "company_id must not be empty")
export const TagIdField = requestId(TagId, "the tag id must not be empty")
export const ContactIdField = requestId(ContactId, "the contact id must not be empty")
export const AdminIdField = requestId(AdminId, "admin_id must not be empty")
export const SubscriptionTypeIdField = requestId(SubscriptionTypeId, "the subscription type id must not be empty")
