import { type Simulator, startSimulator, startSpoilingRelay } from "@intercom-explorer/simulator"
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { companyCsvColumns, parseCsv } from "@intercom-explorer/core"
import { linesOf, runCli as runWith } from "./support/runCli.js"

// `companies export` end to end: the built CLI in a child process against a simulator on
// 127.0.0.1, checked against the simulator's own state.

const COMPANIES = 500
let sim: Simulator
let dir: string
let connection: Array<string>

/** The CLI with the simulator's token in INTERCOM_TOKEN. */
const runCli = (args: ReadonlyArray<string>) => runWith(args, { env: { INTERCOM_TOKEN: sim.token } })

beforeAll(async () => {
  sim = await startSimulator({ companies: COMPANIES, host: "127.0.0.1", seed: 7, rateLimit: 10_000 })
  dir = await mkdtemp(path.join(tmpdir(), "cli-export-"))
  connection = ["--base-url", sim.url]
})

afterAll(async () => {
  await sim?.close()
  if (dir !== undefined) await rm(dir, { recursive: true, force: true })
})

const expectEachIdOnce = (ids: ReadonlyArray<string>) => {
  expect(ids).toHaveLength(COMPANIES)
  expect(new Set(ids).size).toBe(COMPANIES)
  expect([...ids].sort()).toEqual([...sim.state.companies.ids()].sort())
}

const leftovers = async () => (await readdir(dir)).filter((name) => name.endsWith(".partial"))

