import * as assert from "node:assert/strict"
import * as vscode from "vscode"
import { Commands } from "../../contributions"
import type { TestApi } from "../../extension"
import { activateExtension, waitFor } from "./helpers"
import { loadedCompanyIds } from "./companiesView"
import { type Simulator, startTestSimulator } from "./sim"
import { FakeQuickPick, withWindowStubs } from "./windowStubs"

type Item = vscode.QuickPickItem & { companyId: string }

suite("find company", () => {
  let api: TestApi
  let sim: Simulator

  suiteSetup(async () => {
    ;({ api } = await activateExtension())
    sim = await startTestSimulator()
    await api.session.connectDemo(sim.url, sim.token)
  })

  suiteTeardown(async () => {
    await vscode.commands.executeCommand(Commands.signOut)
    await sim.close()
  })

  /** Runs Find Company with a scripted QuickPick; `script` plays the user. */
  const find = (script: (pick: FakeQuickPick<Item>) => Promise<void>) => {
    let pick: FakeQuickPick<Item> | undefined
    return withWindowStubs(
      { createQuickPick: (() => (pick = new FakeQuickPick<Item>())) as unknown as typeof vscode.window.createQuickPick },
      async () => {
        const result = vscode.commands.executeCommand<string | undefined>(Commands.findCompany)
        await waitFor("the QuickPick to show", () => pick?.shown === true)
        await script(pick!)
        const id = await result
        assert.equal(pick!.disposed, true, "the QuickPick was not disposed")
        return id
      }
    )
  }

  const exactItems = (pick: FakeQuickPick<Item>) => pick.items.filter((i) => i.alwaysShow === true)

  /** Find Company reveals through the Companies view: the company's row ends up selected there. */
  const selectedInTree = (companyId: string) =>
    waitFor(`${companyId} to be selected in the Companies view`, () =>
      api.trees.companies.view.selection.some((node) => node.kind === "company" && node.companyId === companyId))

  test("typing a company_id finds the company (exact lookup) and Enter reveals it", async () => {
    const target = sim.state.companies.get(sim.state.companies.ids()[42]!)!
    const id = await find(async (pick) => {
      assert.equal(pick.title, "Find Company")
      pick.type(target.company_id!)
      await waitFor("the exact match", () => !pick.busy && exactItems(pick).length > 0)
      assert.deepEqual(exactItems(pick).map((i) => i.companyId), [target.id])
      assert.equal(exactItems(pick)[0]!.description, target.company_id)
      pick.acceptItem((i) => i.companyId === target.id)
    })
    assert.equal(id, target.id)
    await selectedInTree(target.id)
  })

  test("typing an exact name finds it too; only the answer to the latest text counts", async () => {
    const target = sim.state.companies.get(sim.state.companies.ids()[7]!)!
    const id = await find(async (pick) => {
      // Keystrokes faster than the debounce: only the last text is looked up.
      for (let n = 1; n <= target.name!.length; n++) pick.type(target.name!.slice(0, n))
      await waitFor("the exact match", () => !pick.busy && exactItems(pick).length > 0)
      assert.equal(exactItems(pick)[0]!.label, target.name)
      pick.acceptItem((i) => i.companyId === target.id)
    })
    assert.equal(id, target.id)
  })

  test("offers the companies the Companies view has loaded before anything is typed", async () => {
    const loaded = await loadedCompanyIds(api)
    const target = loaded[Math.min(3, loaded.length - 1)]!
    const id = await find(async (pick) => {
      assert.deepEqual(pick.items.map((i) => i.companyId).sort(), [...loaded].sort())
      assert.deepEqual(exactItems(pick), [])
      assert.equal(pick.matchOnDescription, true, "typing a company_id must match loaded rows too")
      pick.acceptItem((i) => i.companyId === target)
    })
    assert.equal(id, target)
    await selectedInTree(target)
  })

  test("text that names no company offers no exact match", async () => {
    const before = sim.state.rateLimit.allowed
    const id = await find(async (pick) => {
      pick.type("no such company 1234")
      await waitFor("the lookups to answer", () => sim.state.rateLimit.allowed >= before + 2 && !pick.busy)
      assert.deepEqual(exactItems(pick), [])
      pick.dismiss()
    })
    assert.equal(id, undefined)
  })

  test("Escape resolves with nothing", async () => {
    assert.equal(await find(async (pick) => pick.dismiss()), undefined)
  })
})
