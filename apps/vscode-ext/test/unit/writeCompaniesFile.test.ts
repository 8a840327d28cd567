import { Effect, Exit, Fiber, Stream } from "effect"
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { type Company, companyCsvColumns, exportPreamble, parseCsv } from "@intercom-explorer/core"
import { exportFileType, writeCompaniesFile } from "../../src/export/writeCompaniesFile.ts"

// The writer against the real file system; the scroll stream itself is tested in core and, end to
// end, in the extension-host tests (src/test/suite/export.test.ts).
const companies = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ type: "company", id: `c${i}`, name: `Company ${i}` }) as unknown as Company)

let dir: string
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "export-unit-"))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe("writeCompaniesFile", () => {
  it("writes a CSV with a header and one record per company, and no temporary file remains", async () => {
    const target = path.join(dir, "out.csv")
    const summary = await Effect.runPromise(writeCompaniesFile(Stream.fromIterable(companies(250)).pipe(Stream.rechunk(100)), "csv", target))
    expect(summary.companies).toBe(250)
    const records = parseCsv(readFileSync(target, "utf8"))
    expect(records).toHaveLength(251)
    expect(records[1]!.slice(0, 3)).toEqual(["c0", "", "Company 0"])
    expect(summary.bytes).toBe(readFileSync(target).byteLength)
    expect(readdirSync(dir)).toEqual(["out.csv"])
  })

  it("on failure leaves an existing target untouched and removes the temporary file", async () => {
    const target = path.join(dir, "out.ndjson")
    writeFileSync(target, "previous export\n")
    const failing = Stream.concat(Stream.fromIterable(companies(10)), Stream.fail("scroll failed"))
    const exit = await Effect.runPromiseExit(writeCompaniesFile(failing, "ndjson", target))
    expect(Exit.isFailure(exit)).toBe(true)
    expect(readFileSync(target, "utf8")).toBe("previous export\n")
    expect(readdirSync(dir)).toEqual(["out.ndjson"])
  })

  it("when interrupted mid-stream writes nothing at the target and removes the temporary file", async () => {
    const target = path.join(dir, "out.ndjson")
    const endless = Stream.fromIterable(companies(5)).pipe(Stream.forever, Stream.tap(() => Effect.sleep("1 millis")))
    const fiber = Effect.runFork(writeCompaniesFile(endless, "ndjson", target))
    await Effect.runPromise(Effect.sleep("100 millis"))
    // A hidden sibling while it runs: the target appears only once complete.
    expect(readdirSync(dir)).toEqual([`.out.ndjson.${process.pid}.partial`])
    await Effect.runPromise(Fiber.interrupt(fiber))
    expect(readdirSync(dir)).toEqual([])
  })

  it("fails with a readable message when the folder does not exist", async () => {
    const exit = await Effect.runPromiseExit(writeCompaniesFile(Stream.empty, "csv", path.join(dir, "missing", "out.csv")))
    expect(Exit.isFailure(exit) && String(exit.cause)).toMatch(/no such folder/)
  })
})

describe("the export's files", () => {
  it("are named by format", () => {
    expect(exportFileType("csv")).toEqual({ extension: "csv", label: "CSV" })
    expect(exportFileType("ndjson")).toEqual({ extension: "ndjson", label: "NDJSON" })
  })

  it("have the CSV columns the README documents, in order (core's format, shared with the CLI)", () => {
    expect(companyCsvColumns).toEqual([
      "id", "company_id", "name", "plan", "size", "website", "industry", "monthly_spend", "user_count",
      "session_count", "created_at", "updated_at", "last_request_at", "tags", "custom_attributes"
    ])
    expect(exportPreamble("csv")).toBe(companyCsvColumns.join(",") + "\r\n")
    expect(exportPreamble("ndjson")).toBe("")
  })
})
