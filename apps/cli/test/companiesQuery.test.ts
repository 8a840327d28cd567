import { companyCsvColumns, parseCsv } from "@intercom-explorer/core"
import { type Simulator, startSimulator } from "@intercom-explorer/simulator"
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { binJs, linesOf, run, runCli } from "./support/runCli.js"

// `companies query` end to end: the built CLI in a child process reads a replica that
// `companies sync` filled from a simulator on 127.0.0.1; answers are checked against the
// simulator's own companies. Queries run without a token.

const COMPANIES = 400
const TOKEN = "tok_query_test_5ecret_value"
let sim: Simulator
let dir: string
let db: string

interface WireCompany {
  readonly id: string
  readonly name?: string | null
  readonly company_id?: string
  readonly plan?: { readonly name?: string } | null
  readonly monthly_spend?: number
}

const query = (args: ReadonlyArray<string>, env: Record<string, string> = {}) =>
  runCli(["companies", "query", ...args, "--db", db], { env })

const ndjson = (stdout: string) => linesOf(stdout).map((line) => JSON.parse(line) as WireCompany)

const isProOver1000 = (c: WireCompany) => c.plan?.name?.toLowerCase() === "pro" && (c.monthly_spend ?? -1) > 1000

const simCompanies = () => sim.state.companies.ids().map((id) => sim.state.companies.get(id) as unknown as WireCompany)

beforeAll(async () => {
  sim = await startSimulator({ companies: COMPANIES, host: "127.0.0.1", seed: 11, token: TOKEN, rateLimit: 10_000 })
  dir = await mkdtemp(path.join(tmpdir(), "cli-query-"))
  db = path.join(dir, "replica.sqlite")
  const sync = await runCli(["companies", "sync", "--db", db, "--base-url", sim.url], { env: { INTERCOM_TOKEN: TOKEN } })
  expect(sync.code, sync.stderr).toBe(0)
})

afterAll(async () => {
  await sim?.close()
  if (dir !== undefined) await rm(dir, { recursive: true, force: true })
})

