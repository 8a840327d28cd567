import { type Company, decodeScrolledCompanies } from "@intercom-explorer/core"
import { Effect, Exit, Predicate } from "effect"

/** Folding used for every case-insensitive comparison, in SQL (the `fold` function) and in JS. */
export const fold = (text: string): string => text.toLowerCase()

/** The typed columns of one company, read from the JSON Intercom sent, field by field. */
export interface CompanyRow {
  readonly id: string
  readonly company_id: string | null
  readonly name: string | null
  readonly plan: string | null
  readonly size: number | null
  readonly website: string | null
  readonly industry: string | null
  readonly monthly_spend: number | null
  readonly user_count: number | null
  readonly session_count: number | null
  readonly created_at: number | null
  readonly updated_at: number | null
  readonly last_request_at: number | null
  readonly remote_created_at: number | null
  /** `custom_attributes` as JSON text, or null when absent or not an object. */
  readonly custom: string | null
  /** The company exactly as Intercom sent it. */
  readonly raw: string
  /** `rawHash(raw)`: what a sync compares to find the companies that changed. */
  readonly raw_hash: number
  /** Set when the company did not decode as `Company`: the path of the field and why. */
  readonly decode_error: string | null
  readonly tags: ReadonlyArray<{ readonly id: string; readonly name: string }>
  readonly segments: ReadonlyArray<{ readonly id: string; readonly name: string }>
}

const text = (value: unknown): string | null => (Predicate.isString(value) ? value : null)
const number = (value: unknown): number | null =>
  Predicate.isNumber(value) && Number.isFinite(value) ? value : null

const named = (list: unknown, key: "tags" | "segments") => {
  const items = Predicate.isObject(list) ? (list as Record<string, unknown>)[key] : undefined
  if (!Array.isArray(items)) return []
  const out: Array<{ id: string; name: string }> = []
  for (const item of items) {
    if (!Predicate.isObject(item)) continue
    const { id, name } = item as Record<string, unknown>
    if (Predicate.isString(id) && Predicate.isString(name) && !out.some((seen) => seen.id === id)) out.push({ id, name })
  }
  return out
}

/**
 * What a row is derived from its JSON by: `companyRow`, `fold` and core's `Company` decoder (the
 * odd companies). A sync keeps a company whose JSON has not changed, so a change to any of them must
 * change this: the next sync then rebuilds every row (`ChangeDetector`).
 */
export const rowVersion = "1"

/**
 * A 53-bit hash of a company's JSON as sent (cyrb53: two 32-bit multiply-xorshift lanes), stored
 * with the row so that a sync finds unchanged companies by comparing a number, not 800 bytes of
 * JSON read back from the file. Two different JSON texts share a hash with odds of about 1 in 2^53
 * per changed company; that company would then wait for its next change to be synced.
 */
export const rawHash = (text: string): number => {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ ch, 2654435761)
    h2 = Math.imul(h2 ^ ch, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return 4294967296 * (2097151 & h2) + (h1 >>> 0)
}

/** Decodes one company with core's decoder (the scroll's): the `Company`, or the decoder's account of the failure. */
export const decodeCompany = (raw: unknown): Company | { readonly problem: string } => {
  const exit = Effect.runSyncExit(decodeScrolledCompanies([raw]))
  if (Exit.isSuccess(exit)) return exit.value[0]!
  const error = exit.cause.reasons.find((reason) => reason._tag === "Fail")?.error
  const detail = error !== undefined && error.reason._tag === "InvalidResponse" ? error.reason.detail : String(exit.cause)
  return { problem: detail.length > 500 ? `${detail.slice(0, 500)}…` : detail }
}

/** Why `raw` is not a valid `Company` (the failing field's path and what was expected), or undefined when it is. */
export const decodeProblem = (raw: unknown): string | undefined => {
  const result = decodeCompany(raw)
  return "problem" in result ? result.problem : undefined
}

/**
 * The row of a company that has a string `id`. Every column is read on its own, so a field of the
 * wrong type leaves only that column empty; `problem` (from the decoder) is kept with the row.
 */
export const companyRow = (raw: Record<string, unknown>, id: string, problem: string | undefined, json?: string): CompanyRow => {
  const plan = raw.plan
  const custom = raw.custom_attributes
  const sent = json ?? JSON.stringify(raw)
  return {
    id,
    company_id: text(raw.company_id),
    name: text(raw.name),
    plan: Predicate.isObject(plan) ? text((plan as Record<string, unknown>).name) : null,
    size: number(raw.size),
    website: text(raw.website),
    industry: text(raw.industry),
    monthly_spend: number(raw.monthly_spend),
    user_count: number(raw.user_count),
    session_count: number(raw.session_count),
    created_at: number(raw.created_at),
    updated_at: number(raw.updated_at),
    last_request_at: number(raw.last_request_at),
    remote_created_at: number(raw.remote_created_at),
    custom: Predicate.isObject(custom) && !Array.isArray(custom) ? JSON.stringify(custom) : null,
    raw: sent,
    raw_hash: rawHash(sent),
    decode_error: problem ?? null,
    tags: named(raw.tags, "tags"),
    segments: named(raw.segments, "segments")
  }
}
