import type { CompanyRecord, CustomAttributes } from "../state/Records.js"
import type { Prng } from "./Prng.js"
import type { Workspace } from "../state/Workspace.js"
import { DAY, slugWord, ymd } from "./Slugs.js"
import * as V from "./Vocabulary.js"

// Seeded companies and the tags applied to them. Plans, sizes and spend are drawn from weighted
// bands so that lists, sorts and segments have realistic spreads (few Enterprise, many Free).

export const seedCompanies = (ws: Workspace, prng: Prng, count: number, ref: number): Array<CompanyRecord> => {
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

export const seedTaggings = (
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
