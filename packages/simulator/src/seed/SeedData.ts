import type { Clock } from "../Clock.js"
import type { AdminRecord, AppRecord, CompanyRecord, ContactRecord, CustomAttributes, SegmentRule } from "../Domain.js"
import { createIdFactory } from "../Ids.js"
import { createPrng, type Prng } from "../Prng.js"
import { Workspace } from "../Workspace.js"
import * as V from "./Vocabulary.js"

// Deterministic seeded data: the same seed and company count always give the same workspace,
// byte for byte, whatever the wall clock says (timestamps are relative to `referenceTime`).
// Each kind of data draws from its own PRNG stream, so changing how notes are seeded does not
// reshuffle company names. Records are written straight into the stores: nothing is serialized
// until a client asks, which is what lets 100,000 companies start in well under a second or two.

export interface SeedOptions {
  readonly seed: number
  readonly companies: number
  /** Unix seconds that seeded timestamps lead up to. */
  readonly referenceTime: number
  readonly appId?: string
  readonly clock: Clock
}

const DAY = 86_400

const slugOf = (name: string): string =>
  name
    .toLowerCase()
    .normalize("NFD")
    .replace(/[^a-z0-9]+/g, "")

const appIdCode = (prng: Prng): string => {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
  let code = ""
  for (let i = 0; i < 8; i++) code += alphabet[prng.int(0, alphabet.length - 1)]
  return code
}

const ymd = (unix: number): string => new Date(unix * 1000).toISOString().slice(0, 10)

/** Slugs of vocabulary words, computed once: slugging 100k names one by one was a hot spot. */
const slugCache = new Map<string, string>()
const slugWord = (word: string): string => {
  let slug = slugCache.get(word)
  if (slug === undefined) {
    slug = slugOf(word)
    slugCache.set(word, slug)
  }
  return slug
}

export const seedWorkspace = (options: SeedOptions): Workspace => {
  const root = createPrng(options.seed)
  const ref = options.referenceTime
  const app: AppRecord = {
    idCode: options.appId ?? appIdCode(root.fork("app")),
    name: "Intercom Explorer Demo",
    createdAt: ref - 6 * 365 * DAY,
    region: "US",
    timezone: "Europe/Dublin"
  }
  // Sequences start where Intercom's small ids plausibly are, not at 1, so that a client bug that
  // confuses an index with an id does not pass by accident.
  const ids = createIdFactory(root.fork("ids"), { tag: 8_100_001, note: 52_000_001, subscription: 301 })
  const ws = new Workspace(app, ids, options.clock, 2_694_001)

  seedAdmins(ws)
  const tagIds = seedTags(ws, ref)
  seedSegments(ws, ref, tagIds)
  seedSubscriptionTypes(ws)
  const companies = seedCompanies(ws, root.fork("companies"), options.companies, ref)
  seedTaggings(ws, root.fork("taggings"), companies, tagIds)
  const contacts = seedContacts(ws, root.fork("contacts"), companies, ref)
  seedContactExtras(ws, root.fork("contact-extras"), contacts, tagIds, ref)
  return ws
}

const seedAdmins = (ws: Workspace): void => {
  V.admins.forEach((a, i) => {
    const admin: AdminRecord = { id: String(991_267_390 + i), name: a.name, email: a.email }
    ws.admins.set(admin.id, admin)
  })
}

const seedTags = (ws: Workspace, ref: number): Array<string> =>
  V.tagNames.map((name, i) => {
    const id = ws.ids.sequence("tag")
    ws.tags.add({ id, name, createdAt: ref - (400 - i * 20) * DAY })
    return id
  })

const seedSegments = (ws: Workspace, ref: number, tagIds: ReadonlyArray<string>): void => {
  const tag = (name: string): string => {
    const at = V.tagNames.indexOf(name as (typeof V.tagNames)[number])
    const id = tagIds[at]
    if (id === undefined) throw new Error(`unknown seed tag ${name}`)
    return id
  }
  const defs: ReadonlyArray<readonly [string, SegmentRule]> = [
    ["Enterprise plan", { kind: "plan", name: "Enterprise" }],
    ["High spenders", { kind: "minMonthlySpend", value: 5000 }],
    ["VIP accounts", { kind: "tag", tagId: tag("VIP") }],
    ["Large companies", { kind: "minSize", value: 1000 }],
    ["Financial services", { kind: "industry", value: "Financial Services" }],
    [
      "Churn watch",
      { kind: "all", rules: [{ kind: "tag", tagId: tag("Churn risk") }, { kind: "minMonthlySpend", value: 200 }] }
    ]
  ]
  defs.forEach(([name, rule], i) => {
    const createdAt = ref - (300 - i * 30) * DAY
    ws.segments.add({
      id: ws.ids.objectId(createdAt),
      name,
      createdAt,
      updatedAt: createdAt + 7 * DAY,
      personType: "user",
      rule
    })
  })
}