describe("companies export", () => {
  it("writes NDJSON: every company exactly once, one JSON object per line", async () => {
    const out = path.join(dir, "companies.ndjson")
    const result = await runCli(["companies", "export", "--format", "ndjson", "--out", out, ...connection])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toBe("")
    const lines = (await readFile(out, "utf8")).split("\n")
    expect(lines.pop()).toBe("") // newline-terminated
    const companies = lines.map((line) => JSON.parse(line) as { id: string; type: string; name?: string })
    expectEachIdOnce(companies.map((c) => c.id))
    const sample = companies[123]!
    expect(sample).toEqual(sim.state.companies.get(sample.id))
    expect(result.stderr).toMatch(new RegExp(`exported ${COMPANIES} companies as ndjson \\(\\d+ pages, 0 restarts\\)`))
    expect(await leftovers()).toEqual([])
  })

  it("leaves out a company that does not decode, lists it with its field on stderr, and exports the rest", async () => {
    let spoiled: string | undefined
    const proxy = await startSpoilingRelay(() => sim.url, (companies) => {
      spoiled = companies[1]!.id as string
      companies[1]!.monthly_spend = "lots"
    })
    try {
      const out = path.join(dir, "odd.ndjson")
      const result = await runWith(["companies", "export", "--format", "ndjson", "--out", out, "--base-url", proxy.url], {
        env: { INTERCOM_TOKEN: sim.token }
      })
      expect(result.code, result.stderr).toBe(0)
      const ids = (await readFile(out, "utf8")).trim().split("\n").map((line) => (JSON.parse(line) as { id: string }).id)
      expect(ids).toHaveLength(COMPANIES - 1)
      expect(ids).not.toContain(spoiled)
      const lines = linesOf(result.stderr)
      expect(lines.filter((line) => line.startsWith("odd company "))).toEqual([
        expect.stringMatching(new RegExp(`^odd company ${spoiled}: .*\\["monthly_spend"\\].*\\(left out of the export\\)$`))
      ])
      expect(result.stderr).toMatch(new RegExp(`exported ${COMPANIES - 1} companies as ndjson \\(\\d+ pages, 0 restarts, 1 odd left out\\)`))
    } finally {
      await proxy.close()
    }
  })

  it("writes CSV with a header and RFC 4180 quoting that parses back", async () => {
    const out = path.join(dir, "companies.csv")
    const result = await runCli(["companies", "export", "--format", "csv", "--out", out, "--quiet", ...connection])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toBe("") // --quiet
    const text = await readFile(out, "utf8")
    expect(text.endsWith("\r\n")).toBe(true)
    const [header, ...rows] = parseCsv(text)
    expect(header).toEqual([...companyCsvColumns])
    for (const row of rows) expect(row).toHaveLength(companyCsvColumns.length)
    expectEachIdOnce(rows.map((row) => row[0]!))

    const column = (name: (typeof companyCsvColumns)[number]) => companyCsvColumns.indexOf(name)
    for (const row of rows.slice(0, 50)) {
      const company = sim.state.companies.get(row[0]!)!
      expect(row[column("name")]).toBe(company.name ?? "")
      expect(row[column("company_id")]).toBe(company.company_id ?? "")
      expect(row[column("tags")]).toBe(sim.state.tagsOf(company.id).map((tag) => tag.name).join(";"))
      const custom = row[column("custom_attributes")]!
      expect(custom === "" ? {} : JSON.parse(custom)).toEqual(company.custom_attributes ?? {})
      if (company.created_at !== undefined) {
        expect(row[column("created_at")]).toBe(new Date(company.created_at * 1000).toISOString())
      }
    }
  })

  it("writes to stdout with --out - and takes the format from the file extension otherwise", async () => {
    const toStdout = await runCli(["companies", "export", "--format", "csv", "--out", "-", ...connection])
    expect(toStdout.code, toStdout.stderr).toBe(0)
    const [header, ...rows] = parseCsv(toStdout.stdout)
    expect(header?.[0]).toBe("id")
    expectEachIdOnce(rows.map((row) => row[0]!))
    expect(toStdout.stderr).toContain("to stdout")

    const inferred = path.join(dir, "inferred.csv")
    const result = await runCli(["companies", "export", "-o", inferred, "-q", ...connection])
    expect(result.code, result.stderr).toBe(0)
    expect((await readFile(inferred, "utf8")).startsWith("id,company_id,name,")).toBe(true)
  })

  it("writes the same bytes with --in-memory (the benchmark's baseline) as streaming", async () => {
    for (const format of ["csv", "ndjson"]) {
      const args = ["companies", "export", "--format", format, "--out", "-", "--quiet", ...connection]
      const streamed = await runCli(args)
      const inMemory = await runCli([...args, "--in-memory"])
      expect(inMemory.code, inMemory.stderr).toBe(0)
      expect(inMemory.stdout.length).toBeGreaterThan(0)
      expect(inMemory.stdout).toBe(streamed.stdout)
    }
  })

  it("survives scroll expiry and a mid-scroll 500: restarts, still every company once", async () => {
    const ids = [sim.faults.inject("scroll-expire@nth=2"), sim.faults.inject("scroll-restart-500@nth=5")]
    try {
      const out = path.join(dir, "restarted.ndjson")
      const result = await runCli(["companies", "export", "--out", out, ...connection])
      expect(result.code, result.stderr).toBe(0)
      expect(result.stderr).toMatch(/\(\d+ pages, 2 restarts\)/)
      expectEachIdOnce(linesOf(await readFile(out, "utf8")).map((line) => (JSON.parse(line) as { id: string }).id))
    } finally {
      for (const id of ids) sim.faults.remove(id)
    }
  })

  it("never leaves a half file: a failed export keeps the previous file and removes its temporary", async () => {
    const out = path.join(dir, "kept.ndjson")
    await writeFile(out, "previous export\n")
    // The first page arrives, then every pass fails until the scroll is abandoned.
    const ids = Array.from({ length: 12 }, (_, i) => sim.faults.inject(`scroll-restart-500@nth=${2 * (i + 1)}`))
    try {
      const result = await runCli(["companies", "export", "--out", out, ...connection])
      expect(result.code).toBe(1)
      const errorLines = linesOf(result.stderr).filter((line) => line.startsWith("error:"))
      expect(errorLines).toHaveLength(1)
      expect(errorLines[0]).toMatch(/^error: the company scroll was abandoned after \d+ restarts/)
      expect(await readFile(out, "utf8")).toBe("previous export\n")
      expect(await leftovers()).toEqual([])
    } finally {
      for (const id of ids) sim.faults.remove(id)
    }
  })

  it("reports an unwritable target in one line with exit 1", async () => {
    const result = await runCli(["companies", "export", "--out", path.join(dir, "missing", "x.ndjson"), ...connection])
    expect(result.code).toBe(1)
    expect(linesOf(result.stderr).at(-1)).toMatch(/^error: cannot write .*x\.ndjson: no such directory$/)
  })
})
