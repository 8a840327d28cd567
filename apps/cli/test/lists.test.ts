import { type Simulator, startSimulator } from "@intercom-explorer/simulator"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { linesOf, runCli as runWith } from "./support/runCli.js"

// The list commands: a readable table by default, Intercom's objects with --json.

let sim: Simulator
let connection: Array<string>

/** The CLI with the simulator's token in INTERCOM_TOKEN. */
const runCli = (args: ReadonlyArray<string>) => runWith(args, { env: { INTERCOM_TOKEN: sim.token } })

beforeAll(async () => {
  sim = await startSimulator({ companies: 120, host: "127.0.0.1", seed: 3 })
  connection = ["--base-url", sim.url]
})

afterAll(async () => {
  await sim?.close()
})

describe("list commands", () => {
  it("tags list prints every tag in a table, and as JSON with --json", async () => {
    const table = await runCli(["tags", "list", ...connection])
    expect(table.code, table.stderr).toBe(0)
    const [header, rule, ...rest] = linesOf(table.stdout)
    expect(header).toMatch(/^ID\s+NAME$/)
    expect(rule).toMatch(/^-+\s+-+$/)
    const tags = sim.state.tags()
    for (const tag of tags) expect(table.stdout).toContain(tag.name)
    expect(rest.at(-1)).toBe(`${tags.length} tags`)

    const json = await runCli(["tags", "list", "--json", ...connection])
    expect(json.code, json.stderr).toBe(0)
    const parsed = JSON.parse(json.stdout) as Array<{ id: string; name: string }>
    expect(parsed.map((t) => t.id).sort()).toEqual(tags.map((t) => t.id).sort())
  })

  it("segments list prints the segments, with member counts on request", async () => {
    const result = await runCli(["segments", "list", "--count", ...connection])
    expect(result.code, result.stderr).toBe(0)
    expect(linesOf(result.stdout)[0]).toMatch(/^ID\s+NAME\s+TYPE\s+COUNT\s+CREATED$/)
    for (const segment of sim.state.segments()) {
      expect(result.stdout).toMatch(new RegExp(`${segment.name}\\s+\\S+\\s+${segment.count}\\s`))
    }
    const json = JSON.parse((await runCli(["segments", "list", "--json", ...connection])).stdout) as Array<{ id: string }>
    expect(json).toHaveLength(sim.state.segments().length)
  })

  it("companies list pages through the list API up to --limit", async () => {
    // --limit 70 with pages of 50: two requests, cut at 70.
    const json = await runCli(["companies", "list", "--limit", "70", "--json", ...connection])
    expect(json.code, json.stderr).toBe(0)
    const companies = JSON.parse(json.stdout) as Array<{ id: string; name: string }>
    expect(companies).toHaveLength(70)
    expect(new Set(companies.map((c) => c.id)).size).toBe(70)
    for (const company of companies) expect(sim.state.companies.get(company.id)?.name).toBe(company.name)

    const table = await runCli(["companies", "list", "-n", "5", ...connection])
    expect(table.code, table.stderr).toBe(0)
    const lines = linesOf(table.stdout)
    expect(lines[0]).toMatch(/^ID\s+COMPANY_ID\s+NAME\s+PLAN\s+USERS\s+SESSIONS\s+SPEND\s+LAST_REQUEST$/)
    expect(lines).toHaveLength(2 + 5 + 1)
    expect(lines.at(-1)).toBe("5 companies")
  })

  it("global flags go before or after the subcommand", async () => {
    const before = await runWith(["--base-url", sim.url, "--token", sim.token, "tags", "list", "--json"])
    const after = await runWith(["tags", "list", "--json", "--token", sim.token, "--base-url", sim.url])
    expect(before.code).toBe(0)
    expect(after.stdout).toBe(before.stdout)
  })
})
