import type { CompanyAttachedContacts, Contact, CursorPages } from "@intercom-explorer/models"
import type { ContactRecord } from "../state/Records.js"
import type { Sent } from "./Sent.js"

interface ContactRelations {
  readonly companyIds: ReadonlyArray<string>
  readonly tagIds: ReadonlyArray<string>
  readonly noteIds: ReadonlyArray<string>
  readonly optedIn: ReadonlyArray<string>
  readonly optedOut: ReadonlyArray<string>
}

/** Embedded lists in a contact show up to 10 items and a url for the rest. */
const addressableList = (ids: ReadonlyArray<string>, type: string, itemUrl: string, url: string): object => ({
  type: "list",
  data: ids.slice(0, 10).map((id) => ({ type, id, url: `${itemUrl}/${id}` })),
  url,
  total_count: ids.length,
  has_more: ids.length > 10
})

/**
 * A contact: models' `Contact` keeps the fields the explorer shows (all of them checked here);
 * the rest of Intercom's ~60 fields are sent as the recorded example has them, unchecked.
 */
export const contactWire = (contact: ContactRecord, workspaceId: string, rel: ContactRelations) => {
  const base = `/contacts/${contact.id}`
  return {
    type: "contact",
    id: contact.id,
    workspace_id: workspaceId,
    external_id: contact.externalId,
    role: contact.role,
    email: contact.email,
    phone: contact.phone,
    name: contact.name,
    avatar: null,
    owner_id: null,
    social_profiles: { type: "list", data: [] },
    has_hard_bounced: false,
    marked_email_as_spam: false,
    unsubscribed_from_emails: false,
    created_at: contact.createdAt,
    updated_at: contact.updatedAt,
    signed_up_at: contact.signedUpAt,
    last_seen_at: contact.lastSeenAt,
    last_replied_at: null,
    last_contacted_at: null,
    last_email_opened_at: null,
    last_email_clicked_at: null,
    language_override: null,
    browser: null,
    browser_version: null,
    browser_language: null,
    os: null,
    location: {
      type: "location",
      country: contact.country,
      region: null,
      city: contact.city,
      country_code: null,
      continent_code: null
    },
    android_app_name: null,
    android_app_version: null,
    android_device: null,
    android_os_version: null,
    android_sdk_version: null,
    android_last_seen_at: null,
    ios_app_name: null,
    ios_app_version: null,
    ios_device: null,
    ios_os_version: null,
    ios_sdk_version: null,
    ios_last_seen_at: null,
    custom_attributes: contact.customAttributes,
    tags: addressableList(rel.tagIds, "tag", "/tags", `${base}/tags`),
    notes: addressableList(rel.noteIds, "note", "/notes", `${base}/notes`),
    companies: addressableList(rel.companyIds, "company", "/companies", `${base}/companies`),
    opted_out_subscription_types: addressableList(rel.optedOut, "subscription", "/subscription_types", `${base}/subscriptions`),
    opted_in_subscription_types: addressableList(rel.optedIn, "subscription", "/subscription_types", `${base}/subscriptions`),
    utm_campaign: null,
    utm_content: null,
    utm_medium: null,
    utm_source: null,
    utm_term: null,
    referrer: null
  } satisfies Sent<typeof Contact.Encoded> & Readonly<Record<string, unknown>>
}

export type ContactWire = ReturnType<typeof contactWire>


/** GET /companies/{id}/contacts. */
export const companyContactsWire = (
  contacts: ReadonlyArray<ContactWire>,
  totalCount: number,
  pages: Sent<typeof CursorPages.Encoded>
) =>
  ({ type: "list", data: contacts, total_count: totalCount, pages }) satisfies Sent<typeof CompanyAttachedContacts.Encoded>
