import type { SQLInputValue } from "node:sqlite"
import { fold } from "./CompanyRow.js"
import type { Comparison, Condition, CustomValue, DateField, NumberField, QueryAst, Sort, Target, TextField, TextMatch } from "./QueryParser.js"

/** A WHERE clause over `companies AS c` with `?` placeholders, its parameters, and the ORDER BY. */
export interface CompiledQuery {
  readonly where: string
  readonly params: ReadonlyArray<SQLInputValue>
  readonly orderBy: string
}

export interface CompileOptions {
  /** "Now" for ages (`seen<90d`), unix seconds; default the current time. */
  readonly now?: number | undefined
}

const textColumn: Record<TextField, string> = {
  name: "c.name",
  company_id: "c.company_id",
  plan: "c.plan",
  industry: "c.industry",
  website: "c.website"
}
const numberColumn: Record<NumberField, string> = {
  size: "c.size",
  spend: "c.monthly_spend",
  users: "c.user_count",
  sessions: "c.session_count"
}
const dateColumn: Record<DateField, string> = {
  created: "c.created_at",
  updated: "c.updated_at",
  seen: "c.last_request_at"
}
const sortColumn: Record<Sort["key"], string> = { name: "c.name_fold", ...numberColumn, ...dateColumn }

const DAY = 86_400

/** `*` becomes LIKE's `%`; LIKE's own `%`, `_` and the escape character are escaped. */
export const likePattern = (text: string): string =>
  fold(text).replace(/[\\%_]/g, (ch) => `\\${ch}`).replace(/\*/g, "%")

const sqlOp = (op: Comparison) => (op === "=" ? "=" : op)

/** Custom attribute keys go into a JSON path as a parameter, quoted: `$."seats"`. */
export const customPath = (key: string): string => `$."${key.replace(/["\\]/g, (ch) => `\\${ch}`)}"`

class Builder {
  readonly params: Array<SQLInputValue> = []
  p(value: SQLInputValue): string {
    this.params.push(value)
    return "?"
  }
  text(column: string, match: TextMatch): string {
    return match.wildcard
      ? `${column} LIKE ${this.p(likePattern(match.text))} ESCAPE '\\'`
      : `${column} = ${this.p(fold(match.text))}`
  }
  /** An uncorrelated IN: SQLite reads the matching memberships once (by the name index), not once per company. */
  membership(table: "company_tags" | "company_segments", match: TextMatch | undefined): string {
    const name = match === undefined ? "" : ` WHERE ${this.text("m.name_fold", match)}`
    return `c.id IN (SELECT m.company_id FROM ${table} m${name})`
  }
  custom(key: string, op: Comparison, value: CustomValue): string {
    const path = customPath(key)
    const type = `json_type(c.custom, ${this.p(path)})`
    switch (value.kind) {
      case "boolean":
        return `${type} = '${value.value ? "true" : "false"}'`
      case "number": {
        const numeric = `(${type} IN ('integer', 'real') AND json_extract(c.custom, ${this.p(path)}) ${sqlOp(op)} ${this.p(value.value)})`
        if (op !== "=") return numeric
        return `(${numeric} OR (json_type(c.custom, ${this.p(path)}) = 'text' AND fold(json_extract(c.custom, ${this.p(path)})) = ${this.p(fold(value.text))}))`
      }
      case "string":
        return `(${type} = 'text' AND ${this.text(`fold(json_extract(c.custom, ${this.p(path)}))`, value.match)})`
    }
  }
  has(target: Target): string {
    switch (target.kind) {
      case "text": {
        const column = textColumn[target.field]
        return `(${column} IS NOT NULL AND ${column} <> '')`
      }
      case "number":
        return `${numberColumn[target.field]} IS NOT NULL`
      case "date":
        return `${dateColumn[target.field]} IS NOT NULL`
      case "tag":
        return this.membership("company_tags", undefined)
      case "segment":
        return this.membership("company_segments", undefined)
      case "custom": {
        const path = customPath(target.key)
        return `(json_type(c.custom, ${this.p(path)}) NOT IN ('null') AND NOT (json_type(c.custom, ${this.p(path)}) = 'text' AND json_extract(c.custom, ${this.p(path)}) = ''))`
      }
    }
  }
  /** A comparison with a whole UTC day: `=` is within it, `>` after it, `<=` up to its end. */
  day(column: string, op: Comparison, start: number): string {
    const end = start + DAY
    switch (op) {
      case "=":
        return `(${column} >= ${this.p(start)} AND ${column} < ${this.p(end)})`
      case ">":
        return `${column} >= ${this.p(end)}`
      case ">=":
        return `${column} >= ${this.p(start)}`
      case "<":
        return `${column} < ${this.p(start)}`
      case "<=":
        return `${column} < ${this.p(end)}`
    }
  }
  condition(condition: Condition, now: number): string {
    switch (condition.kind) {
      case "word": {
        const needle = fold(condition.text)
        return `(instr(c.name_fold, ${this.p(needle)}) > 0 OR instr(c.company_id_fold, ${this.p(needle)}) > 0)`
      }
      case "text":
        return this.text(`${textColumn[condition.field]}_fold`, condition.match)
      case "number":
        return `${numberColumn[condition.field]} ${sqlOp(condition.op)} ${this.p(condition.value)}`
      case "numberRange":
        return `${numberColumn[condition.field]} BETWEEN ${this.p(condition.from)} AND ${this.p(condition.to)}`
      case "date":
        return this.day(dateColumn[condition.field], condition.op, condition.day)
      case "dateRange": {
        const column = dateColumn[condition.field]
        return `(${column} >= ${this.p(condition.from)} AND ${column} < ${this.p(condition.to + DAY)})`
      }
      case "age": {
        // The age is now - date: "age < 90d" is "date > now - 90d".
        const column = dateColumn[condition.field]
        const boundary = now - condition.seconds
        const flipped = { "<": ">", "<=": ">=", ">": "<", ">=": "<=" }[condition.op]
        return `${column} ${flipped} ${this.p(boundary)}`
      }
      case "tag":
        return this.membership("company_tags", condition.match)
      case "segment":
        return this.membership("company_segments", condition.match)
      case "custom":
        return this.custom(condition.key, condition.op, condition.value)
      case "has":
        return this.has(condition.target)
    }
  }
}

