import { describe, expect, it } from "vitest"
import { defineCompanyAttributes } from "../src/index.js"
import { useSimulator } from "./support/harness.js"

// Intercom answers 200 to a company write with a custom attribute that is not defined, and the key
// never shows up (intercom-node#168, #267); the defined keys of the same request are kept.

describe("company writes keep only defined custom attributes", () => {
  const logLines: Array<string> = []
  const api = useSimulator({ companies: 20, seed: 31, log: (line) => logLines.push(line) })

  const companyId = (i: number): string => api().sim.state.companies.ids()[i] ?? ""
  const customOf = async (id: string): Promise<Record<string, unknown>> => {
    const res = await api().get(`/companies/${id}`)
    expect(res.status).toBe(200)
    return res.body.custom_attributes
  }
  const lastWrite = () => api().sim.state.writes.at(-1)

  it("drops an undefined key silently: 200, absent from the answer and from a later read; the log notes it", async () => {
    const id = companyId(0)
    const body = { custom_attributes: { never_defined: "lost" } }
    const res = await api().put(`/companies/${id}`, body)
    expect(res.status).toBe(200)
    expect(res.body.custom_attributes).not.toHaveProperty("never_defined")
    expect(await customOf(id)).not.toHaveProperty("never_defined")
    expect(lastWrite()).toMatchObject({ method: "PUT", path: `/companies/${id}`, status: 200, droppedCustomAttributes: ["never_defined"] })
    expect(JSON.parse(lastWrite()?.body ?? "")).toEqual(body) // the body as sent
    expect(logLines.filter((line) => line.startsWith("PUT ")).at(-1)).toMatch(new RegExp(`^PUT /companies/${id} 200 .*\\(dropped undefined custom attributes: never_defined\\)$`))
  })

  it("drops an undefined key on create and on upsert, keeping the rest of the request", async () => {
    const created = await api().post("/companies", { company_id: "drop-1", name: "Drop One", custom_attributes: { tier: "gold" } })
    expect(created.status).toBe(200)
    expect(created.body).toMatchObject({ company_id: "drop-1", name: "Drop One" })
    expect(created.body.custom_attributes).toEqual({})
    const upserted = await api().post("/companies", { company_id: "drop-1", plan: "pro", custom_attributes: { tier: "gold", seats: 4 } })
    expect(upserted.body.plan.name).toBe("pro")
    expect(upserted.body.custom_attributes).toEqual({ seats: 4 })
    expect(lastWrite()?.droppedCustomAttributes).toEqual(["tier"])
    expect(await customOf(created.body.id)).toEqual({ seats: 4 })
  })

  it("keeps a defined key, and notes nothing dropped", async () => {
    const id = companyId(1)
    const res = await api().put(`/companies/${id}`, { custom_attributes: { seats: 12, account_manager: "Ada" } })
    expect(res.body.custom_attributes).toMatchObject({ seats: 12, account_manager: "Ada" })
    expect(await customOf(id)).toMatchObject({ seats: 12, account_manager: "Ada" })
    expect(lastWrite()).not.toHaveProperty("droppedCustomAttributes")
  })

  it("keeps a key once it is defined with POST /data_attributes", async () => {
    const id = companyId(2)
    await api().put(`/companies/${id}`, { custom_attributes: { onboarding_stage: "trial" } })
    expect(await customOf(id)).not.toHaveProperty("onboarding_stage")
    const defined = await api().post("/data_attributes", { name: "onboarding_stage", model: "company", data_type: "string" })
    expect(defined.status).toBe(200)
    const res = await api().put(`/companies/${id}`, { custom_attributes: { onboarding_stage: "trial" } })
    expect(res.body.custom_attributes).toMatchObject({ onboarding_stage: "trial" })
    expect(await customOf(id)).toMatchObject({ onboarding_stage: "trial" })
  })

  it("drops a key whose attribute is archived, or defined for contacts only", async () => {
    const id = companyId(3)
    const created = await api().post("/data_attributes", { name: "legacy_code", model: "company", data_type: "string" })
    expect((await api().put(`/data_attributes/${created.body.id}`, { archived: true })).body.archived).toBe(true)
    const res = await api().put(`/companies/${id}`, { custom_attributes: { legacy_code: "X1", job_title: "CTO" } })
    expect(res.status).toBe(200)
    expect(res.body.custom_attributes).not.toHaveProperty("legacy_code")
    expect(res.body.custom_attributes).not.toHaveProperty("job_title")
    expect(lastWrite()?.droppedCustomAttributes).toEqual(["legacy_code", "job_title"])
  })

  it("applies the defined part of a mixed request", async () => {
    const id = companyId(4)
    const before = await customOf(id)
    const res = await api().put(`/companies/${id}`, {
      name: "Mixed Ltd",
      custom_attributes: { seats: 33, favourite_colour: "teal", is_partner: true }
    })
    expect(res.status).toBe(200)
    expect(res.body.name).toBe("Mixed Ltd")
    expect(res.body.custom_attributes).toEqual({ ...before, seats: 33, is_partner: true })
    expect(await customOf(id)).toEqual({ ...before, seats: 33, is_partner: true })
    expect(lastWrite()?.droppedCustomAttributes).toEqual(["favourite_colour"])
  })

  it("keeps a value of the wrong type for a defined attribute (nothing documents a drop or a refusal)", async () => {
    const id = companyId(5)
    const res = await api().put(`/companies/${id}`, { custom_attributes: { seats: "many" } })
    expect(res.status).toBe(200)
    expect(res.body.custom_attributes).toMatchObject({ seats: "many" })
  })

  it("defineCompanyAttributes defines the missing ones over HTTP; twice is harmless", async () => {
    const before = api().sim.state.dataAttributes("company").length
    await defineCompanyAttributes(api().sim, { region_code: "string", seats: "integer" })
    await defineCompanyAttributes(api().sim, { region_code: "string" })
    const attributes = api().sim.state.dataAttributes("company")
    expect(attributes.length).toBe(before + 1)
    expect(attributes.find((a) => a.name === "region_code")).toMatchObject({ custom: true, data_type: "string", archived: false })
    expect(api().sim.state.writes.at(-1)?.path).toBe("/data_attributes")
    const res = await api().put(`/companies/${companyId(6)}`, { custom_attributes: { region_code: "EU" } })
    expect(res.body.custom_attributes).toMatchObject({ region_code: "EU" })
  })
})
