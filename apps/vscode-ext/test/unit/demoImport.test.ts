// The demo workspace's sample CSV against the demo's own companies (the simulator's seed 7, 300
// companies, as the demo starts it): the plan it makes is the one demo-workspace/README.md promises.
import { IntercomClient } from "@intercom-explorer/core"
import { type Plan, planFromFile } from "@intercom-explorer/plans"
import { Replica, syncReplica } from "@intercom-explorer/replica"
import { type Simulator, startSimulator } from "@intercom-explorer/simulator"
import * as Effect from "effect/Effect"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

const CSV = path.resolve(import.meta.dirname, "../../demo-workspace/companies-import.csv")
const TOKEN = "demo-import-test-token"

describe("demo-workspace/companies-import.csv", () => {
  let sim: Simulator
  let dir: string
  let replicaFile: string
  const plan = (create: boolean): Promise<Plan> =>
    Effect.runPromise(planFromFile({ file: CSV, create }).pipe(Effect.provide(Replica.layer({ file: replicaFile }))))

  beforeAll(async () => {
    sim = await startSimulator({ companies: 300, seed: 7, token: TOKEN, host: "127.0.0.1", rateLimit: 100_000 })
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "demo-import-"))
    replicaFile = path.join(dir, "replica.sqlite")
    await Effect.runPromise(
      syncReplica().pipe(Effect.provide(Replica.layer({ file: replicaFile, create: true })), Effect.provide(IntercomClient.layer({ token: TOKEN, baseUrl: sim.url })))
    )
  }, 60_000)

  afterAll(async () => {
    await sim.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it("with creates: three updates, one tag change, one unchanged row, two creates (one a typo of an existing company_id), two invalid rows with their reasons", async () => {
    const p = await plan(true)
    expect(p.summary).toEqual({ creates: 2, updates: 3, tagChanges: 1, deletes: 0, unchanged: 1, invalid: 2 })
    const byKey = new Map(p.operations.map((op) => [op.companyId, op]))
    expect(byKey.get("100000")?.changes.map((c) => [c.field, c.before, c.after])).toEqual([["plan", "Starter", "Growth"], ["size", 34, 40], ["monthly_spend", 163, 450]])
    expect(byKey.get("100000")?.tags).toEqual([{ tag: "VIP", action: "add" }])
    expect(byKey.get("100001")?.changes.map((c) => [c.field, c.before, c.after])).toEqual([["monthly_spend", 0, 250], ["custom.account_manager", "Alex Rivera", "Priya Patel"]])
    expect(byKey.get("100003")?.changes).toEqual([])
    expect(p.operations.filter((op) => op.kind === "create").map((op) => [op.companyId, op.label])).toEqual([["900001", "Northwind Demo Traders"], ["10O006", "HelixView Security"]])
    expect(p.invalid.map((r) => [r.row, r.key])).toEqual([[8, "100004"], [9, "100005"]])
    expect(p.invalid[0]?.reasons.join(" ")).toMatch(/size/)
    expect(p.invalid[0]?.reasons.join(" ")).toMatch(/lots/)
    expect(p.invalid[1]?.reasons.join(" ")).toMatch(/name must not be blank/)
  })

  it("updates only: the unknown company_ids are reported instead", async () => {
    const p = await plan(false)
    expect(p.summary.creates).toBe(0)
    expect(p.invalid.map((r) => r.key)).toEqual(["900001", "100004", "100005", "10O006"])
    expect(p.invalid.find((r) => r.key === "10O006")?.reasons.join(" ")).toMatch(/no company with company_id "10O006"/)
  })
})
