import { day, type RawCompany } from "./Fixtures.js"
import { industries, names, plans, type Prng, segmentNames, tagNames, tiers } from "./Generated.js"

/**
 * The query language's meaning, written again as plain JavaScript over the companies as sent:
 * each generated term carries its text and its predicate, so the differential test compares the
 * SQL the parser and compiler produce with this, without going through either.
 */
export interface RefTerm {
  readonly text: string
  readonly test: (c: RawCompany) => boolean
}
export interface RefSort {
  readonly text: string
  readonly value: (c: RawCompany) => string | number | null
  readonly descending: boolean
}

const fold = (s: string) => s.toLowerCase()
const str = (v: unknown): string | null => (typeof v === "string" ? v : null)
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null)
const obj = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined

const text: Record<string, (c: RawCompany) => string | null> = {
  name: (c) => str(c.name),
  cid: (c) => str(c.company_id),
  plan: (c) => str(obj(c.plan)?.name),
  industry: (c) => str(c.industry),
  website: (c) => str(c.website)
}
const numeric: Record<string, (c: RawCompany) => number | null> = {
  size: (c) => num(c.size),
  spend: (c) => num(c.monthly_spend),
  users: (c) => num(c.user_count),
  sessions: (c) => num(c.session_count),
  created: (c) => num(c.created_at),
  updated: (c) => num(c.updated_at),
  seen: (c) => num(c.last_request_at)
}
const custom = (c: RawCompany, key: string): unknown => obj(c.custom_attributes)?.[key]
const memberNames = (c: RawCompany, key: "tags" | "segments"): Array<string> => {
  const list = obj(c[key])?.[key]
  return Array.isArray(list) ? list.map((item) => (item as { name: string }).name) : []
}

/** `*` matches any run of characters; everything else literally; case-insensitive. */
const matcher = (pattern: string, wildcard: boolean) => {
  if (!wildcard) return (v: string) => fold(v) === fold(pattern)
  const source = fold(pattern).split("*").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("[\\s\\S]*")
  const re = new RegExp(`^${source}$`, "u")
  return (v: string) => re.test(fold(v))
}

