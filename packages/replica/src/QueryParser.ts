import { Effect } from "effect"
import { InvalidQuery, ReplicaError } from "./ReplicaErrors.js"

export type TextField = "name" | "company_id" | "plan" | "industry" | "website"
export type NumberField = "size" | "spend" | "users" | "sessions"
export type DateField = "created" | "updated" | "seen"
export type SortKey = "name" | NumberField | DateField
export type Comparison = "=" | ">" | ">=" | "<" | "<="

/** A text to match case-insensitively: equal, or (`wildcard`) with `*` matching any run of characters. */
export interface TextMatch {
  readonly text: string
  readonly wildcard: boolean
}

/** What `has:`/`no:` and the fields name. */
export type Target =
  | { readonly kind: "text"; readonly field: TextField }
  | { readonly kind: "number"; readonly field: NumberField }
  | { readonly kind: "date"; readonly field: DateField }
  | { readonly kind: "tag" }
  | { readonly kind: "segment" }
  | { readonly kind: "custom"; readonly key: string }

export type CustomValue =
  | { readonly kind: "boolean"; readonly value: boolean }
  /** `:` with a number matches that JSON number, or a JSON string equal to `text`. */
  | { readonly kind: "number"; readonly value: number; readonly text: string }
  | { readonly kind: "string"; readonly match: TextMatch }

export type Condition =
  | { readonly kind: "word"; readonly text: string }
  | { readonly kind: "text"; readonly field: TextField; readonly match: TextMatch }
  | { readonly kind: "number"; readonly field: NumberField; readonly op: Comparison; readonly value: number }
  | { readonly kind: "numberRange"; readonly field: NumberField; readonly from: number; readonly to: number }
  /** `day` is the unix second of 00:00 UTC that day; `=` means within that day. */
  | { readonly kind: "date"; readonly field: DateField; readonly op: Comparison; readonly day: number }
  | { readonly kind: "dateRange"; readonly field: DateField; readonly from: number; readonly to: number }
  /** Compares the age (now minus the date) with `seconds`: `seen<90d` is "seen within the last 90 days". */
  | { readonly kind: "age"; readonly field: DateField; readonly op: Exclude<Comparison, "=">; readonly seconds: number }
  | { readonly kind: "tag"; readonly match: TextMatch }
  | { readonly kind: "segment"; readonly match: TextMatch }
  | { readonly kind: "custom"; readonly key: string; readonly op: Comparison; readonly value: CustomValue }
  | { readonly kind: "has"; readonly target: Target }

export interface Term {
  readonly condition: Condition
  readonly negated: boolean
  /** The term as written, and its 1-based column in the query. */
  readonly source: string
  readonly column: number
}

export interface Sort {
  readonly key: SortKey
  readonly descending: boolean
}

/** A parsed query: any of the `alternatives` (OR), each a list of terms that must all hold (AND). */
export interface QueryAst {
  readonly alternatives: ReadonlyArray<ReadonlyArray<Term>>
  readonly sort: Sort | undefined
}

const textFields: Record<string, TextField> = {
  name: "name",
  company_id: "company_id",
  cid: "company_id",
  plan: "plan",
  industry: "industry",
  website: "website"
}
const numberFields: Record<string, NumberField> = { size: "size", spend: "spend", users: "users", sessions: "sessions" }
const dateFields: Record<string, DateField> = { created: "created", updated: "updated", seen: "seen" }
const sortKeys: ReadonlyArray<SortKey> = ["name", "size", "spend", "users", "sessions", "created", "updated", "seen"]

const ageUnits: Record<string, number> = { h: 3600, d: 86_400, w: 7 * 86_400, y: 365 * 86_400 }

interface Token {
  readonly raw: string
  readonly column: number
}

class Fail {
  readonly term: string
  readonly column: number
  readonly detail: string
  constructor(term: string, column: number, detail: string) {
    this.term = term
    this.column = column
    this.detail = detail
  }
}

/** Splits the query at whitespace outside double quotes. */
const tokenize = (query: string): Array<Token> => {
  const tokens: Array<Token> = []
  let i = 0
  while (i < query.length) {
    if (/\s/.test(query[i]!)) {
      i++
      continue
    }
    const start = i
    let quoted = false
    let quoteAt = -1
    while (i < query.length && (quoted || !/\s/.test(query[i]!))) {
      const ch = query[i]!
      if (quoted && ch === "\\" && i + 1 < query.length) {
        i += 2
        continue
      }
      if (ch === "\"") {
        quoted = !quoted
        quoteAt = i
      }
      i++
    }
    if (quoted) throw new Fail(query.slice(start, i), quoteAt + 1, "unterminated quote")
    tokens.push({ raw: query.slice(start, i), column: start + 1 })
  }
  return tokens
}

