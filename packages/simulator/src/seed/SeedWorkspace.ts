import type { SimClock } from "../SimClock.js"
import type { AdminRecord, AppRecord, SegmentRule } from "../state/Records.js"
import { createIdFactory } from "../state/Ids.js"
import { createPrng, type Prng } from "./Prng.js"
import { Workspace } from "../state/Workspace.js"
import { seedCompanies, seedTaggings } from "./SeedCompanies.js"
import { seedContactExtras, seedContacts } from "./SeedContacts.js"
import { seedDataAttributes } from "./SeedDataAttributes.js"
import { DAY } from "./Slugs.js"
import * as V from "./Vocabulary.js"

// Deterministic seeded data: the same seed and company count always give the same workspace,
// byte for byte, whatever the wall clock says (timestamps are relative to `referenceTime`).
// Each kind of data draws from its own PRNG stream, so changing how notes are seeded does not
// reshuffle company names. Records are written straight into the stores: nothing is serialized
// until a client asks, which is what lets 100,000 companies start in a couple of seconds.

interface SeedOptions {
  readonly seed: number
  readonly companies: number
  /** Unix seconds that seeded timestamps lead up to. */
  readonly referenceTime: number
  readonly appId?: string
  readonly clock: SimClock
}

const appIdCode = (prng: Prng): string => {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
  let code = ""
  for (let i = 0; i < 8; i++) code += alphabet[prng.int(0, alphabet.length - 1)]
  return code
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
  const ids = createIdFactory(root.fork("ids"), { tag: 8_100_001, note: 52_000_001, subscription: 301, data_attribute: 12_801 })
  const ws = new Workspace(app, ids, options.clock, 2_694_001)

  seedAdmins(ws)
  const tagIds = seedTags(ws, ref)
  seedSegments(ws, ref, tagIds)
  seedSubscriptionTypes(ws)
  seedDataAttributes(ws, ref)
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
    ["High spenders", { kind: "minMonthlySpend", value: 2500 }],
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