const seedSubscriptionTypes = (ws: Workspace): void => {
  for (const t of V.subscriptionTypes) {
    ws.subscriptions.add({
      id: ws.ids.sequence("subscription"),
      name: t.name,
      description: t.description,
      state: "live",
      consentType: t.consentType,
      contentTypes: t.contentTypes
    })
  }
}

const seedCompanies = (ws: Workspace, prng: Prng, count: number, ref: number): Array<CompanyRecord> => {
  const usedNames = new Set<string>()
  const companies: Array<CompanyRecord> = []
  const managers = V.admins.map((a) => a.name)
  const tiers = V.planTiers.map((t) => [t, t.weight] as const)
  // Renewal dates fall in a fixed range of days; format each day once.
  const renewalDays = Array.from({ length: 396 }, (_, d) => ymd(ref + (d - 30) * DAY))
  for (let i = 0; i < count; i++) {
    const head = prng.pick(V.nameHeads)
    const middle = prng.pick(V.nameMiddles)
    const sector = prng.pick(V.nameSectors)
    const suffix = prng.pick(V.legalSuffixes)
    let name = `${head}${middle} ${sector}`
    if (suffix !== "") name = `${name} ${suffix}`
    let slug = slugWord(head) + slugWord(middle) + slugWord(sector) + slugWord(suffix)
    if (usedNames.has(name)) {
      name = `${name} ${i}`
      slug = `${slug}${i}`
    }
    usedNames.add(name)

    const createdAt = ref - prng.int(20 * DAY, 6 * 365 * DAY)
    const tier = prng.weighted(tiers)
    const [sizeMin, sizeMax] = prng.weighted(V.sizeBands)
    const seen = prng.chance(0.9)
    const lastRequestAt = seen ? Math.max(createdAt, ref - prng.int(0, 180 * DAY)) : undefined
    const customAttributes: CustomAttributes = {
      account_manager: prng.chance(0.7) ? prng.pick(managers) : null,
      health_score: prng.int(1, 100),
      is_partner: prng.chance(0.05),
      signup_channel: prng.pick(V.signupChannels),
      renewal_date: renewalDays[prng.int(0, renewalDays.length - 1)] ?? null,
      seats: prng.int(1, 500)
    }
    const company: CompanyRecord = {
      id: ws.ids.objectId(createdAt),
      companyId: String(100_000 + i),
      name,
      remoteCreatedAt: prng.chance(0.8) ? createdAt - prng.int(0, 700 * DAY) : undefined,
      createdAt,
      updatedAt: Math.min(ref, createdAt + prng.int(0, ref - createdAt)),
      lastRequestAt,
      monthlySpend: prng.int(tier.spend[0], tier.spend[1]),
      sessionCount: seen ? prng.int(1, 5000) : 0,
      size: prng.int(sizeMin, sizeMax),
      website: prng.chance(0.95) ? `https://www.${slug}.com` : undefined,
      industry: prng.chance(0.92) ? prng.pick(V.industries) : undefined,
      plan: ws.companies.plan(tier.name),
      customAttributes
    }
    ws.companies.add(company)
    companies.push(company)
  }
  return companies
}

const seedTaggings = (
  ws: Workspace,
  prng: Prng,
  companies: ReadonlyArray<CompanyRecord>,
  tagIds: ReadonlyArray<string>
): void => {
  const admin = ws.defaultAdmin.id
  for (const company of companies) {
    tagIds.forEach((tagId, i) => {
      if (prng.chance(V.tagRates[i] ?? 0)) {
        ws.tags.tagCompany(company.id, {
          tagId,
          appliedAt: Math.max(company.createdAt, company.updatedAt - prng.int(0, 90 * DAY)),
          appliedBy: admin
        })
      }
    })
  }
}

const seedContacts = (
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

const seedContactExtras = (
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