/** A value as written: a fully quoted string (no wildcards), or a bare one. */
const readValue = (raw: string, term: string, column: number): { text: string; quoted: boolean } => {
  if (raw.startsWith("\"")) {
    let text = ""
    let i = 1
    for (; i < raw.length; i++) {
      const ch = raw[i]!
      if (ch === "\\" && i + 1 < raw.length) text += raw[++i]
      else if (ch === "\"") break
      else text += ch
    }
    if (i !== raw.length - 1) throw new Fail(term, column, "a quoted value must be quoted whole")
    return { text, quoted: true }
  }
  if (raw.includes("\"")) throw new Fail(term, column, "a quoted value must be quoted whole")
  return { text: raw, quoted: false }
}

const textMatch = (value: { text: string; quoted: boolean }): TextMatch => ({
  text: value.text,
  wildcard: !value.quoted && value.text.includes("*")
})

const NUMBER = /^-?\d+(\.\d+)?$/
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const AGE = /^(\d+)([hdwy])$/

const parseNumber = (text: string, term: string, column: number): number => {
  if (!NUMBER.test(text)) throw new Fail(term, column, `"${text}" is not a number`)
  return Number(text)
}

const parseDay = (text: string, term: string, column: number): number => {
  const m = DATE.exec(text)
  if (m === null) throw new Fail(term, column, `"${text}" is not a date (YYYY-MM-DD) or an age like 90d`)
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const ms = Date.UTC(y, mo - 1, d)
  const back = new Date(ms)
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new Fail(term, column, `"${text}" is not a calendar date`)
  }
  return ms / 1000
}

const splitRange = (text: string): readonly [string, string] | undefined => {
  const at = text.indexOf("..")
  return at < 0 ? undefined : [text.slice(0, at), text.slice(at + 2)]
}

const targetOf = (name: string, term: string, column: number): Target => {
  const lower = name.toLowerCase()
  if (textFields[lower] !== undefined) return { kind: "text", field: textFields[lower] }
  if (numberFields[lower] !== undefined) return { kind: "number", field: numberFields[lower] }
  if (dateFields[lower] !== undefined) return { kind: "date", field: dateFields[lower] }
  if (lower === "tag") return { kind: "tag" }
  if (lower === "segment") return { kind: "segment" }
  if (lower.startsWith("custom.") && name.length > "custom.".length) return { kind: "custom", key: name.slice(7) }
  throw new Fail(term, column, `unknown field "${name}"`)
}