/**
 * The ORDER BY of a sort: missing values last, ties broken by id (ascending with an ascending
 * sort, descending with a descending one). Both forms match an index (ReplicaDb's `liveIndexes`),
 * so a first page of a large match reads its rows in order instead of sorting them all.
 */
export const orderByOf = (sort: Sort | undefined): string => {
  const key = sort ?? { key: "name", descending: false }
  const column = sortColumn[key.key]
  return key.descending ? `${column} DESC, c.id DESC` : `(${column} IS NULL), ${column}, c.id`
}

/**
 * What a condition costs per row it is tried on: SQLite evaluates AND left to right, so cheap
 * column tests go first and custom attributes (JSON lookups) last. The order never changes a
 * result: every term is true or false (or NULL, which WHERE treats as false) on its own.
 */
const cost = (condition: Condition): number => {
  switch (condition.kind) {
    case "word":
      return 3
    case "text":
      return condition.match.wildcard ? 1 : 0
    case "tag":
    case "segment":
      return 2
    case "custom":
      return condition.value.kind === "boolean" ? 4 : 5
    case "has":
      return condition.target.kind === "custom" ? 5 : condition.target.kind === "tag" || condition.target.kind === "segment" ? 2 : 0
    default:
      return 0
  }
}

/** Compiles a parsed query to parameterised SQL; user values only ever travel as parameters. */
export const compileQuery = (ast: QueryAst, options: CompileOptions = {}): CompiledQuery => {
  const now = options.now ?? Math.floor(Date.now() / 1000)
  const builder = new Builder()
  const alternatives = ast.alternatives.map((terms) => {
    if (terms.length === 0) return "1"
    return [...terms]
      .sort((a, b) => cost(a.condition) - cost(b.condition))
      // A condition on a missing value is NULL, which WHERE treats as false; only a negation needs
      // it made false first (NOT NULL is NULL). Plain conditions stay bare, so indexes serve them.
      .map((term) => {
        const condition = builder.condition(term.condition, now)
        return term.negated ? `NOT IFNULL((${condition}), 0)` : `(${condition})`
      })
      .join(" AND ")
  })
  const where = alternatives.length === 1 ? alternatives[0]! : alternatives.map((a) => `(${a})`).join(" OR ")
  return { where, params: builder.params, orderBy: orderByOf(ast.sort) }
}
