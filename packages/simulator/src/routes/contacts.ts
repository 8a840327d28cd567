import {
  ApiError,
  companyNotFound,
  parameterInvalid,
  parameterNotFound,
  resourceNotFound,
  userNotFound
} from "../server/ApiError.js"
import type { ContactRecord, SegmentRecord } from "../state/Records.js"
import { type Handler, idValue, objectBody, param, type RequestContext } from "../server/RequestContext.js"
import { json, rawJson } from "../server/Reply.js"
import type { Router } from "../server/Router.js"
import { segmentDataWire, segmentWire } from "../wire/segments.js"
import { subscriptionListWire, subscriptionTypeWire } from "../wire/subscriptions.js"
import { appliedTagWire, tagBasicWire, tagListWire } from "../wire/tags.js"
import { companyListReply } from "./companies.js"

// A contact's companies, segments, tags and subscriptions. Contacts themselves are seeded and
// read-only here; what changes is what they are attached to.

/** Intercom's documented ceiling on companies per contact. */
const CONTACT_COMPANY_LIMIT = 1000
/** Default per_page of a contact's companies (the recorded example shows 50). */
const COMPANIES_PER_PAGE = 50

export const contactOr404 = (ctx: RequestContext): ContactRecord => {
  const contact = ctx.sim.workspace.contacts.get(param(ctx, "contactId"))
  if (contact === undefined) throw userNotFound()
  return contact
}

const show: Handler = (ctx) => {
  const contact = contactOr404(ctx)
  return json(ctx.sim.workspace.contactJson(contact.id))
}

const attachCompany: Handler = (ctx) => {
  const contact = contactOr404(ctx)
  const ws = ctx.sim.workspace
  const companyId = idValue(objectBody(ctx)["id"])
  if (companyId === undefined) throw parameterNotFound("company not specified")
  const company = ws.companies.get(companyId)
  if (company === undefined) throw companyNotFound()
  const current = ws.contacts.companiesOf(contact.id)
  if (!current.includes(company.id) && current.length >= CONTACT_COMPANY_LIMIT) {
    throw new ApiError(
      400,
      "contact_company_limit_exceeded",
      `Contact has reached the maximum of ${CONTACT_COMPANY_LIMIT} company associations`
    )
  }
  ws.attachContact(contact.id, company)
  return rawJson(ws.companyJson(company))
}

const detachCompany: Handler = (ctx) => {
  const contact = contactOr404(ctx)
  const ws = ctx.sim.workspace
  const company = ws.companies.get(param(ctx, "companyId"))
  if (company === undefined || !ws.detachContact(contact.id, company)) throw companyNotFound()
  return rawJson(ws.companyJson(company))
}

// The schema names the array `companies`, but Intercom answers with `data` (the recorded
// example does); clients have to cope, so the simulator sends what the server sends.
const listCompanies: Handler = (ctx) => {
  const contact = contactOr404(ctx)
  return companyListReply(ctx, ctx.sim.workspace.contacts.companiesOf(contact.id), COMPANIES_PER_PAGE)
}

/** A contact is in a segment when one of its companies is. */
const listSegments: Handler = (ctx) => {
  const contact = contactOr404(ctx)
  const ws = ctx.sim.workspace
  const found = new Map<string, SegmentRecord>()
  for (const companyId of ws.contacts.companiesOf(contact.id)) {
    const company = ws.companies.get(companyId)
    if (company === undefined) continue
    for (const segment of ws.segmentsOf(company)) found.set(segment.id, segment)
  }
  const ordered = Array.from(ws.segments.values()).filter((s) => found.has(s.id))
  return json(segmentDataWire(ordered.map((s) => segmentWire(s))))
}

const listTags: Handler = (ctx) => {
  const contact = contactOr404(ctx)
  const ws = ctx.sim.workspace
  const data = ws.tags.taggingsOfContact(contact.id).flatMap((tagging) => {
    const tag = ws.tags.get(tagging.tagId)
    return tag === undefined ? [] : [appliedTagWire(tag, tagging)]
  })
  return json(tagListWire(data))
}

const attachTag: Handler = (ctx) => {
  const contact = contactOr404(ctx)
  const ws = ctx.sim.workspace
  const tagId = idValue(objectBody(ctx)["id"])
  if (tagId === undefined) throw parameterNotFound("tag not specified")
  const tag = ws.tags.get(tagId)
  if (tag === undefined) throw resourceNotFound()
  ws.tagContact(tag, contact.id, ws.defaultAdmin.id)
  const tagging = ws.tags.taggingsOfContact(contact.id).find((t) => t.tagId === tag.id)
  return json(tagging === undefined ? tagBasicWire(tag) : appliedTagWire(tag, tagging))
}

const detachTag: Handler = (ctx) => {
  const contact = contactOr404(ctx)
  const ws = ctx.sim.workspace
  const tag = ws.tags.get(param(ctx, "tagId"))
  if (tag === undefined) throw resourceNotFound()
  const tagging = ws.tags.taggingsOfContact(contact.id).find((t) => t.tagId === tag.id)
  if (tagging === undefined) throw resourceNotFound()
  ws.untagContact(tag, contact.id)
  return json(appliedTagWire(tag, tagging))
}

const listSubscriptions: Handler = (ctx) => {
  const contact = contactOr404(ctx)
  return json(subscriptionListWire(ctx.sim.workspace.subscriptions.preferencesOf(contact.id)))
}

/** Attaching an opt-out type opts the contact out; an opt-in type opts them in. */
const attachSubscription: Handler = (ctx) => {
  const contact = contactOr404(ctx)
  const ws = ctx.sim.workspace
  const body = objectBody(ctx)
  const typeId = idValue(body["id"])
  if (typeId === undefined) throw parameterNotFound("id not specified")
  const consent = body["consent_type"]
  if (consent !== "opt_in" && consent !== "opt_out") {
    throw parameterInvalid("consent_type must be opt_in or opt_out", "consent_type")
  }
  const type = ws.subscriptions.get(typeId)
  if (type === undefined) throw resourceNotFound()
  ws.setSubscription(contact.id, type.id, type.consentType)
  return json(subscriptionTypeWire(type))
}

const detachSubscription: Handler = (ctx) => {
  const contact = contactOr404(ctx)
  const ws = ctx.sim.workspace
  const type = ws.subscriptions.get(param(ctx, "subscriptionId"))
  if (type === undefined) throw resourceNotFound()
  ws.clearSubscription(contact.id, type.id)
  return json(subscriptionTypeWire(type))
}

export const contactRoutes = (router: Router<Handler>): void => {
  router
    .add("GET", "/contacts/:contactId", show)
    .add("POST", "/contacts/:contactId/companies", attachCompany)
    .add("GET", "/contacts/:contactId/companies", listCompanies)
    .add("DELETE", "/contacts/:contactId/companies/:companyId", detachCompany)
    .add("GET", "/contacts/:contactId/segments", listSegments)
    .add("GET", "/contacts/:contactId/tags", listTags)
    .add("POST", "/contacts/:contactId/tags", attachTag)
    .add("DELETE", "/contacts/:contactId/tags/:tagId", detachTag)
    .add("GET", "/contacts/:contactId/subscriptions", listSubscriptions)
    .add("POST", "/contacts/:contactId/subscriptions", attachSubscription)
    .add("DELETE", "/contacts/:contactId/subscriptions/:subscriptionId", detachSubscription)
}
