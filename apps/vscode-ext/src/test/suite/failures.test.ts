import * as assert from "node:assert/strict"
import * as vscode from "vscode"
import { Commands } from "../../contributions"
import type { TestApi } from "../../extension"
import type { ExportOutcome } from "../../export/ExportCompaniesCommand"
import type { StatusNode } from "../../tree/nodes"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { activateExtension, waitFor } from "./helpers"
import { connectTo, revocableServer, type Simulator, startTestSimulator } from "./sim"
import { companiesLoaded, companyIds, description, groupExpanded, groupsLoaded, label, statusKinds } from "./treeHelpers"
import { FakeQuickPick, pickByLabel, withWindowStubs } from "./windowStubs"

suite("failures, retry and sign-out on 401", () => {
  let api: TestApi
  let sim: Simulator

  suiteSetup(async () => {
    ;({ api } = await activateExtension())
    sim = await startTestSimulator({ companies: 60, seed: 3 })
  })

  setup(async () => {
    sim.faults.clear()
    await connectTo(api, sim) // a fresh client: the views start empty
  })

  suiteTeardown(async () => {
    await api.session.signOut()
    await sim.close()
  })

  test("a failed refresh keeps the rows, adds an error row with Retry, and Retry recovers", async () => {
    const before = companyIds(await companiesLoaded(api))
    sim.faults.inject("drop-connection@p=1&path=/companies/list")
    await vscode.commands.executeCommand(Commands.refreshCompanies)
    const failed = await companiesLoaded(api, "the refresh to fail", 20_000)
    const tree = api.trees.companies
    assert.equal(failed[0]?.kind, "error", "an error row first")
    assert.deepEqual(companyIds(failed), before, "the last good rows stay")
    const errorItem = tree.getTreeItem(failed[0]!)
    assert.equal(errorItem.command?.command, Commands.retry)
    assert.match(String(errorItem.description), /Retry$/)
    assert.ok(["Offline", "Couldn't load"].includes(label(tree, failed[0]!)))

    sim.faults.clear()
    await vscode.commands.executeCommand(Commands.retry, failed[0])
    const recovered = await companiesLoaded(api, "the retry")
    assert.deepEqual(statusKinds(recovered).filter((k) => k === "error"), [])
    assert.deepEqual(companyIds(recovered), before)
  })

  test("unreachable with nothing loaded: the offline welcome (context key), no error row", async () => {
    const closed = await startTestSimulator({ companies: 1 })
    await closed.close() // nothing listens there any more
    await api.session.useToken(sim.token, closed.url)
    const tree = api.trees.companies
    tree.getChildren()
    await waitFor("the load to fail", () => tree.model.error !== undefined && tree.model.busy === undefined, 20_000)
    assert.deepEqual(tree.getChildren(), [], "the welcome content shows only for an empty tree")
    assert.deepEqual(tree.model.viewState(), { loading: false, empty: false, offline: true })
    assert.equal(tree.model.error?.offline, true)
    assert.equal(api.session.signedIn, true, "offline is not signed out")
  })

  test("Segments and Tags: an error row with Retry, and an error row under a group", async () => {
    const segments = await groupsLoaded(api, "segments")
    sim.faults.inject("drop-connection@p=1&path=/segments")
    await vscode.commands.executeCommand(Commands.refreshSegments)
    const tree = api.trees.segments
    await waitFor("the segments refresh to fail", () => tree.model.error !== undefined, 20_000)
    const rows = tree.getChildren()
    assert.equal(rows[0]?.kind, "error")
    assert.deepEqual(rows.slice(1).map((n) => n.id), segments.map((n) => n.id))
    sim.faults.clear()
    await vscode.commands.executeCommand(Commands.retry, rows[0])
    await waitFor("the retry", () => tree.model.error === undefined && !tree.model.busy, 10_000)

    await groupsLoaded(api, "tags")
    const tag = sim.state.tags().find((t) => sim.state.companiesWithTag(t.id).length > 0)!
    sim.faults.inject("drop-connection@p=1&path=/companies")
    api.trees.tags.getChildren(api.trees.tags.groupNode(tag.id))
    const group = api.trees.tags.model.companiesOf(tag.id)
    await waitFor("the group to fail", () => group.error !== undefined, 20_000)
    const under = api.trees.tags.getChildren(api.trees.tags.groupNode(tag.id))
    const errorRow = under.find((n): n is StatusNode => n.kind === "error")!
    assert.ok(errorRow, "an error row under the tag")
    assert.equal(errorRow.id, `tag/${tag.id}/~error`)
    sim.faults.clear()
    await vscode.commands.executeCommand(Commands.retry, errorRow)
    const children = await groupExpanded(api, "tags", tag.id)
    assert.deepEqual(new Set(companyIds(children)), new Set(sim.state.companiesWithTag(tag.id)))
  })

  test("a new refresh interrupts the one running (single flight)", async () => {
    await companiesLoaded(api)
    const tree = api.trees.companies
    sim.faults.inject("latency@p=1&delay=1500&path=/companies/scroll")
    await vscode.commands.executeCommand(Commands.loadAllCompanies)
    assert.equal(tree.model.busy, "all")
    await vscode.commands.executeCommand(Commands.stopLoadingCompanies)
    assert.equal(tree.model.busy, undefined)
    // Load all again, then a refresh while it runs: the refresh replaces it, progress row and all.
    await vscode.commands.executeCommand(Commands.loadAllCompanies)
    assert.equal(tree.model.busy, "all")
    sim.faults.clear()
    await vscode.commands.executeCommand(Commands.refreshCompanies)
    assert.equal(tree.model.busy, "refresh")
    assert.equal(tree.model.allProgress, undefined)
    await vscode.commands.executeCommand(Commands.refreshCompanies)
    const rows = await companiesLoaded(api, "the last refresh")
    assert.ok(companyIds(rows).length > 0)
    assert.ok(!statusKinds(rows).includes("loadingAll"), "a Load all progress row was left behind")
    assert.ok(statusKinds(rows).includes("loadAll"))
    assert.equal(tree.model.error, undefined)
    assert.match(description(tree, rows[0]!), /./)
  })

  test("a 401 anywhere flips the views back to signed out", async () => {
    await companiesLoaded(api)
    await api.session.useToken("not-the-simulator-token", sim.url)
    await waitFor("the session to be rejected", () => api.session.status === "rejected", 10_000)
    assert.equal(api.session.signedIn, false)
    assert.deepEqual(api.trees.companies.getChildren(), [])
    assert.deepEqual(api.trees.segments.getChildren(), [])
    assert.equal(api.trees.companies.model.rows.size, 0, "no data of the rejected session stays")
  })

  // Find Company and Export run on the client like the trees do, through the session's one runner:
  // a token revoked while signed in signs out there too. The server in front of the simulator
  // refuses only the requests of the feature under test, so that no other load can be the one.
  suite("a 401 from Find Company or Export signs out", () => {
    const signedInBehind = async () => {
      const server = await revocableServer(sim)
      await api.session.useToken(sim.token, server.url)
      await waitFor("the session to be signed in", () => api.session.signedIn)
      return server
    }

    test("Find Company: the exact lookup's 401 signs out and closes the picker", async () => {
      const server = await signedInBehind()
      try {
        server.revokeFor((target) => target.startsWith("/companies?"))
        let pick: FakeQuickPick<vscode.QuickPickItem> | undefined
        const id = await withWindowStubs(
          { createQuickPick: (() => (pick = new FakeQuickPick())) as unknown as typeof vscode.window.createQuickPick },
          async () => {
            const result = vscode.commands.executeCommand<string | undefined>(Commands.findCompany)
            await waitFor("the QuickPick to show", () => pick?.shown === true)
            pick!.type(sim.state.companies.get(sim.state.companies.ids()[0]!)!.company_id!)
            return result
          }
        )
        assert.equal(id, undefined, "the picker closed without a pick")
        await waitFor("the session to be rejected", () => api.session.status === "rejected")
        assert.equal(api.session.signedIn, false)
        assert.ok(server.rejected.length > 0 && server.rejected.every((r) => /^GET \/companies\?(company_id|name)=/.test(r)), server.rejected.join(", "))
      } finally {
        await server.close()
      }
    })

    test("Export: the scroll's 401 fails the export, writes nothing and signs out", async () => {
      const server = await signedInBehind()
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "intercom-export-401-"))
      try {
        server.revokeFor((target) => target.startsWith("/companies/scroll"))
        const file = path.join(dir, "companies.csv")
        const outcome = await withWindowStubs(
          { showQuickPick: pickByLabel("CSV"), showSaveDialog: async () => vscode.Uri.file(file) },
          () => vscode.commands.executeCommand<ExportOutcome>(Commands.exportCompanies)
        )
        assert.equal(outcome.status, "failed")
        await waitFor("the session to be rejected", () => api.session.status === "rejected")
        assert.equal(api.session.signedIn, false)
        assert.deepEqual(fs.readdirSync(dir), [], "the failed export left a file")
        assert.ok(server.rejected.length > 0 && server.rejected.every((r) => r.startsWith("GET /companies/scroll")), server.rejected.join(", "))
      } finally {
        fs.rmSync(dir, { recursive: true, force: true })
        await server.close()
      }
    })
  })
})
