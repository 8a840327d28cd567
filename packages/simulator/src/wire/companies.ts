import type {
  AdminRecord,
  AppRecord,
  CompanyRecord,
  ContactRecord,
  NoteRecord,
  SegmentRecord,
  SubscriptionTypeRecord,
  TagRecord
} from "./Domain.js"
import type { Tagging } from "./TagStore.js"

// Wire shapes of Intercom 2.11, key order and all, taken from the recorded examples in the spec
// (which are real responses: note the `this_is_an_id…` app ids). Where the spec's schema and its
// examples disagree, the examples win, since they show what the servers send.

export const companyWire = (
  company: CompanyRecord,
  appId: string,
  userCount: number,
  tags: ReadonlyArray<TagRecord>,
  segments: ReadonlyArray<SegmentRecord>
): object => ({
  type: "company",
  company_id: company.companyId,
  id: company.id,
  app_id: appId,
  name: company.name,
  remote_created_at: company.remoteCreatedAt,
  created_at: company.createdAt,
  updated_at: company.updatedAt,
  last_request_at: company.lastRequestAt,
  monthly_spend: company.monthlySpend,
  session_count: company.sessionCount,
  user_count: userCount,
  size: company.size,
  website: company.website,
  industry: company.industry,
  tags: { type: "tag.list", tags: tags.map(tagBasicWire) },
  segments: { type: "segment.list", segments: segments.map((s) => segmentWire(s)) },
  plan: company.plan === undefined ? {} : { type: "plan", id: company.plan.id, name: company.plan.name },
  custom_attributes: company.customAttributes
})

export const tagBasicWire = (tag: TagRecord): object => ({ type: "tag", id: tag.id, name: tag.name })

/** The tag as returned by contact tagging calls, with who applied it and when. */
export const appliedTagWire = (tag: TagRecord, tagging: Tagging): object => ({
  type: "tag",
  id: tag.id,
  name: tag.name,
  applied_at: tagging.appliedAt,
  applied_by: { type: "admin", id: tagging.appliedBy }
})

/** `count` is present only when the client asked for it (`include_count=true`). */
export const segmentWire = (segment: SegmentRecord, count?: number): object => ({
  type: "segment",
  id: segment.id,
  name: segment.name,
  created_at: segment.createdAt,
  updated_at: segment.updatedAt,
  person_type: segment.personType,
  ...(count === undefined ? {} : { count })
})

export const adminWire = (admin: AdminRecord): object => ({
  type: "admin",
  id: admin.id,
  name: admin.name,
  email: admin.email,
  away_mode_enabled: false,
  away_mode_reassign: false
})

export const noteWire = (note: NoteRecord, author: AdminRecord): object => ({
  type: "note",
  id: note.id,
  created_at: note.createdAt,
  contact: { type: "contact", id: note.contactId },
  author: adminWire(author),
  body: note.body
})

export const subscriptionTypeWire = (type: SubscriptionTypeRecord): object => {
  const translation = { name: type.name, description: type.description, locale: "en" }
  return {
    type: "subscription",
    id: type.id,
    state: type.state,
    consent_type: type.consentType,
    default_translation: translation,
    translations: [translation],
    content_types: type.contentTypes
  }
}

export interface ContactRelations {
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

export const contactWire = (contact: ContactRecord, workspaceId: string, rel: ContactRelations): object => {
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
  }
}

export const meWire = (admin: AdminRecord, app: AppRecord): object => ({
  type: "admin",
  id: admin.id,
  email: admin.email,
  name: admin.name,
  email_verified: true,
  app: {
    type: "app",
    id_code: app.idCode,
    name: app.name,
    created_at: app.createdAt,
    secure: false,
    identity_verification: false,
    timezone: app.timezone,
    region: app.region
  },
  avatar: { type: "avatar", image_url: null },
  has_inbox_seat: true
})

/** The `pages` object of page-number lists. `next` is a URL, or null on the last page. */
export const pagesWire = (page: number, perPage: number, totalPages: number, next: string | null): object => ({
  type: "pages",
  next,
  page,
  per_page: perPage,
  total_pages: totalPages
})
