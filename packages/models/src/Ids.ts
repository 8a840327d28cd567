import { Schema } from "effect"

// Branded ids, so an Intercom `id` can't be passed where a `company_id` (or a tag
// id where a segment id) is expected. Responses always carry ids as strings;
// request bodies additionally accept numbers (see requests/IdFields.ts).

/** Intercom's own id for a company (`id`), used in paths such as /companies/{id}. */
export const CompanyId = Schema.String.pipe(Schema.brand("CompanyId"))
export type CompanyId = typeof CompanyId.Type

/** The workspace's own company identifier (`company_id`), the upsert key. */
export const ExternalCompanyId = Schema.String.pipe(Schema.brand("ExternalCompanyId"))
export type ExternalCompanyId = typeof ExternalCompanyId.Type

export const TagId = Schema.String.pipe(Schema.brand("TagId"))
export type TagId = typeof TagId.Type

export const SegmentId = Schema.String.pipe(Schema.brand("SegmentId"))
export type SegmentId = typeof SegmentId.Type

export const ContactId = Schema.String.pipe(Schema.brand("ContactId"))
export type ContactId = typeof ContactId.Type

export const NoteId = Schema.String.pipe(Schema.brand("NoteId"))
export type NoteId = typeof NoteId.Type

export const AdminId = Schema.String.pipe(Schema.brand("AdminId"))
export type AdminId = typeof AdminId.Type

export const SubscriptionTypeId = Schema.String.pipe(Schema.brand("SubscriptionTypeId"))
export type SubscriptionTypeId = typeof SubscriptionTypeId.Type