const OPERATOR = /^(-?)([A-Za-z_][A-Za-z0-9_]*(?:\.[^\s:<>="]+)?)(>=|<=|:|>|<)([\s\S]*)$/

const parseTerm = (token: Token): Term | Sort => {
  const { raw, column } = token
  const m = OPERATOR.exec(raw)
  if (m === null) {
    const negated = raw.startsWith("-")
    const body = negated ? raw.slice(1) : raw
    if (body.length === 0) throw new Fail(raw, column, "nothing to negate")
    const value = readValue(body, raw, column)
    if (value.text.length === 0) throw new Fail(raw, column, "empty word")
    return { condition: { kind: "word", text: value.text }, negated, source: raw, column }
  }
  const negated = m[1] === "-"
  const name = m[2]!
  const op = (m[3] === ":" ? "=" : m[3]) as Comparison
  const rawValue = m[4]!
  const field = name.toLowerCase()
  if (rawValue.length === 0) throw new Fail(raw, column, `no value after "${name}${m[3]}"`)
  const value = readValue(rawValue, raw, column)
  const term = (condition: Condition): Term => ({ condition, negated, source: raw, column })
  const colonOnly = () => {
    if (op !== "=") throw new Fail(raw, column, `"${name}" takes ":" only`)
  }

  if (field === "sort") {
    colonOnly()
    if (negated) throw new Fail(raw, column, "a sort cannot be negated (use sort:-field to reverse it)")
    const descending = value.text.startsWith("-")
    const key = (descending ? value.text.slice(1) : value.text).toLowerCase() as SortKey
    if (!sortKeys.includes(key)) throw new Fail(raw, column, `cannot sort by "${value.text}" (one of ${sortKeys.join(", ")})`)
    return { key, descending }
  }
  if (field === "has" || field === "no") {
    colonOnly()
    const target = targetOf(value.text, raw, column)
    return { condition: { kind: "has", target }, negated: negated !== (field === "no"), source: raw, column }
  }
  if (textFields[field] !== undefined) {
    colonOnly()
    return term({ kind: "text", field: textFields[field], match: textMatch(value) })
  }
  if (field === "tag" || field === "segment") {
    colonOnly()
    return term({ kind: field, match: textMatch(value) })
  }
  if (numberFields[field] !== undefined) {
    const f = numberFields[field]
    const range = value.quoted ? undefined : splitRange(value.text)
    if (range !== undefined) {
      colonOnly()
      const from = parseNumber(range[0], raw, column)
      const to = parseNumber(range[1], raw, column)
      if (from > to) throw new Fail(raw, column, "the range's start is after its end")
      return term({ kind: "numberRange", field: f, from, to })
    }
    return term({ kind: "number", field: f, op, value: parseNumber(value.text, raw, column) })
  }
  if (dateFields[field] !== undefined) {
    const f = dateFields[field]
    const age = AGE.exec(value.text)
    if (age !== null) {
      if (op === "=") throw new Fail(raw, column, `an age takes < or > ("${name}<${value.text}" is within, "${name}>${value.text}" is longer ago)`)
      return term({ kind: "age", field: f, op, seconds: Number(age[1]) * ageUnits[age[2]!]! })
    }
    const range = splitRange(value.text)
    if (range !== undefined) {
      colonOnly()
      const from = parseDay(range[0], raw, column)
      const to = parseDay(range[1], raw, column)
      if (from > to) throw new Fail(raw, column, "the range's start is after its end")
      return term({ kind: "dateRange", field: f, from, to })
    }
    return term({ kind: "date", field: f, op, day: parseDay(value.text, raw, column) })
  }
  if (field.startsWith("custom.")) {
    const key = name.slice("custom.".length)
    if (op !== "=") {
      if (value.quoted || !NUMBER.test(value.text)) throw new Fail(raw, column, `"${name}${m[3]}" compares numbers only`)
      return term({ kind: "custom", key, op, value: { kind: "number", value: Number(value.text), text: value.text } })
    }
    if (!value.quoted && (value.text === "true" || value.text === "false")) {
      return term({ kind: "custom", key, op, value: { kind: "boolean", value: value.text === "true" } })
    }
    if (!value.quoted && NUMBER.test(value.text)) {
      return term({ kind: "custom", key, op, value: { kind: "number", value: Number(value.text), text: value.text } })
    }
    return term({ kind: "custom", key, op, value: { kind: "string", match: textMatch(value) } })
  }
  throw new Fail(raw, column, `unknown field "${name}"`)
}

const isSort = (value: Term | Sort): value is Sort => "key" in value

/** Parses without running anything; the error names the term and its 1-based column. */
export const parseQueryEither = (query: string): QueryAst | InvalidQuery => {
  try {
    const alternatives: Array<Array<Term>> = [[]]
    let sort: { sort: Sort; token: Token } | undefined
    let previousOr: Token | undefined = { raw: "OR", column: 1 }
    for (const token of tokenize(query)) {
      if (token.raw === "OR") {
        if (previousOr !== undefined) throw new Fail(token.raw, token.column, "OR needs a term on each side")
        alternatives.push([])
        previousOr = token
        continue
      }
      const parsed = parseTerm(token)
      if (isSort(parsed)) {
        if (sort !== undefined) throw new Fail(token.raw, token.column, `a second sort (the first is "${sort.token.raw}")`)
        sort = { sort: parsed, token }
        continue
      }
      alternatives[alternatives.length - 1]!.push(parsed)
      previousOr = undefined
    }
    if (alternatives.length > 1 && previousOr !== undefined) {
      throw new Fail(previousOr.raw, previousOr.column, "OR needs a term on each side")
    }
    return { alternatives: alternatives.filter((terms, i) => terms.length > 0 || i === 0), sort: sort?.sort }
  } catch (error) {
    if (error instanceof Fail) return new InvalidQuery({ query, term: error.term, column: error.column, detail: error.detail })
    throw error
  }
}

/** `parseQueryEither` as an Effect failing with `ReplicaError` (reason `InvalidQuery`). */
export const parseQuery = (query: string): Effect.Effect<QueryAst, ReplicaError> => {
  const result = parseQueryEither(query)
  return result instanceof InvalidQuery ? Effect.fail(new ReplicaError({ reason: result })) : Effect.succeed(result)
}