const quote = (s: string) => `"${s.replace(/["\\]/g, (ch) => `\\${ch}`)}"`
/** A value as a user would type it: bare when it can be, else quoted. */
const typed = (s: string) => (/^[^\s"*]+$/.test(s) && !s.includes("..") ? s : quote(s))

const compare = (op: string, a: number, b: number) =>
  op === ">" ? a > b : op === ">=" ? a >= b : op === "<" ? a < b : op === "<=" ? a <= b : a === b

const DAY = 86_400
const dayText = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10)

/** One random term (not yet negated). `now` is the pinned "now" for ages. */
const term = (r: Prng, now: number): RefTerm => {
  switch (r.int(0, 9)) {
    case 0: {
      const name = r.pick(names).trim()
      const word = r.chance(0.5) && name.length > 2 ? name.slice(0, r.int(1, Math.min(4, name.length))) : r.pick(["acme", "ZETA", "ext-1", "zürich", "東京", "100%", "_", "rock"])
      const needle = fold(word.split(/\s+/)[0]!.replace(/"/g, "") || "a")
      return {
        text: quote(needle),
        test: (c) => (fold(text.name!(c) ?? "").includes(needle)) || fold(text.cid!(c) ?? "").includes(needle)
      }
    }
    case 1: {
      const field = r.pick(["name", "cid", "plan", "industry", "website"])
      const pool = { name: names, cid: ["ext-1", "ACME-3", "beta-7", "zürich-2"], plan: plans, industry: industries, website: ["https://acme.io", "https://zeta.de", ""] }[field]!
      let value = r.pick(pool)
      const wildcard = r.chance(0.4)
      if (wildcard) value = r.pick([`${value.slice(0, 3)}*`, `*${value.slice(-2)}`, `*${value.slice(1, 3)}*`, "*"])
      if (value === "") value = "x"
      const m = matcher(value, wildcard)
      return {
        text: `${field}:${wildcard ? value.replace(/\s/g, "*") : typed(value)}`,
        test: (c) => {
          const v = text[field]!(c)
          const pattern = wildcard ? value.replace(/\s/g, "*") : value
          return v !== null && (wildcard ? matcher(pattern, true)(v) : m(v))
        }
      }
    }
    case 2: {
      const field = r.pick(["size", "spend", "users", "sessions"])
      const scale = { size: 200, spend: 5000, users: 20, sessions: 300 }[field]!
      if (r.chance(0.25)) {
        const a = r.int(0, scale)
        const b = a + r.int(0, scale / 2)
        return { text: `${field}:${a}..${b}`, test: (c) => { const v = numeric[field]!(c); return v !== null && v >= a && v <= b } }
      }
      const op = r.pick([":", ">", ">=", "<", "<="])
      const x = r.chance(0.2) ? 0 : r.int(0, scale)
      return { text: `${field}${op}${x}`, test: (c) => { const v = numeric[field]!(c); return v !== null && compare(op, v, x) } }
    }
    case 3: {
      const field = r.pick(["created", "updated", "seen"])
      const d = day("2024-01-01") + r.int(0, 730) * DAY
      if (r.chance(0.25)) {
        const e = d + r.int(0, 60) * DAY
        return { text: `${field}:${dayText(d)}..${dayText(e)}`, test: (c) => { const v = numeric[field]!(c); return v !== null && v >= d && v < e + DAY } }
      }
      if (r.chance(0.3)) {
        const [n, unit, seconds] = r.pick([[90, "d", DAY], [2, "w", 7 * DAY], [1, "y", 365 * DAY], [36, "h", 3600]] as const)
        const op = r.pick([">", ">=", "<", "<="])
        return {
          text: `${field}${op}${n}${unit}`,
          test: (c) => { const v = numeric[field]!(c); return v !== null && compare(op, now - v, n * seconds) }
        }
      }
      const op = r.pick([":", ">", ">=", "<", "<="])
      const inDay = (v: number) => v >= d && v < d + DAY
      const test = (v: number) =>
        op === ":" ? inDay(v) : op === ">" ? v >= d + DAY : op === ">=" ? v >= d : op === "<" ? v < d : v < d + DAY
      return { text: `${field}${op}${dayText(d)}`, test: (c) => { const v = numeric[field]!(c); return v !== null && test(v) } }
    }
    case 4:
    case 5: {
      const kind = r.pick(["tag", "segment"] as const)
      const pool = kind === "tag" ? tagNames : segmentNames
      let value = fold(r.pick(pool))
      const wildcard = r.chance(0.3)
      if (wildcard) value = r.pick([`${value.slice(0, 2)}*`, "*"])
      const m = matcher(value, wildcard)
      return {
        text: `${kind}:${wildcard ? value : typed(r.chance(0.5) ? value.toUpperCase() : value)}`,
        test: (c) => memberNames(c, kind === "tag" ? "tags" : "segments").some(m)
      }
    }
    case 6:
    case 7: {
      const key = r.pick(["tier", "seats", "paid", "account.region", "score", "absent"])
      const form = r.int(0, 3)
      if (form === 0) {
        const b = r.chance(0.5)
        return { text: `custom.${key}:${b}`, test: (c) => custom(c, key) === b }
      }
      if (form === 1) {
        const op = r.pick([">", ">=", "<", "<="])
        const x = r.pick([0, 1, 10, 12, 25, -2, 2.5])
        return { text: `custom.${key}${op}${x}`, test: (c) => { const v = custom(c, key); return typeof v === "number" && compare(op, v, x) } }
      }
      if (form === 2) {
        const x = r.pick([0, 1, 12, 25, 2.5])
        return {
          text: `custom.${key}:${x}`,
          test: (c) => { const v = custom(c, key); return (typeof v === "number" && v === x) || (typeof v === "string" && fold(v) === fold(String(x))) }
        }
      }
      let value = r.pick([...tiers.filter((t) => t !== ""), "EU", "true", "ten", "ap-süd*", "g*"])
      const wildcard = value.includes("*")
      const quoted = !wildcard && (value === "true" || r.chance(0.3))
      const m = matcher(value, wildcard)
      return {
        text: `custom.${key}:${quoted ? quote(value) : value}`,
        test: (c) => { const v = custom(c, key); return typeof v === "string" && m(v) }
      }
    }
    default: {
      const target = r.pick(["name", "cid", "plan", "industry", "website", "size", "spend", "users", "sessions", "created", "updated", "seen", "tag", "segment", "custom.tier", "custom.score", "custom.account.region", "custom.absent"])
      const present = (c: RawCompany): boolean => {
        if (target in text) { const v = text[target]!(c); return v !== null && v !== "" }
        if (target in numeric) return numeric[target]!(c) !== null
        if (target === "tag") return memberNames(c, "tags").length > 0
        if (target === "segment") return memberNames(c, "segments").length > 0
        const v = custom(c, target.slice("custom.".length))
        return v !== undefined && v !== null && v !== ""
      }
      const has = r.chance(0.5)
      return { text: `${has ? "has" : "no"}:${target}`, test: (c) => has === present(c) }
    }
  }
}

const sortKeys: Record<string, (c: RawCompany) => string | number | null> = {
  name: (c) => { const v = text.name!(c); return v === null ? null : fold(v) },
  spend: numeric.spend!,
  size: numeric.size!,
  users: numeric.users!,
  sessions: numeric.sessions!,
  created: numeric.created!,
  updated: numeric.updated!,
  seen: numeric.seen!
}

/** A random query: 1-3 terms, some negated, sometimes OR and a sort; with its reference filter and order. */
export const randomQuery = (r: Prng, now: number) => {
  const group = () => Array.from({ length: r.int(1, 3) }, () => {
    const t = term(r, now)
    return r.chance(0.25) ? { text: `-${t.text}`, test: (c: RawCompany) => !t.test(c) } : t
  })
  const alternatives = r.chance(0.15) ? [group(), group()] : [group()]
  const key = r.chance(0.6) ? r.pick(Object.keys(sortKeys)) : undefined
  const sort: RefSort = { text: key === undefined ? "" : "", value: sortKeys[key ?? "name"]!, descending: key !== undefined && r.chance(0.5) }
  const sortText = key === undefined ? [] : [`sort:${sort.descending ? "-" : ""}${key}`]
  const words = alternatives.map((terms) => terms.map((t) => t.text).join(" ")).join(" OR ")
  const parts = r.chance(0.5) ? [...sortText, words] : [words, ...sortText]
  return {
    text: parts.filter((p) => p !== "").join(" "),
    test: (c: RawCompany) => alternatives.some((terms) => terms.every((t) => t.test(c))),
    sort
  }
}

const bytes = (a: string, b: string) => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"))

/** The replica's order: the sort value (missing last, descending when asked), then the id in the same direction, as SQLite compares them. */
export const referenceOrder = (sort: RefSort) => (a: RawCompany, b: RawCompany): number => {
  const va = sort.value(a)
  const vb = sort.value(b)
  if (va === null || vb === null) {
    if (va !== vb) return va === null ? 1 : -1
  } else if (va !== vb) {
    const cmp = typeof va === "string" ? bytes(va, vb as string) : (va as number) - (vb as number)
    return sort.descending ? -cmp : cmp
  }
  return sort.descending ? bytes(b.id, a.id) : bytes(a.id, b.id)
}
