import type { CompanyRecord, ContactRecord } from "../state/Records.js"
import type { Prng } from "./Prng.js"
import type { Workspace } from "../state/Workspace.js"
import { DAY, slugOf, slugWord } from "./Slugs.js"
import * as V from "./Vocabulary.js"

// Seeded contacts (the users of companies: a company's user_count is its contacts), and the notes,
// tags and subscription preferences some of them carry.

export const seedContacts = (
  ws: Workspace,
  prng: Prng,
  companies: ReadonlyArray<CompanyRecord>,
  ref: number
): Array<ContactRecord> => {
  const contacts: Array<ContactRecord> = []
  const perCompany: ReadonlyArray<readonly [number, number]> = [[0, 14], [1, 46], [2, 24], [3, 10], [4, 4], [5, 2]]
  // Contacts are read-only, so contacts with the same job title can share one attributes object;
  // at 100k companies that is ~150k fewer objects to allocate and collect.
  const jobAttributes = V.jobTitles.map((job_title) => Object.freeze({ job_title }))
  let externalId = 500_000
  for (const company of companies) {
    const n = prng.weighted(perCompany)
    const domain = company.website?.slice("https://www.".length) ?? `${slugOf(company.name)}.com`
    for (let k = 0; k < n; k++) {
      const first = prng.pick(V.firstNames)
      const last = prng.pick(V.lastNames)
      const createdAt = company.createdAt + prng.int(0, Math.max(0, ref - company.createdAt))
      const [city, country] = prng.pick(V.cities)
      const contact: ContactRecord = {
        id: ws.ids.objectId(createdAt),
        externalId: prng.chance(0.85) ? String(externalId++) : null,
        role: "user",
        name: `${first} ${last}`,
        email: `${slugWord(first)}.${slugWord(last)}@${domain}`,
        phone: prng.chance(0.3) ? `+1555${String(prng.int(0, 9_999_999)).padStart(7, "0")}` : null,
        createdAt,
        updatedAt: createdAt,
        signedUpAt: createdAt,
        lastSeenAt: company.lastRequestAt === undefined ? null : Math.max(createdAt, company.lastRequestAt - prng.int(0, 5 * DAY)),
        city,
        country,
        customAttributes: prng.pick(jobAttributes)
      }
      ws.contacts.add(contact)
      ws.contacts.link(contact.id, company.id)
      contacts.push(contact)
    }
  }
  // A few people work with two companies (agencies, holdings).
  if (companies.length > 1) {
    for (const contact of contacts) {
      if (prng.chance(0.04)) {
        const other = prng.pick(companies)
        ws.contacts.link(contact.id, other.id)
      }
    }
  }
  return contacts
}

export const seedContactExtras = (
  ws: Workspace,
  prng: Prng,
  contacts: ReadonlyArray<ContactRecord>,
  tagIds: ReadonlyArray<string>,
  ref: number
): void => {
  const adminIds = Array.from(ws.admins.keys())
  const typeIds = Array.from(ws.subscriptions.values(), (t) => t.id)
  for (const contact of contacts) {
    if (prng.chance(0.12)) {
      const n = prng.int(1, 3)
      for (let k = 0; k < n; k++) {
        ws.notes.add({
          id: ws.ids.sequence("note"),
          contactId: contact.id,
          authorId: prng.pick(adminIds),
          body: `<p>${prng.pick(V.noteBodies)}</p>`,
          createdAt: contact.createdAt + prng.int(0, Math.max(0, ref - contact.createdAt))
        })
      }
    }
    if (prng.chance(0.06)) {
      ws.tags.tagContact(contact.id, {
        tagId: prng.pick(tagIds),
        appliedAt: contact.createdAt,
        appliedBy: prng.pick(adminIds)
      })
    }
    if (prng.chance(0.12)) {
      const typeId = prng.pick(typeIds)
      const type = ws.subscriptions.get(typeId)
      if (type !== undefined) ws.subscriptions.setPreference(contact.id, typeId, type.consentType)
    }
  }
}
