import { Companies } from "@intercom-explorer/core"
import * as Stream from "effect/Stream"
import * as assert from "node:assert/strict"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import * as vscode from "vscode"
import { Commands } from "../../contributions"
import type { ExportOutcome } from "../../export/ExportCompaniesCommand"
import { companyCsvColumns, parseCsv } from "@intercom-explorer/core"
import type { TestApi } from "../../extension"
import { activateExtension } from "./helpers"
import { type Simulator, startTestSimulator } from "./sim"
import { pickByLabel, withWindowStubs } from "./windowStubs"

// Through the real scroll stream of the session's client against a simulator in the extension
// host; only the modal UI (format pick, save dialog, and for Cancel the progress) is stubbed.
suite("export all companies", () => {
  let api: TestApi
  let dir: string

  suiteSetup(async () => {
    ;({ api } = await activateExtension())
  })

  setup(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "intercom-export-it-"))
  })

  teardown(async () => {
    await vscode.commands.executeCommand(Commands.signOut)
    fs.rmSync(dir, { recursive: true, force: true })
  })

  const connect = async (sim: Simulator) => api.session.connectDemo(sim.url, sim.token)

  const exportAs = (label: "NDJSON" | "CSV", file: string, extra: Partial<typeof vscode.window> = {}) =>
    withWindowStubs(
      { showQuickPick: pickByLabel(label), showSaveDialog: async () => vscode.Uri.file(file), ...extra },
      () => vscode.commands.executeCommand<ExportOutcome>(Commands.exportCompanies)
    )

  test("NDJSON: every simulator company exactly once, each line a company object", async () => {
    const sim = await startTestSimulator({ companies: 250 })
    try {
      await connect(sim)
      const file = path.join(dir, "companies.ndjson")
      const outcome = await exportAs("NDJSON", file)
      assert.deepEqual(outcome, { status: "done", file, companies: 250, bytes: fs.statSync(file).size })
      const lines = fs.readFileSync(file, "utf8").split("\n")
      assert.equal(lines.pop(), "", "the file ends with a newline")
      const ids = lines.map((line) => (JSON.parse(line) as { id: string }).id)
      assert.deepEqual([...ids].sort(), sim.state.companies.ids().sort())
      assert.equal(new Set(ids).size, ids.length, "a company was written twice")
      assert.equal(sim.state.scroll.completed, 1, "the export did not read the scroll to its end")
      assert.deepEqual(fs.readdirSync(dir), ["companies.ndjson"], "a temporary file was left behind")
    } finally {
      await sim.close()
    }
  })

  test("CSV: header and one RFC 4180 record per simulator company, through a scroll restart", async () => {
    // A 500 "please restart the scroll" on the second page: core starts over and skips duplicates.
    const sim = await startTestSimulator({ companies: 230, faults: "scroll-restart-500@nth=2" })
    try {
      await connect(sim)
      const file = path.join(dir, "companies.csv")
      const outcome = await exportAs("CSV", file)
      assert.equal(outcome.status, "done")
      const [header, ...records] = parseCsv(fs.readFileSync(file, "utf8"))
      assert.deepEqual(header, [...companyCsvColumns])
      assert.equal(records.length, 230)
      for (const record of records) assert.equal(record.length, companyCsvColumns.length)
      const ids = records.map((r) => r[0]!)
      assert.deepEqual([...ids].sort(), sim.state.companies.ids().sort())
      // Spot-check one row against the server's own record.
      const sample = sim.state.companies.get(ids[17]!)!
      const row = records[17]!
      assert.equal(row[1], sample.company_id)
      assert.equal(row[2], sample.name ?? "")
      assert.equal(row[8], String(sample.user_count))
      assert.ok(sim.state.scroll.restarts >= 1, "the injected restart did not happen")
    } finally {
      await sim.close()
    }
  })

  test("Cancel interrupts the export: no file, no temporary file, and a new scroll can start at once", async () => {
    // Slow pages, so that Cancel lands in the middle of the scroll.
    const sim = await startTestSimulator({ companies: 800, faults: "latency@p=1&delay=150&path=/companies/scroll" })
    try {
      await connect(sim)
      const file = path.join(dir, "cancelled.ndjson")
      const reports: Array<string | undefined> = []
      const cancel = new vscode.CancellationTokenSource()
      const withProgress = (async (_options: vscode.ProgressOptions, task: Parameters<typeof vscode.window.withProgress>[1]) =>
        task(
          {
            report: (value) => {
              reports.push(value.message)
              // Cancel once two pages have arrived, like a user pressing Cancel on the notification.
              if (/^200 companies/.test(value.message ?? "")) cancel.cancel()
            }
          },
          cancel.token
        )) as typeof vscode.window.withProgress
      const outcome = await exportAs("NDJSON", file, { withProgress })
      assert.deepEqual(outcome, { status: "cancelled", file })
      assert.ok(reports.includes("100 companies"), `progress was reported: ${reports.join(" | ")}`)
      assert.equal(fs.existsSync(file), false, "the cancelled export left the target file")
      assert.deepEqual(fs.readdirSync(dir), [], "the cancelled export left a temporary file")
      assert.ok(sim.state.scroll.pagesServed < 8, `the scroll was not interrupted (${sim.state.scroll.pagesServed} pages)`)

      // The app's scroll lock was released by the interruption: a scroll that refuses to wait for
      // it (whenBusy: "fail") starts. Intercom keeps the abandoned scroll open until it idles out
      // (1 min); the fault stands for that timeout so the test need not wait for it.
      sim.faults.clear()
      sim.faults.inject("scroll-expire")
      const count = await api.session.run(Companies.use((c) => Stream.runCount(c.scroll({ whenBusy: "fail" }))))
      assert.equal(count, 800)
    } finally {
      await sim.close()
    }
  })

  test("without a session the command says so and writes nothing", async () => {
    await vscode.commands.executeCommand(Commands.signOut)
    const outcome = await exportAs("CSV", path.join(dir, "x.csv"))
    assert.deepEqual(outcome, { status: "dismissed" })
    assert.deepEqual(fs.readdirSync(dir), [])
  })
})
