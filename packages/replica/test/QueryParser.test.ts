import { assert, describe, it } from "@effect/vitest"
import { parseQueryEither } from "../src/QueryParser.js"
import { InvalidQuery } from "../src/ReplicaErrors.js"

const parsed = (query: string) => {
  const result = parseQueryEither(query)
  if (result instanceof InvalidQuery) throw new Error(`"${query}" failed: ${result.description}`)
  return result
}
const only = (query: string) => {
  const ast = parsed(query)
  assert.strictEqual(ast.alternatives.length, 1)
  assert.strictEqual(ast.alternatives[0]!.length, 1)
  return ast.alternatives[0]![0]!
}
const failure = (query: string) => {
  const result = parseQueryEither(query)
  if (!(result instanceof InvalidQuery)) throw new Error(`"${query}" parsed, but should not`)
  return result
}

describe("QueryParser", () => {
  it("bare words, each a term with its column", () => {
    const ast = parsed("  acme  Zürich")
    assert.deepStrictEqual(ast.alternatives[0]!.map((t) => [t.condition, t.column, t.source]), [
      [{ kind: "word", text: "acme" }, 3, "acme"],
      [{ kind: "word", text: "Zürich" }, 9, "Zürich"]
    ])
    assert.deepStrictEqual(only("\"two words\"").condition, { kind: "word", text: "two words" })
    assert.strictEqual(parsed("").alternatives[0]!.length, 0)
  })

  it("text fields, the cid alias, quotes and the * wildcard", () => {
    assert.deepStrictEqual(only("plan:Pro").condition, { kind: "text", field: "plan", match: { text: "Pro", wildcard: false } })
    assert.deepStrictEqual(only("industry:\"Financial services\"").condition, {
      kind: "text",
      field: "industry",
      match: { text: "Financial services", wildcard: false }
    })
    assert.deepStrictEqual(only("name:acme*").condition, { kind: "text", field: "name", match: { text: "acme*", wildcard: true } })
    assert.deepStrictEqual(only("name:\"a*b\"").condition, { kind: "text", field: "name", match: { text: "a*b", wildcard: false } })
    assert.deepStrictEqual(only("cid:X-1").condition, { kind: "text", field: "company_id", match: { text: "X-1", wildcard: false } })
    assert.deepStrictEqual(only("website:*.io").condition, { kind: "text", field: "website", match: { text: "*.io", wildcard: true } })
    assert.deepStrictEqual(only("NAME:\"say \\\"hi\\\"\"").condition, { kind: "text", field: "name", match: { text: "say \"hi\"", wildcard: false } })
  })

  it("numbers with : .. > >= < <=", () => {
    assert.deepStrictEqual(only("spend>1000").condition, { kind: "number", field: "spend", op: ">", value: 1000 })
    assert.deepStrictEqual(only("size:10..50").condition, { kind: "numberRange", field: "size", from: 10, to: 50 })
    assert.deepStrictEqual(only("users:0").condition, { kind: "number", field: "users", op: "=", value: 0 })
    assert.deepStrictEqual(only("sessions>=5").condition, { kind: "number", field: "sessions", op: ">=", value: 5 })
    assert.deepStrictEqual(only("spend<2.5").condition, { kind: "number", field: "spend", op: "<", value: 2.5 })
    assert.deepStrictEqual(only("size<=-1").condition, { kind: "number", field: "size", op: "<=", value: -1 })
  })

  it("dates YYYY-MM-DD (UTC days), ranges and ages", () => {
    assert.deepStrictEqual(only("created>2025-03-01").condition, { kind: "date", field: "created", op: ">", day: Date.UTC(2025, 2, 1) / 1000 })
    assert.deepStrictEqual(only("updated:2025-01-01..2025-01-31").condition, {
      kind: "dateRange",
      field: "updated",
      from: Date.UTC(2025, 0, 1) / 1000,
      to: Date.UTC(2025, 0, 31) / 1000
    })
    assert.deepStrictEqual(only("seen>90d").condition, { kind: "age", field: "seen", op: ">", seconds: 90 * 86_400 })
    assert.deepStrictEqual(only("seen<=2w").condition, { kind: "age", field: "seen", op: "<=", seconds: 14 * 86_400 })
    assert.deepStrictEqual(only("created<12h").condition, { kind: "age", field: "created", op: "<", seconds: 12 * 3600 })
    assert.deepStrictEqual(only("created>1y").condition, { kind: "age", field: "created", op: ">", seconds: 365 * 86_400 })
  })

  it("tags, segments, custom attributes of each type, has:/no:, negation, OR and sort", () => {
    assert.deepStrictEqual(only("tag:\"Do not contact\"").condition, { kind: "tag", match: { text: "Do not contact", wildcard: false } })
    assert.deepStrictEqual(only("segment:\"High spenders\"").condition, { kind: "segment", match: { text: "High spenders", wildcard: false } })
    assert.deepStrictEqual(only("custom.tier:gold").condition, { kind: "custom", key: "tier", op: "=", value: { kind: "string", match: { text: "gold", wildcard: false } } })
    assert.deepStrictEqual(only("custom.seats>10").condition, { kind: "custom", key: "seats", op: ">", value: { kind: "number", value: 10, text: "10" } })
    assert.deepStrictEqual(only("custom.paid:true").condition, { kind: "custom", key: "paid", op: "=", value: { kind: "boolean", value: true } })
    assert.deepStrictEqual(only("custom.paid:\"true\"").condition, { kind: "custom", key: "paid", op: "=", value: { kind: "string", match: { text: "true", wildcard: false } } })
    assert.deepStrictEqual(only("custom.Account.Region:EU").condition, { kind: "custom", key: "Account.Region", op: "=", value: { kind: "string", match: { text: "EU", wildcard: false } } })
    const has = only("has:website")
    assert.deepStrictEqual([has.condition, has.negated], [{ kind: "has", target: { kind: "text", field: "website" } }, false])
    const no = only("no:custom.tier")
    assert.deepStrictEqual([no.condition, no.negated], [{ kind: "has", target: { kind: "custom", key: "tier" } }, true])
    assert.strictEqual(only("-no:tag").negated, false)
    assert.strictEqual(only("-tag:Churn").negated, true)
    assert.strictEqual(only("-acme").negated, true)
    assert.deepStrictEqual(parsed("plan:Pro sort:-spend").sort, { key: "spend", descending: true })
    assert.deepStrictEqual(parsed("sort:Name").sort, { key: "name", descending: false })
    assert.strictEqual(parsed("plan:Pro").sort, undefined)
    const or = parsed("plan:Pro spend>10 OR tag:VIP")
    assert.deepStrictEqual(or.alternatives.map((terms) => terms.map((t) => t.source)), [["plan:Pro", "spend>10"], ["tag:VIP"]])
  })

  it("errors name the term and its 1-based column, before anything runs", () => {
    const cases: Array<[query: string, term: string, column: number, detail: RegExp]> = [
      ["plan:Pro colour:red", "colour:red", 10, /unknown field "colour"/],
      ["spend>lots", "spend>lots", 1, /"lots" is not a number/],
      ["a  size:50..10", "size:50..10", 4, /start is after its end/],
      ["created>2025-02-30", "created>2025-02-30", 1, /not a calendar date/],
      ["seen>yesterday", "seen>yesterday", 1, /not a date \(YYYY-MM-DD\) or an age like 90d/],
      ["seen:90d", "seen:90d", 1, /an age takes < or >/],
      ["name:\"open", "name:\"open", 6, /unterminated quote/],
      ["plan:Pro -", "-", 10, /nothing to negate/],
      ["plan>Pro", "plan>Pro", 1, /"plan" takes ":" only/],
      ["tag>VIP", "tag>VIP", 1, /"tag" takes ":" only/],
      ["has:colour", "has:colour", 1, /unknown field "colour"/],
      ["custom.seats>many", "custom.seats>many", 1, /compares numbers only/],
      ["sort:spend sort:name", "sort:name", 12, /a second sort/],
      ["sort:colour", "sort:colour", 1, /cannot sort by "colour"/],
      ["-sort:name", "-sort:name", 1, /cannot be negated/],
      ["plan:", "plan:", 1, /no value after "plan:"/],
      ["OR plan:Pro", "OR", 1, /OR needs a term on each side/],
      ["plan:Pro OR", "OR", 10, /OR needs a term on each side/],
      ["name:ab\"c\"", "name:ab\"c\"", 1, /quoted whole/]
    ]
    for (const [query, term, column, detail] of cases) {
      const error = failure(query)
      assert.strictEqual(error.term, term, query)
      assert.strictEqual(error.column, column, query)
      assert.match(error.detail, detail, query)
      assert.strictEqual(error.description, `${error.detail} in "${term}" at column ${column}`)
    }
  })
})