describe("companies query", () => {
  it("--format ndjson prints each company as Intercom sent it, matching exactly the query, in its order", async () => {
    const result = await query(["plan:Pro spend>1000 sort:-spend", "--format", "ndjson"])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toBe("")
    const companies = ndjson(result.stdout)
    const expected = simCompanies().filter(isProOver1000)
    expect(expected.length).toBeGreaterThan(5) // the seed gives the query something to find
    expect(companies.map((c) => c.id).sort()).toEqual(expected.map((c) => c.id).sort())
    for (const company of companies) expect(company).toEqual(sim.state.companies.get(company.id))
    const spends = companies.map((c) => c.monthly_spend!)
    expect(spends).toEqual([...spends].sort((a, b) => b - a))
  })

  it("with no query prints every company once, by name", async () => {
    const result = await query(["--format", "ndjson"])
    expect(result.code, result.stderr).toBe(0)
    const companies = ndjson(result.stdout)
    expect(companies).toHaveLength(COMPANIES)
    expect(new Set(companies.map((c) => c.id))).toEqual(new Set(sim.state.companies.ids()))
    const names = companies.map((c) => (c.name ?? "").toLowerCase()).filter((name) => name !== "")
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
  })

  it("--format csv is the export's CSV, in the same order as ndjson", async () => {
    const [csv, json] = await Promise.all([
      query(["plan:Pro spend>1000 sort:-spend", "--format", "csv"]),
      query(["plan:Pro spend>1000 sort:-spend", "--format", "ndjson"])
    ])
    expect(csv.code, csv.stderr).toBe(0)
    expect(csv.stdout.endsWith("\r\n")).toBe(true)
    const [header, ...rows] = parseCsv(csv.stdout)
    expect(header).toEqual([...companyCsvColumns])
    expect(rows.map((row) => row[0])).toEqual(ndjson(json.stdout).map((c) => c.id))
    const column = (name: (typeof companyCsvColumns)[number]) => companyCsvColumns.indexOf(name)
    for (const row of rows) {
      const company = sim.state.companies.get(row[0]!)!
      expect(row[column("name")]).toBe(company.name ?? "")
      expect(row[column("plan")]).toBe("Pro")
      expect(row[column("tags")]).toBe(sim.state.tagsOf(company.id).map((tag) => tag.name).join(";"))
    }
  })

  it("--format table (the default) aligns the main columns and ends with the count", async () => {
    const result = await query(["plan:Pro spend>1000 sort:-spend"])
    expect(result.code, result.stderr).toBe(0)
    const [header, rule, ...rest] = linesOf(result.stdout)
    expect(header!.split(/\s{2,}/)).toEqual(["NAME", "COMPANY_ID", "PLAN", "SIZE", "SPEND", "USERS", "SESSIONS", "SEEN", "CREATED", "TAGS"])
    expect(rule).toMatch(/^-+( {2}-+)+$/)
    const expected = simCompanies().filter(isProOver1000)
    expect(rest.at(-1)).toBe(`${expected.length} companies`)
    const rows = rest.slice(0, -1)
    expect(rows).toHaveLength(expected.length)
    // Aligned: every row's SPEND column ends where the header's does.
    const spendEnd = header!.indexOf("SPEND") + "SPEND".length
    const json = ndjson((await query(["plan:Pro spend>1000 sort:-spend", "--format", "ndjson"])).stdout)
    rows.forEach((row, i) => expect(row.slice(0, spendEnd).trimEnd().endsWith(String(json[i]!.monthly_spend))).toBe(true))
  })

  it("--limit N gives the first N in the query's order, in every format", async () => {
    const all = ndjson((await query(["sort:-spend", "--format", "ndjson"])).stdout).map((c) => c.id)
    const limited = await query(["sort:-spend", "--format", "ndjson", "--limit", "7"])
    expect(limited.code, limited.stderr).toBe(0)
    expect(ndjson(limited.stdout).map((c) => c.id)).toEqual(all.slice(0, 7))

    const csv = await query(["sort:-spend", "--format", "csv", "-n", "3"])
    expect(parseCsv(csv.stdout).slice(1).map((row) => row[0])).toEqual(all.slice(0, 3))

    const table = await query(["sort:-spend", "--limit", "5"])
    const lines = linesOf(table.stdout)
    expect(lines).toHaveLength(2 + 5 + 1)
    expect(lines.at(-1)).toBe(`5 of ${COMPANIES} companies (--limit 5)`)

    const bad = await query(["sort:-spend", "--limit", "0"])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain("--limit must be a positive number, got 0")
  })

  it("--count prints only the number (at most --limit)", async () => {
    const result = await query(["plan:Pro spend>1000", "--count"])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toBe(`${simCompanies().filter(isProOver1000).length}\n`)
    expect((await query(["--count"])).stdout).toBe(`${COMPANIES}\n`)
    expect((await query(["--count", "--limit", "10"])).stdout).toBe("10\n")
    expect((await query(["zzzz-no-such-company", "--count"])).stdout).toBe("0\n")
  })

  it("takes a query that starts with a negated term", async () => {
    const withTerm = Number((await query(["plan:Pro", "--count"])).stdout)
    const negated = await query(["-plan:Pro", "--count"])
    expect(negated.code, negated.stderr).toBe(0)
    expect(Number(negated.stdout)).toBe(COMPANIES - withTerm)
    const afterSeparator = await runCli(["companies", "query", "--count", "--db", db, "--", "-plan:Pro"])
    expect(afterSeparator.stdout).toBe(negated.stdout)
  })

  it("a bad query exits 2 with the parser's message: the term and its column", async () => {
    for (const format of ["table", "ndjson", "csv"]) {
      const result = await query(["plan:Pro colour:red", "--format", format])
      expect(result.code).toBe(2)
      expect(result.stdout).toBe("")
      expect(result.stderr).toBe(`error: invalid query: unknown field "colour" in "colour:red" at column 10\n`)
    }
    const count = await query(["spend>lots", "--count"])
    expect(count.code).toBe(2)
    expect(count.stderr).toBe(`error: invalid query: "lots" is not a number in "spend>lots" at column 1\n`)
  })

  it("needs no token and sends no request", async () => {
    const before = sim.state.requests.length
    const result = await runCli(["companies", "query", "tag:VIP", "--format", "ndjson", "--db", db, "--base-url", sim.url])
    expect(result.code, result.stderr).toBe(0)
    expect(ndjson(result.stdout).length).toBeGreaterThan(0)
    expect(sim.state.requests.length).toBe(before)
    // Nothing listening at all: the answer is the same.
    const nowhere = await runCli(["companies", "query", "tag:VIP", "--format", "ndjson", "--db", db, "--base-url", "http://127.0.0.1:9"])
    expect(nowhere.code, nowhere.stderr).toBe(0)
    expect(nowhere.stdout).toBe(result.stdout)
  })

  it("stops quietly when the reader goes away (| head)", async () => {
    for (const format of ["table", "ndjson"]) {
      const piped = await run("bash", [
        "-c",
        `"${process.execPath}" "${binJs}" companies query --format ${format} --db "${db}" | head -n 3; echo "cli exit \${PIPESTATUS[0]}" >&2`
      ])
      expect(linesOf(piped.stdout)).toHaveLength(3)
      expect(piped.stderr).toBe("cli exit 0\n")
    }
  })

  it("no replica yet: exit 2, saying to run companies sync", async () => {
    const missing = path.join(dir, "never-synced.sqlite")
    const result = await runCli(["companies", "query", "plan:Pro", "--db", missing])
    expect(result.code).toBe(2)
    expect(result.stdout).toBe("")
    expect(result.stderr).toBe(`error: no replica at ${missing} yet: run \`companies sync\` first\n`)
  })

  it("INTERCOM_EXPLORER_DB names the replica; --db wins over it", async () => {
    const viaEnv = await runCli(["companies", "query", "--count"], { env: { INTERCOM_EXPLORER_DB: db } })
    expect(viaEnv.code, viaEnv.stderr).toBe(0)
    expect(viaEnv.stdout).toBe(`${COMPANIES}\n`)
    const missing = path.join(dir, "other.sqlite")
    const flagWins = await runCli(["companies", "query", "--count", "--db", missing], { env: { INTERCOM_EXPLORER_DB: db } })
    expect(flagWins.code).toBe(2)
    expect(flagWins.stderr).toContain(`no replica at ${missing} yet`)
  })
})
