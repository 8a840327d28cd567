// The company document (issue 13) in a real VS Code against the simulator: open from a row (a
// preview tab), problems while typing that block the save, a save of one PUT with only the changed
// field, the conflict flow (the company changed through the simulator between open and save), an
// undefined custom attribute created before the write, completions and hovers from the defined
// attributes, and a note added from the document's code lens.
import * as assert from "node:assert/strict"
import * as vscode from "vscode"
import { COMPANY_DOCUMENT_SCHEME, Commands, DocumentCommands } from "../../contributions"
import type { TestApi } from "../../extension"
import type { CompanyNode } from "../../tree/nodes"
import { activateExtension, waitFor } from "./helpers"
import { scripted } from "./prompts"
import { connectTo, type Simulator, startTestSimulator } from "./sim"
import { defineCompanyAttributes } from "@intercom-explorer/simulator"
import { companiesLoaded } from "./treeHelpers"

suite("company document", () => {
  let api: TestApi
  let sim: Simulator

  suiteSetup(async () => {
    ;({ api } = await activateExtension())
    sim = await startTestSimulator({ companies: 60, seed: 17 })
    await connectTo(api, sim)
    await companiesLoaded(api)
  })

  suiteTeardown(async () => {
    await vscode.commands.executeCommand("workbench.action.closeAllEditors")
    await api.session.signOut()
    await sim.close()
  })

  teardown(async () => {
    await vscode.commands.executeCommand("workbench.action.files.revert")
    await vscode.commands.executeCommand("workbench.action.closeAllEditors")
  })

  const rows = async (): Promise<Array<CompanyNode>> =>
    (await companiesLoaded(api)).filter((n): n is CompanyNode => n.kind === "company")
  const wire = (id: string) => sim.state.companies.get(id)!
  const putsOf = (id: string) => sim.state.writes.filter((w) => w.method === "PUT" && w.path === `/companies/${id}`)

  /** Opens the company of a row as a click does, and waits for its text. */
  const open = async (node: CompanyNode): Promise<vscode.TextDocument> => {
    await vscode.commands.executeCommand(DocumentCommands.open, node)
    const editor = vscode.window.activeTextEditor
    assert.ok(editor, "an editor opened")
    assert.equal(editor.document.uri.scheme, COMPANY_DOCUMENT_SCHEME)
    // The contacts follow the company and re-render the document once: an edit made by a test in
    // that moment would be applied to a version that is gone.
    await waitFor("the contacts are read", () => !editor.document.getText().includes(`"contacts": "not loaded"`), 10_000)
    return editor.document
  }

  /** Replaces the first `from` in the document with `to`. */
  const edit = async (document: vscode.TextDocument, from: string, to: string): Promise<void> => {
    const offset = document.getText().indexOf(from)
    assert.ok(offset >= 0, `the document has ${from}`)
    const e = new vscode.WorkspaceEdit()
    e.replace(document.uri, new vscode.Range(document.positionAt(offset), document.positionAt(offset + from.length)), to)
    assert.ok(await vscode.workspace.applyEdit(e))
  }

  const problems = async (document: vscode.TextDocument, count: number): Promise<Array<vscode.Diagnostic>> => {
    await waitFor(`${count} problem(s) in the document`, () => vscode.languages.getDiagnostics(document.uri).length === count)
    return vscode.languages.getDiagnostics(document.uri)
  }

  /** A company of the seed with a size, not yet opened by another test. */
  const used = new Set<string>()
  const sizedRow = async (also: (id: string) => boolean = () => true): Promise<CompanyNode> => {
    const node = (await rows()).find((n) => !used.has(n.companyId) && typeof wire(n.companyId).size === "number" && also(n.companyId))
    assert.ok(node, "a seeded company with a size")
    used.add(node.companyId)
    return node
  }

  /** PUT over HTTP as someone else would, in the web app or a script. */
  const changeElsewhere = async (id: string, body: Record<string, unknown>) => {
    const response = await fetch(`${sim.url}/companies/${id}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${sim.token}`, "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(body)
    })
    assert.equal(response.status, 200)
  }

  test("a click opens the company as a JSONC document in a preview tab, with everything Intercom holds", async () => {
    const node = await sizedRow()
    const document = await open(node)
    const company = wire(node.companyId)
    assert.equal(document.languageId, "jsonc")
    assert.equal(vscode.window.tabGroups.activeTabGroup.activeTab?.isPreview, true, "a single click opens a preview tab")
    const text = document.getText()
    for (const part of [`"name": ${JSON.stringify(company.name)}`, `"size": ${company.size}`, `"read_only": {`, `"id": "${company.id}"`, `"contacts":`]) {
      assert.ok(text.includes(part), `the document shows ${part}`)
    }
    assert.deepEqual(vscode.languages.getDiagnostics(document.uri), [])
  })

  test("a bad value is a problem in the models' words and blocks the save; fixed, the save sends one PUT with only that field", async () => {
    const node = await sizedRow()
    const document = await open(node)
    const before = wire(node.companyId)
    const size = before.size as number
    await edit(document, `"size": ${size}`, `"size": -3`)
    const [problem] = await problems(document, 1)
    assert.equal(problem!.message, "size must be a whole number of employees (0 or more)")
    assert.equal(problem!.severity, vscode.DiagnosticSeverity.Error)
    assert.equal(document.getText(problem!.range), "-3")
    assert.equal(vscode.window.tabGroups.activeTabGroup.activeTab?.isPreview, false, "an edit pins the tab")

    assert.equal(await document.save(), false, "the save is refused")
    assert.equal(document.isDirty, true, "the edit is kept")
    assert.equal(putsOf(node.companyId).length, 0, "nothing was sent")

    await edit(document, `"size": -3`, `"size": ${size + 7}`)
    await problems(document, 0)
    assert.equal(await document.save(), true)
    const puts = putsOf(node.companyId)
    assert.equal(puts.length, 1)
    assert.deepEqual(JSON.parse(puts[0]!.body!), { size: size + 7 })
    assert.equal(wire(node.companyId).size, size + 7)
    assert.equal(wire(node.companyId).name, before.name)
    // The row shows the answer, and the document re-reads it (its updated_at is Intercom's new one).
    await waitFor("the row shows the new size", () => api.trees.findRow(node.companyId)?.size === size + 7)
    await waitFor("the document shows the answer", () => !document.isDirty && document.getText().includes(`"size": ${size + 7}`))
  })

  test("a save whose answer is lost (the connection dropped after the write) keeps the edit, dirty; the next save finds it landed and sends nothing", async () => {
    const node = await sizedRow()
    const document = await open(node)
    const size = wire(node.companyId).size as number
    await edit(document, `"size": ${size}`, `"size": ${size + 5}`)
    // The simulator drops the connection of every PUT of this company (after acting, as a lost
    // answer does): core's retries meet the same, and the save fails.
    sim.faults.inject(`drop-connection@p=1&method=PUT&path=/companies/${node.companyId}`)
    try {
      assert.equal(await document.save(), false)
    } finally {
      sim.faults.clear()
    }
    assert.equal(document.isDirty, true, "the edit is kept")
    assert.ok(document.getText().includes(`"size": ${size + 5}`))
    const puts = putsOf(node.companyId).length
    assert.ok(puts >= 1)
    assert.equal(await document.save(), true, "the next save succeeds")
    assert.equal(putsOf(node.companyId).length, puts, "the edit was there already: nothing sent again")
    assert.equal(wire(node.companyId).size, size + 5)
    await waitFor("the document shows Intercom's company", () => !document.isDirty && document.getText().includes(`"size": ${size + 5}`))
  })

  test("a company changed in Intercom since the document opened: the save is refused, Take Theirs shows theirs", async () => {
    const node = await sizedRow()
    const document = await open(node)
    const size = wire(node.companyId).size as number
    await edit(document, `"size": ${size}`, `"size": ${size + 1}`)
    await changeElsewhere(node.companyId, { size: size + 100 })
    const putsBefore = putsOf(node.companyId).length
    await scripted({ warning: "Take Theirs" }, async (calls) => {
      assert.equal(await document.save(), false, "the save is refused")
      await waitFor("the conflict is offered", () => calls.warnings.length === 1)
      assert.match(calls.warnings[0]!, /changed in Intercom since you opened it, including fields you edited \(size\)/)
      await waitFor("theirs is shown, saved", () => !document.isDirty && document.getText().includes(`"size": ${size + 100}`))
    })
    assert.equal(putsOf(node.companyId).length, putsBefore, "Take Theirs sends nothing")
    assert.equal(wire(node.companyId).size, size + 100)
  })

  test("conflict: Overwrite sends my edit over theirs, keeping their other change", async () => {
    const node = await sizedRow()
    const document = await open(node)
    const size = wire(node.companyId).size as number
    await edit(document, `"size": ${size}`, `"size": ${size + 2}`)
    await changeElsewhere(node.companyId, { size: size + 200, industry: "Changed Elsewhere" })
    await scripted({ warning: "Overwrite" }, async (calls) => {
      assert.equal(await document.save(), false)
      await waitFor("the conflict is offered", () => calls.warnings.length === 1)
      await waitFor("mine is saved", () => wire(node.companyId).size === size + 2 && !document.isDirty)
    })
    const last = putsOf(node.companyId).at(-1)!
    assert.deepEqual(JSON.parse(last.body!), { size: size + 2 }, "only my edited field")
    assert.equal(wire(node.companyId).industry, "Changed Elsewhere", "their other change is kept")
  })

  test("conflict: Merge Field by Field keeps the picked edits of mine and takes theirs for the rest", async () => {
    const node = await sizedRow()
    const document = await open(node)
    const company = wire(node.companyId)
    const size = company.size as number
    await edit(document, `"size": ${size}`, `"size": ${size + 3}`)
    await edit(document, `"industry": ${JSON.stringify(company.industry ?? null)}`, `"industry": "Mine"`)
    await changeElsewhere(node.companyId, { size: size + 300 })
    await scripted({ warning: "Merge Field by Field...", picks: [["industry"]] }, async (calls) => {
      assert.equal(await document.save(), false)
      await waitFor("the merge is offered", () => calls.picks.length === 1)
      assert.deepEqual(calls.picks[0]!.items.map((i) => i.label).sort(), ["industry", "size"])
      await waitFor("merged into the document", () => document.getText().includes(`"size": ${size + 300}`) && document.getText().includes(`"industry": "Mine"`))
    })
    assert.equal(await document.save(), true)
    assert.deepEqual(JSON.parse(putsOf(node.companyId).at(-1)!.body!), { industry: "Mine" })
    assert.equal(wire(node.companyId).size, size + 300)
  })

  test("an undefined custom attribute is flagged, created with the inferred type only when agreed, then written", async () => {
    const node = await sizedRow()
    const document = await open(node)
    const key = `doc_it_${Date.now().toString(36)}`
    await edit(document, `"custom_attributes": {`, `"custom_attributes": {\n    "${key}": 42,`)
    const [warning] = await problems(document, 1)
    assert.equal(warning!.severity, vscode.DiagnosticSeverity.Warning)
    assert.match(warning!.message, /ignores writes to undefined attributes.*create it as integer/)
    const attributePosts = () => sim.state.writes.filter((w) => w.method === "POST" && w.path === "/data_attributes")
    const postsBefore = attributePosts().length

    await scripted({ warning: undefined }, async () => {
      assert.equal(await document.save(), false, "cancelled: not saved")
    })
    assert.equal(attributePosts().length, postsBefore, "nothing created")
    assert.equal(putsOf(node.companyId).length, 0, "nothing written")

    await scripted({ warning: "Create as integer and Save" }, async () => {
      assert.equal(await document.save(), true)
    })
    const posts = attributePosts()
    assert.equal(posts.length, postsBefore + 1)
    assert.deepEqual(JSON.parse(posts.at(-1)!.body!), { name: key, model: "company", data_type: "integer" })
    assert.equal(wire(node.companyId).custom_attributes[key], 42, "Intercom kept the value")
    await problems(document, 0)
  })

  test("an auto-save never opens the create prompt: it is refused until a save asked for (Ctrl+S)", async () => {
    const node = await sizedRow()
    const document = await open(node)
    const key = `auto_it_${Date.now().toString(36)}`
    const files = vscode.workspace.getConfiguration("files")
    await files.update("autoSaveDelay", 100, vscode.ConfigurationTarget.Global)
    await files.update("autoSave", "afterDelay", vscode.ConfigurationTarget.Global)
    const posts = () => sim.state.writes.filter((w) => w.method === "POST" && w.path === "/data_attributes").length
    const before = posts()
    try {
      await scripted({ warning: "Create as string and Save" }, async (calls) => {
        await edit(document, `"custom_attributes": {`, `"custom_attributes": {\n    "${key}": "x",`)
        // Several auto-save delays: each attempt is refused without a prompt.
        await new Promise((resolve) => setTimeout(resolve, 1_500))
        assert.deepEqual(calls.warnings, [], "no prompt from an auto-save")
      })
    } finally {
      await files.update("autoSave", undefined, vscode.ConfigurationTarget.Global)
      await files.update("autoSaveDelay", undefined, vscode.ConfigurationTarget.Global)
    }
    assert.equal(posts(), before, "nothing created")
    assert.equal(document.isDirty, true)
    assert.equal(putsOf(node.companyId).length, 0)
  })

  test("a value of the wrong type for a defined attribute is refused as you type; names complete from the definitions", async () => {
    const node = await sizedRow()
    const document = await open(node)
    const custom = wire(node.companyId).custom_attributes as Record<string, unknown>
    if ("seats" in custom) await edit(document, `"seats": ${JSON.stringify(custom["seats"])}`, `"seats": "ten"`)
    else await edit(document, `"custom_attributes": {`, `"custom_attributes": {\n    "seats": "ten",`)
    const [problem] = await problems(document, 1)
    assert.match(problem!.message, /custom\.seats must be a whole number \(Intercom defines it as integer\); got "ten"/)
    assert.equal(await document.save(), false)

    const seats = document.positionAt(document.getText().indexOf(`"seats"`) + 2)
    const hovers = await vscode.commands.executeCommand<Array<vscode.Hover>>("vscode.executeHoverProvider", document.uri, seats)
    const hoverText = hovers.flatMap((h) => h.contents.map((c) => (typeof c === "string" ? c : c.value))).join("\n")
    assert.match(hoverText, /custom\.seats.*integer/)

    // A new key: the defined attributes the company does not have yet complete, with their types,
    // including one defined in Intercom a moment ago (once the definitions are read again).
    const probe = `probe_${Date.now().toString(36)}`
    await defineCompanyAttributes(sim, { [probe]: "float" })
    await api.engine().attributes.attributeDefinitionsOf(api.session).refresh()
    await edit(document, `"custom_attributes": {`, `"custom_attributes": {\n    "": null,`)
    const at = document.positionAt(document.getText().indexOf(`"": null`) + 1)
    const list = await vscode.commands.executeCommand<vscode.CompletionList>("vscode.executeCompletionItemProvider", document.uri, at)
    const offered = new Map(list.items.map((i) => [typeof i.label === "string" ? i.label : i.label.label, i]))
    assert.match(String(offered.get(probe)?.detail), /^float/)
    for (const key of ["account_manager", "health_score", "is_partner"].filter((k) => !(k in custom))) assert.ok(offered.has(key), `${key} completes`)
    assert.ok(!offered.has("seats"), "a key the document has is not offered again")
  })

  test("Add Note from the document's code lens: one POST, and the note appears in the document", async () => {
    const id = sim.state.companies.ids().find((c) => !used.has(c) && sim.state.contactsOfCompany(c).length > 0)
    assert.ok(id)
    used.add(id)
    const node = (await rows()).find((n) => n.companyId === id)
    await vscode.commands.executeCommand(DocumentCommands.open, node ?? id)
    const document = vscode.window.activeTextEditor!.document
    await waitFor("the contacts are shown", () => /"contacts": \[/.test(document.getText()), 10_000)
    const lenses = await vscode.commands.executeCommand<Array<vscode.CodeLens>>("vscode.executeCodeLensProvider", document.uri)
    const addNote = lenses.find((l) => l.command?.command === Commands.addNote)
    assert.ok(addNote?.command, "each contact has Add Note")
    assert.ok(lenses.some((l) => l.command?.command === Commands.detachContact), "and Detach")
    assert.ok(lenses.some((l) => l.command?.command === Commands.attachContact), "the list has Attach Contact")
    const text = `Renewal call ${Date.now().toString(36)}`
    await scripted({ inputs: [text] }, () => vscode.commands.executeCommand(addNote.command!.command, ...addNote.command!.arguments!))
    await waitFor("the note is in the document", () => document.getText().includes(text), 10_000)
  })
})
