import { Schema, SchemaGetter } from "effect"

/**
 * An id as it appears on the wire. Intercom ids are strings, but some of the
 * spec's examples (tag and note ids, `admin_id`) show bare numbers, so a
 * finite number is accepted on decode and normalised to its decimal string.
 * Encoding always produces the string, which is what the API expects.
 */
const IdFromNumber = Schema.Finite.pipe(
  Schema.decodeTo(Schema.String, {
    decode: SchemaGetter.transform((n: number) => globalThis.String(n)),
    encode: SchemaGetter.transform((s: string) => globalThis.Number(s))
  })
)

const WireId = Schema.Union([Schema.String, IdFromNumber])

/** Intercom's own id for a company (`id`), used in paths such as /companies/{id}. */
export const CompanyId = WireId.pipe(Schema.brand("CompanyId"))
export type CompanyId = typeof CompanyId.Type

/** The workspace's own company identifier (`company_id`), the upsert key. */
export const ExternalCompanyId = WireId.pipe(Schema.brand("ExternalCompanyId"))
export type ExternalCompanyId = typeof ExternalCompanyId.Type

export const TagId = WireId.pipe(Schema.brand("TagId"))
export type TagId = typeof TagId.Type

export const SegmentId = WireId.pipe(Schema.brand("SegmentId"))
export type SegmentId = typeof SegmentId.Type

export const ContactId = WireId.pipe(Schema.brand("ContactId"))
export type ContactId = typeof ContactId.Type

export const NoteId = WireId.pipe(Schema.brand("NoteId"))
export type NoteId = typeof NoteId.Type

export const AdminId = WireId.pipe(Schema.brand("AdminId"))
export type AdminId = typeof AdminId.Type

export const SubscriptionTypeId = WireId.pipe(Schema.brand("SubscriptionTypeId"))
export type SubscriptionTypeId = typeof SubscriptionTypeId.Type
