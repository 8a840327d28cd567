import { type Simulator, startSimulator } from "@intercom-explorer/simulator"
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type CliResult, linesOf, runCli, startCli, waitFor } from "./support/runCli.js"

// `plan`, `plan show`, `apply` and `undo` end to end: the built CLI in child processes against a
// simulator on 127.0.0.1 over real HTTP, a real replica and journal. The simulator's write log
// (`view.writes`, every write with its body) is what the checks read.

const TOKEN = "tok_plans_test_5ecret_value"
const withToken = { INTERCOM_TOKEN: TOKEN }
let sim: Simulator
let dir: string
let db: string
const outputs: Array<CliResult> = []

const cli = async (args: ReadonlyArray<string>, env: Record<string, string> = withToken) => {
  // `plan show` reads only the plan file: no replica, no server.
  const result = await runCli(args[1] === "show" ? args : [...args, "--db", db, "--base-url", sim.url], { env })
  outputs.push(result)
  return result
}

const file = (name: string) => path.join(dir, name)

/** The simulator's company with this company_id, as it would send it. */
const company = (companyId: string) => {
  const found = sim.state.companies.byCompanyId(companyId)
  if (found === undefined) throw new Error(`no company ${companyId}`)
  return found
}

/** Changes a company on the server as another integration would (not through the CLI). */
const putOnServer = async (id: string, body: Record<string, unknown>) => {
  const res = await fetch(`${sim.url}/companies/${id}`, {
    method: "PUT",
    headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
    body: JSON.stringify(body)
  })
  expect(res.status).toBe(200)
  await res.arrayBuffer()
}

beforeAll(async () => {
  sim = await startSimulator({ companies: 200, host: "127.0.0.1", seed: 21, token: TOKEN, rateLimit: 100_000, appId: "planapp" })
  dir = await mkdtemp(path.join(tmpdir(), "cli-plans-"))
  db = file("replica.sqlite")
  const sync = await cli(["companies", "sync"])
  expect(sync.code, sync.stderr).toBe(0)
})

afterAll(async () => {
  await sim?.close()
  if (dir !== undefined) await rm(dir, { recursive: true, force: true })
  for (const output of outputs) expect(`${output.stdout}${output.stderr}`).not.toContain(TOKEN)
})

describe("plan from a CSV, show, apply, undo", () => {
  it("changes exactly what the plan says, leaves bad rows out, does nothing the second time, and undoes it", async () => {
    const [a, b, c] = [company("100001"), company("100002"), company("100003")]
    const before = [a, b, c].map((x) => ({ plan: x.plan?.name, seats: x.custom_attributes?.["seats"], tags: sim.state.tagsOf(x.id).map((t) => t.name) }))
    await writeFile(file("changes.csv"), [
      "company_id,plan,custom.seats,tags,size",
      "100001,Bulk Platinum,42,Bulk VIP,",
      "100002,,7,,",
      "100003,Bulk Starter,,Bulk VIP;Bulk Later,",
      "100004,,,,lots",
      "999999,Pro,,,"
    ].join("\r\n") + "\r\n")

    const plan = await cli(["plan", "--from", file("changes.csv"), "--out", file("plan.json")])
    expect(plan.code, plan.stderr).toBe(0)
    expect(plan.stderr).toMatch(/2 invalid rows; wrote .*plan\.json/)
    const show = await cli(["plan", "show", file("plan.json")])
    expect(show.code, show.stderr).toBe(0)
    expect(show.stdout).toContain(`plan: ${JSON.stringify(a.plan?.name)} -> "Bulk Platinum"`)
    expect(show.stdout).toContain("+Bulk VIP")
    expect(show.stdout).toMatch(/row 5 \(100004\): .*size/)
    expect(show.stdout).toMatch(/row 6 \(999999\): .*no company/)
    const writesBefore = sim.state.writes.length
    expect(writesBefore).toBe(0)

    const logFile = file("result.csv")
    const apply = await cli(["apply", file("plan.json"), "--log", logFile])
    expect(apply.code, apply.stderr).toBe(0)
    expect(company("100001").plan?.name).toBe("Bulk Platinum")
    expect(company("100001").custom_attributes?.["seats"]).toBe(42)
    expect(company("100002").custom_attributes?.["seats"]).toBe(7)
    expect(company("100002").plan?.name).toBe(b.plan?.name)
    expect(company("100003").plan?.name).toBe("Bulk Starter")
    expect(sim.state.tagsOf(c.id).map((t) => t.name)).toEqual(expect.arrayContaining(["Bulk VIP", "Bulk Later"]))
    expect(sim.state.writes.some((w) => w.path === `/companies/${company("100004").id}`)).toBe(false)
    const log = await readFile(logFile, "utf8")
    expect(linesOf(log)[0]).toBe("seq,row,id,company_id,label,outcome,detail,code,request_id")
    expect(log).toMatch(/,invalid,/)

    // The replica saw the writes (write-through): a query finds the new plan with no sync.
    const query = await cli(["companies", "query", 'plan:"Bulk Platinum" cid:100001', "--count"], {})
    expect(query.stdout).toBe("1\n")

    const writesAfterApply = sim.state.writes.length
    const again = await cli(["apply", file("plan.json")])
    expect(again.code, again.stderr).toBe(0)
    expect(again.stderr).toMatch(/already finished: nothing to do/)
    expect(sim.state.writes.length).toBe(writesAfterApply)

    const dry = await cli(["undo", file("plan.json"), "--dry-run"])
    expect(dry.code, dry.stderr).toBe(0)
    expect(dry.stdout).toContain(`plan: "Bulk Platinum" -> ${JSON.stringify(a.plan?.name)}`)
    expect(sim.state.writes.length).toBe(writesAfterApply)

    const undo = await cli(["undo", file("plan.json")])
    expect(undo.code, undo.stderr).toBe(0)
    const after = [a, b, c].map((x) => {
      const now = sim.state.companies.get(x.id)!
      return { plan: now.plan?.name, seats: now.custom_attributes?.["seats"], tags: sim.state.tagsOf(x.id).map((t) => t.name) }
    })
    expect(after).toEqual(before)
  })
})

