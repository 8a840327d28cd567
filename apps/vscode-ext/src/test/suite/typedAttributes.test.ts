import * as assert from "node:assert/strict"
import * as vscode from "vscode"
import { Commands } from "../../contributions"
import { AttributeDefinitions } from "../../attributes/AttributeDefinitions"
import type { TestApi } from "../../extension"
import type { CompanyNode } from "../../tree/nodes"
import { activateExtension } from "./helpers"
import { scripted } from "./prompts"
import { connectTo, type Simulator, startTestSimulator } from "./sim"
import { companiesLoaded } from "./treeHelpers"

// Issue 13 in the edit command: keys complete from the defined attributes with their types, a value
// of the wrong type is refused before any request, and a key Intercom does not define is created
// (after a prompt) before the value is written, since Intercom would silently drop it.

suite("typed custom attributes (Edit Custom Attribute…)", () => {
  let api: TestApi
  let sim: Simulator

  suiteSetup(async () => {
    ;({ api } = await activateExtension())
    sim = await startTestSimulator({ companies: 40, seed: 13 })
    await connectTo(api, sim)
    await companiesLoaded(api)
  })

  suiteTeardown(async () => {
    await api.session.signOut()
    await sim.close()
  })

  const companyRow = async (index: number): Promise<CompanyNode> =>
    (await companiesLoaded(api)).filter((n): n is CompanyNode => n.kind === "company")[index]!
  const writesSince = (count: number) => sim.state.writes.slice(count).map((w) => ({ method: w.method, path: w.path, body: JSON.parse(w.body ?? "{}") }))
  const definedType = (name: string) => sim.state.dataAttributes("company").find((a) => a.name === name)?.data_type
  /** The company's custom attributes as Intercom answers a GET (what it kept, not what was sent). */
  const kept = async (id: string): Promise<Record<string, unknown>> => {
    const answer = await fetch(`${sim.url}/companies/${id}`, { headers: { authorization: `Bearer ${sim.token}`, "intercom-version": "2.11" } })
    assert.equal(answer.status, 200)
    return ((await answer.json()) as { custom_attributes: Record<string, unknown> }).custom_attributes
  }

  test("the picker lists the company's and the defined attributes with their types; a wrong-typed value is refused as typed, and nothing is sent", async () => {
    const node = await companyRow(0)
    const writes = sim.state.writes.length
    let validate: ((value: string) => unknown) | undefined
    await scripted({ picks: ["health_score"], inputs: [(options) => (validate = options!.validateInput!, "ten")] }, async (calls) => {
      await vscode.commands.executeCommand(Commands.editCustomAttribute, node)
      const items = calls.picks[0]!.items
      const health = items.find((i) => i.label === "health_score")
      assert.match(health?.description ?? "", /^integer · defined · \d+$/)
      assert.match(items.find((i) => i.label === "is_partner")?.description ?? "", /^boolean · defined · (true|false)$/)
      assert.equal(items.at(-1)?.label, "$(add) New attribute…")
      assert.match(calls.inputs[0]?.prompt ?? "", /Intercom defines custom\.health_score as integer/)
      // The command checks again what the box let through (a stub answers without the validator).
      assert.equal(calls.errors.length, 1)
      assert.match(calls.errors[0]!, /custom\.health_score must be a whole number \(Intercom defines it as integer\); got "ten"/)
    })
    assert.match(String(await validate!("ten")), /custom\.health_score must be a whole number/)
    assert.match(String(await validate!("4.5")), /custom\.health_score must be a whole number/)
    assert.equal(await validate!("10"), undefined)
    assert.deepEqual(writesSince(writes), [], "a write was sent")
  })

  test("a valid value for a defined attribute is one PUT with only that attribute", async () => {
    const node = await companyRow(0)
    const writes = sim.state.writes.length
    await scripted({ picks: ["health_score"], inputs: ["77"] }, async (calls) => {
      await vscode.commands.executeCommand(Commands.editCustomAttribute, node)
      assert.deepEqual(calls.errors, [])
      assert.deepEqual(calls.warnings, [], "a defined key needs no prompt")
    })
    assert.deepEqual(writesSince(writes), [{ method: "PUT", path: `/companies/${node.companyId}`, body: { custom_attributes: { health_score: 77 } } }])
    assert.equal((await kept(node.companyId))["health_score"], 77)
  })

  test("an undefined key: the prompt names it; Cancel sends nothing", async () => {
    const node = await companyRow(1)
    const writes = sim.state.writes.length
    await scripted({ picks: ["New attribute…"], inputs: ["contract_tier", "3"], warning: undefined }, async (calls) => {
      await vscode.commands.executeCommand(Commands.editCustomAttribute, node)
      assert.equal(calls.warnings.length, 1)
      assert.match(calls.warnings[0]!, /custom\.contract_tier is not defined in Intercom/)
      assert.deepEqual(calls.errors, [])
    })
    assert.deepEqual(writesSince(writes), [], "a write was sent")
    assert.equal(definedType("contract_tier"), undefined)
    assert.equal((await kept(node.companyId))["contract_tier"], undefined)
  })

  test("an undefined key: Create defines it with the type inferred from the value (POST), then writes it (PUT), and Intercom keeps it", async () => {
    const node = await companyRow(1)
    const writes = sim.state.writes.length
    await scripted({ picks: ["New attribute…"], inputs: ["contract_tier", "3"], warning: "Create as integer and Save" }, async (calls) => {
      await vscode.commands.executeCommand(Commands.editCustomAttribute, node)
      assert.deepEqual(calls.errors, [])
    })
    assert.deepEqual(writesSince(writes), [
      { method: "POST", path: "/data_attributes", body: { name: "contract_tier", model: "company", data_type: "integer" } },
      { method: "PUT", path: `/companies/${node.companyId}`, body: { custom_attributes: { contract_tier: 3 } } }
    ])
    assert.equal(definedType("contract_tier"), "integer")
    assert.equal((await kept(node.companyId))["contract_tier"], 3)
    // Defined now (the cache took the create's answer): the next edit offers it typed, with no prompt.
    await scripted({ picks: ["contract_tier"], inputs: ["gold"] }, async (calls) => {
      await vscode.commands.executeCommand(Commands.editCustomAttribute, node)
      assert.match(calls.picks[0]!.items.find((i) => i.label === "contract_tier")?.description ?? "", /^integer · defined · 3$/)
      assert.deepEqual(calls.warnings, [])
      assert.match(calls.errors[0] ?? "", /custom\.contract_tier must be a whole number/)
    })
  })

  test("Choose Type...: the type picked per key (the inferred one first) is the one created, and the value is written as that type", async () => {
    const node = await companyRow(2)
    const writes = sim.state.writes.length
    await scripted({ picks: ["New attribute…", "string"], inputs: ["contract_code", "12345"], warning: "Choose Type..." }, async (calls) => {
      await vscode.commands.executeCommand(Commands.editCustomAttribute, node)
      assert.deepEqual(calls.errors, [])
      assert.deepEqual(calls.picks[1]!.items.map((i) => i.label), ["integer", "string", "float", "boolean", "date"])
    })
    assert.deepEqual(writesSince(writes), [
      { method: "POST", path: "/data_attributes", body: { name: "contract_code", model: "company", data_type: "string" } },
      { method: "PUT", path: `/companies/${node.companyId}`, body: { custom_attributes: { contract_code: "12345" } } }
    ])
    assert.equal((await kept(node.companyId))["contract_code"], "12345")
  })

  test("a create Intercom refuses says why, naming the key, and writes nothing", async () => {
    const node = await companyRow(3)
    // Defined behind the extension's back: its cached definitions do not know it, Intercom does.
    const defined = await fetch(`${sim.url}/data_attributes`, {
      method: "POST",
      headers: { authorization: `Bearer ${sim.token}`, "intercom-version": "2.11", "content-type": "application/json" },
      body: JSON.stringify({ name: "region_code", model: "company", data_type: "string" })
    })
    assert.equal(defined.status, 200)
    const writes = sim.state.writes.length
    await scripted({ picks: ["New attribute…"], inputs: ["region_code", "EMEA"], warning: "Create as string and Save" }, async (calls) => {
      await vscode.commands.executeCommand(Commands.editCustomAttribute, node)
      assert.equal(calls.errors.length, 1)
      assert.match(calls.errors[0]!, /^Couldn't create custom\.region_code: .*already have.*Nothing was saved\.$/)
    })
    assert.deepEqual(writesSince(writes).map((w) => `${w.method} ${w.path}`), ["POST /data_attributes"])
    assert.equal((await kept(node.companyId))["region_code"], undefined)
  })

  test("the definitions are read once per connection: cached, and read again from the new server after a change", async () => {
    const listed = (s: Simulator) => s.state.requests.filter((r) => r.method === "GET" && r.path.startsWith("/data_attributes")).length
    const defs = new AttributeDefinitions(api.session)
    let changes = 0
    defs.onDidChange(() => changes++)
    const before = listed(sim)
    assert.equal((await defs.definitions()).get("health_score")?.data_type, "integer")
    await defs.definitions()
    assert.equal(listed(sim), before + 1, "the second call was not answered from the cache")
    const other = await startTestSimulator({ companies: 5, seed: 14 })
    try {
      await fetch(`${other.url}/data_attributes`, {
        method: "POST",
        headers: { authorization: `Bearer ${other.token}`, "intercom-version": "2.11", "content-type": "application/json" },
        body: JSON.stringify({ name: "only_here", model: "company", data_type: "float" })
      })
      await connectTo(api, other)
      assert.ok(changes > 0, "onDidChange fired on the connection change")
      const otherBefore = listed(other)
      assert.equal((await defs.definitions()).get("only_here")?.data_type, "float")
      assert.equal(listed(other), otherBefore + 1)
    } finally {
      await connectTo(api, sim)
      await other.close()
    }
    assert.equal((await defs.definitions()).get("only_here"), undefined, "the first server's definitions again")
  })
})
