import { type Simulator, startSimulator } from "@intercom-explorer/simulator"
import { mkdtemp, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type CliResult, runCli } from "./support/runCli.js"

// Typed custom attributes in `plan`, `plan show` and `apply` (issue 13): the built CLI in child
// processes against a simulator over HTTP that, like Intercom, drops writes to undefined attributes.

const TOKEN = "tok_plan_attributes_5ecret_value"
let sim: Simulator
let dir: string
let db: string
const outputs: Array<CliResult> = []

const cli = async (args: ReadonlyArray<string>) => {
  const result = await runCli(args[1] === "show" ? args : [...args, "--db", db, "--base-url", sim.url], { env: { INTERCOM_TOKEN: TOKEN } })
  outputs.push(result)
  return result
}

const file = (name: string) => path.join(dir, name)

beforeAll(async () => {
  sim = await startSimulator({ companies: 30, host: "127.0.0.1", seed: 23, token: TOKEN, rateLimit: 100_000 })
  dir = await mkdtemp(path.join(tmpdir(), "cli-plan-attributes-"))
  db = file("replica.sqlite")
  const sync = await cli(["companies", "sync"])
  expect(sync.code, sync.stderr).toBe(0)
})

afterAll(async () => {
  await sim?.close()
  if (dir !== undefined) await rm(dir, { recursive: true, force: true })
  for (const output of outputs) expect(`${output.stdout}${output.stderr}`).not.toContain(TOKEN)
})

describe("plan, plan show and apply with custom attributes", () => {
  it("a wrong type is an invalid row; an undefined key is listed to create, created by apply before the writes, and kept by Intercom", async () => {
    const [a, b] = sim.state.companies.ids().sort().map((id) => sim.state.companies.get(id)!.company_id as string)
    await writeFile(file("changes.ndjson"), [
      JSON.stringify({ company_id: a, "custom.renewal_quarter": 3 }),
      JSON.stringify({ company_id: b, "custom.health_score": "high" })
    ].join("\n") + "\n")

    const requests = sim.state.requests.length
    const plan = await cli(["plan", "--from", file("changes.ndjson"), "--out", file("plan.json")])
    expect(plan.code, plan.stderr).toBe(0)
    expect(sim.state.requests.length, "plan reads the replica only").toBe(requests)
    expect(plan.stderr).toContain("attributes to create before the writes: custom.renewal_quarter (integer)")
    expect(plan.stderr).toMatch(/1 invalid row; wrote .*plan\.json/)

    const show = await cli(["plan", "show", file("plan.json")])
    expect(show.code, show.stderr).toBe(0)
    expect(show.stdout).toContain("attributes to create before the writes: custom.renewal_quarter (integer)")
    expect(show.stdout).toContain("warning: Intercom ignores undefined attributes: custom.renewal_quarter (set on 1 company) will be created as integer before the writes")
    expect(show.stdout).toContain(`row 2 (${b}): column "custom.health_score" ("high"): custom.health_score must be a whole number (Intercom defines it as integer); got "high"`)

    const apply = await cli(["apply", file("plan.json")])
    expect(apply.code, apply.stderr).toBe(0)
    expect(apply.stderr).toContain("attributes: custom.renewal_quarter (integer) created")
    const defined = sim.state.dataAttributes("company").find((attribute) => attribute.name === "renewal_quarter")
    expect(defined?.data_type).toBe("integer")
    expect(sim.state.companies.byCompanyId(a!)?.custom_attributes?.["renewal_quarter"]).toBe(3)
  })
})