describe("bad input", () => {
  const refused = async (name: string, text: string, pattern: RegExp) => {
    await writeFile(file(name), text)
    const result = await cli(["plan", "--from", file(name), "--out", file(`${name}.plan.json`)])
    expect(result.code, result.stderr).toBe(2)
    expect(result.stderr).toMatch(pattern)
    await expect(readFile(file(`${name}.plan.json`))).rejects.toThrow()
  }

  it("a wrong delimiter, a missing match column, duplicate keys and an unknown column are refused, naming where", async () => {
    await refused("semicolons.csv", "company_id;plan\n100001;Pro\n", /semicolon/)
    await refused("nokey.csv", "name,plan\nAcme,Pro\n", /company_id/)
    await refused("dupes.csv", "company_id,plan\n100001,Pro\n100002,Pro\n100001,Starter\n", /100001.*rows? 2 and 4/)
    await refused("unknown.csv", "company_id,colour\n100001,red\n", /colour/)
  })

  it("a plan file that is not a plan is refused with the reason", async () => {
    await writeFile(file("broken.json"), "{ not json")
    const result = await cli(["plan", "show", file("broken.json")])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/broken\.json is not a plan this version can read: /)
  })
})

describe("conflicts", () => {
  it("a company changed on the server since the plan is skipped, reported, untouched; exit 6; --force writes it", async () => {
    const target = company("100010")
    const other = company("100011")
    await writeFile(file("conflict.csv"), `company_id,industry\n100010,Bulk Conflict Co\n100011,Bulk Other Co\n`)
    const plan = await cli(["plan", "--from", file("conflict.csv"), "--out", file("conflict.json")])
    expect(plan.code, plan.stderr).toBe(0)
    await putOnServer(target.id, { industry: "Changed Meanwhile" })
    const writes = sim.state.writes.length

    const apply = await cli(["apply", file("conflict.json")])
    expect(apply.code).toBe(6)
    expect(apply.stderr).toMatch(/1 applied, 0 unchanged, 1 conflicts, 0 failed/)
    expect(company("100010").industry).toBe("Changed Meanwhile")
    expect(company("100011").industry).toBe("Bulk Other Co")
    expect(sim.state.writes.slice(writes).some((w) => w.path.startsWith(`/companies/${target.id}`))).toBe(false)
    expect(other.industry).not.toBe("Bulk Other Co")

    const forced = await cli(["apply", file("conflict.json"), "--force"])
    expect(forced.code, forced.stderr).toBe(0)
    expect(company("100010").industry).toBe("Bulk Conflict Co")
  })
})

describe("a killed apply", () => {
  it("resumes with the same command after SIGKILLs at random points; every change lands exactly once, in order", async () => {
    // A slower workspace, so the kills land mid-run: 150 companies at 300 requests a second.
    const slow = await startSimulator({ companies: 150, host: "127.0.0.1", seed: 22, token: TOKEN, rateLimit: 300, rateWindowMs: 1000, appId: "crashapp" })
    const crashDb = file("crash.sqlite")
    const run = (args: ReadonlyArray<string>) => [...args, "--db", crashDb, "--base-url", slow.url]
    try {
      const sync = await runCli(run(["companies", "sync"]), { env: withToken })
      expect(sync.code, sync.stderr).toBe(0)
      const plan = await runCli(run(["plan", "--query", "", "--set", "custom.account_manager=bulk-crash", "--set", "size=77", "--out", file("crash.json")]), { env: withToken })
      expect(plan.code, plan.stderr).toBe(0)
      const ids = slow.state.companies.ids()

      // Seeded "random" kill points: after 9, 40, 71, 102 writes (of 150).
      let seed = 7
      const kills: Array<number> = []
      for (let k = 0; k < 4; k++) {
        seed = (seed * 1103515245 + 12345) % 2147483648
        kills.push(20 + k * 30 + (seed % 20))
      }
      for (const at of kills) {
        const running = startCli(run(["apply", file("crash.json")]), { env: withToken })
        await waitFor(() => slow.state.writes.length >= at, `${at} writes`, 60_000).catch(() => undefined)
        running.kill("SIGKILL")
        const result = await running.done
        expect(result.signal === "SIGKILL" || result.code === 0).toBe(true)
      }
      const last = await runCli(run(["apply", file("crash.json")]), { env: withToken })
      expect(last.code, last.stderr).toBe(0)

      for (const id of ids) {
        const now = slow.state.companies.get(id)!
        expect(now.custom_attributes?.["account_manager"]).toBe("bulk-crash")
        expect(now.size).toBe(77)
      }
      // Per company: its writes all carry the plan's one body; none is doubled beyond a re-send of
      // the write in flight at a kill (at most one per kill for the whole run).
      const writes = slow.state.writes.filter((w) => w.method === "PUT")
      const perCompany = new Map<string, number>()
      for (const w of writes) {
        expect(JSON.parse(w.body ?? "{}")).toEqual({ size: 77, custom_attributes: { account_manager: "bulk-crash" } })
        perCompany.set(w.path, (perCompany.get(w.path) ?? 0) + 1)
      }
      expect(perCompany.size).toBe(ids.length)
      const repeats = [...perCompany.values()].reduce((sum, n) => sum + n - 1, 0)
      expect(repeats).toBeLessThanOrEqual(kills.length)
    } finally {
      await slow.close()
    }
  }, 120_000)
})
