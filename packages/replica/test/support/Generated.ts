import { day, type RawCompany, segmentList, tagList } from "./Fixtures.js"

/** A small seeded PRNG (mulberry32), so a failing run replays exactly. */
export const prng = (seed: number) => {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1))
  const pick = <A>(items: ReadonlyArray<A>): A => items[int(0, items.length - 1)]!
  const chance = (p: number) => next() < p
  return { next, int, pick, chance }
}
export type Prng = ReturnType<typeof prng>

export const names = [
  "Acme Rockets", "acme corp", "ACME Industries", "Ärzte Zürich", "Émile & Fils", "İstanbul Tekstil", "東京商事",
  "Acme 🚀 Rockets", "Zeta 100% Co_op", "o'Brien \"Quoted\" Ltd", "ß Straße GmbH", "Ωmega", "zeta", "Beta", "beta",
  "Café Noir", "naïve labs", "", "   "
]
export const plans = ["Pro", "pro", "Basic", "Enterprise", "Ünicode Plän"]
export const industries = ["Financial services", "Software", "software", "Retail", "Health & Care"]
export const tagNames = ["VIP", "Do not contact", "Churn risk", "Beta tester", "Über"]
export const segmentNames = ["High spenders", "Active", "New this month", "Dormant"]
export const tiers = ["gold", "Gold", "silver", "", "platinum", "GÖLD"]

/** Sets `key` on `target` to one of: missing, null, or `value()`. */
const maybe = (r: Prng, target: Record<string, unknown>, key: string, value: () => unknown, missing = 0.15, nul = 0.1) => {
  const roll = r.next()
  if (roll < missing) return
  target[key] = roll < missing + nul ? null : value()
}

const customOf = (r: Prng): Record<string, unknown> => {
  const custom: Record<string, unknown> = {}
  maybe(r, custom, "tier", () => r.chance(0.8) ? r.pick(tiers) : r.pick([1, true, 2.5]))
  maybe(r, custom, "seats", () => r.chance(0.7) ? r.int(0, 40) : r.pick(["12", "ten", "0", "25", "1e3"]))
  maybe(r, custom, "paid", () => r.chance(0.75) ? r.chance(0.5) : r.pick(["true", "false", 1, 0]))
  maybe(r, custom, "account.region", () => r.pick(["EU", "eu", "US", "Ap-Südost"]), 0.4)
  maybe(r, custom, "score", () => r.chance(0.5) ? r.int(-5, 5) + r.pick([0, 0.5]) : r.pick([[1, 2], { n: 1 }, "3"]), 0.3)
  return custom
}

const dayish = (r: Prng) => day("2024-01-01") + r.int(0, 730) * 86_400 + r.pick([0, 1, 43_200, 86_399])

/** `count` companies with missing and null fields, unicode names and custom attributes of mixed types. */
export const generateCompanies = (count: number, seed: number): Array<RawCompany> => {
  const r = prng(seed)
  const companies: Array<RawCompany> = []
  for (let i = 0; i < count; i++) {
    const id = `${(i * 7919).toString(16).padStart(6, "0")}${r.pick(["a", "b", "c"])}`
    const c: Record<string, unknown> & { id: string } = { type: "company", id }
    if (r.chance(0.9)) c.company_id = r.chance(0.5) ? `ext-${i}` : `${r.pick(["ACME", "beta", "Zürich"])}-${r.int(0, 50)}`
    maybe(r, c, "name", () => `${r.pick(names)}${r.chance(0.3) ? ` ${r.int(1, 9)}` : ""}`)
    maybe(r, c, "plan", () => r.chance(0.85) ? { type: "plan", id: "1", name: r.pick(plans) } : {})
    maybe(r, c, "size", () => r.int(0, 200))
    maybe(r, c, "website", () => r.chance(0.8) ? `https://${r.pick(["acme", "beta", "zeta"])}.${r.pick(["io", "com", "de"])}` : "")
    maybe(r, c, "industry", () => r.pick(industries))
    if (r.chance(0.85)) c.monthly_spend = r.int(0, 5000)
    if (r.chance(0.85)) c.user_count = r.int(0, 20)
    if (r.chance(0.85)) c.session_count = r.int(0, 300)
    if (r.chance(0.95)) c.created_at = dayish(r)
    if (r.chance(0.9)) c.updated_at = dayish(r)
    maybe(r, c, "last_request_at", () => dayish(r), 0.2)
    if (r.chance(0.85)) c.custom_attributes = customOf(r)
    if (r.chance(0.7)) c.tags = tagList(...tagNames.filter(() => r.chance(0.3)))
    if (r.chance(0.7)) c.segments = segmentList(...segmentNames.filter(() => r.chance(0.3)))
    companies.push(c)
  }
  return companies
}
