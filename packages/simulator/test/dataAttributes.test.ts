import { describe, expect, it } from "vitest"
import { expectErrorList, useSimulator } from "./support/harness.js"

type Attribute = {
  id?: number
  name: string
  full_name: string
  data_type: string
  custom: boolean
  archived: boolean
  api_writable: boolean
  model: string
  options?: Array<string>
  description?: string
  updated_at?: number
}

describe("data attributes", () => {
  const api = useSimulator({ companies: 30, seed: 23 })

  const companyAttributes = async (query = ""): Promise<Array<Attribute>> => {
    const res = await api().get(`/data_attributes?model=company${query}`)
    expect(res.status).toBe(200)
    expect(res.body.type).toBe("list")
    return res.body.data
  }

  it("lists Intercom's standard company attributes and the seeds' custom ones, typed by their values", async () => {
    const attributes = await companyAttributes()
    expect(attributes.every((a) => a.model === "company")).toBe(true)
    const standard = attributes.filter((a) => !a.custom)
    expect(standard.map((a) => a.full_name)).toEqual(expect.arrayContaining(["name", "plan.name", "monthly_spend", "size", "website"]))
    expect(standard.every((a) => a.id === undefined)).toBe(true)
    expect(standard.find((a) => a.full_name === "user_count")?.api_writable).toBe(false)
    expect(standard.find((a) => a.full_name === "website")?.api_writable).toBe(true)
    const custom = Object.fromEntries(attributes.filter((a) => a.custom).map((a) => [a.name, a.data_type]))
    expect(custom).toEqual({
      account_manager: "string",
      health_score: "integer",
      is_partner: "boolean",
      signup_channel: "string",
      renewal_date: "string",
      seats: "integer"
    })
    // Every custom key a seeded company carries is defined, with a value of its type (or null).
    const types: Record<string, string> = custom
    const companyId = api().sim.state.companies.ids()[0] ?? ""
    const values = api().sim.state.companies.get(companyId)?.custom_attributes ?? {}
    for (const [key, value] of Object.entries(values)) {
      const type = types[key]
      expect(type, key).toBeDefined()
      if (value === null) continue
      expect(typeof value, key).toBe(type === "integer" ? "number" : type === "boolean" ? "boolean" : "string")
    }
    const contacts = await api().get("/data_attributes?model=contact")
    expect(contacts.body.data.map((a: Attribute) => a.full_name)).toEqual(["custom_attributes.job_title"])
    expect((await api().get("/data_attributes?model=conversation")).body.data).toEqual([])
    expectErrorList(await api().get("/data_attributes?model=ticket"), 400, "bad_request")
  })

  it("creates a custom attribute that the list then shows", async () => {
    const res = await api().post("/data_attributes", { name: "Mithril Shirt", model: "company", data_type: "string" })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      type: "data_attribute",
      name: "Mithril Shirt",
      full_name: "custom_attributes.Mithril Shirt",
      label: "Mithril Shirt",
      data_type: "string",
      api_writable: true,
      custom: true,
      archived: false,
      model: "company"
    })
    expect(Number.isInteger(res.body.id)).toBe(true)
    const listed = (await companyAttributes()).find((a) => a.id === res.body.id)
    expect(listed).toEqual(res.body)
  })

  it("refuses a bad name, a taken name (in any model), a bad type or model, with the spec's messages", async () => {
    const post = (body: object) => api().post("/data_attributes", body)
    const invalidName = "Your name for this attribute must only contain alphanumeric characters, currency symbols, and hyphens"
    expectErrorList(await post({ name: "!nv@l!d n@me", model: "company", data_type: "string" }), 400, "parameter_invalid", invalidName)
    expectErrorList(await post({ name: "plan.tier", model: "company", data_type: "string" }), 400, "parameter_invalid", invalidName)
    expectErrorList(
      await post({ name: "seats", model: "company", data_type: "integer" }),
      400,
      "parameter_invalid",
      "You already have 'seats' in your company data. To save this as new company data, use a different name."
    )
    expectErrorList(
      await post({ name: "Seats", model: "contact", data_type: "integer" }),
      400,
      "parameter_invalid",
      "You already have 'seats' in your company data. To save this as new people data, use a different name."
    )
    expectErrorList(await post({ name: "The Second Ring", model: "company", data_type: "mithril" }), 400, "parameter_invalid", "Data Type isn't an option")
    expectErrorList(
      await post({ description: "Just a plain old ring", options: [{ value: "1-10" }], archived: false }),
      400,
      "parameter_invalid",
      "The Data Attribute model field must be either contact or company"
    )
    expect((await companyAttributes()).some((a) => a.name === "The Second Ring")).toBe(false)
  })

  it("updates description and options, archives (hidden unless include_archived), and 404s an unknown id", async () => {
    const created = await api().post("/data_attributes", { name: "Ring size", model: "company", data_type: "string" })
    const id: number = created.body.id
    const updated = await api().put(`/data_attributes/${id}`, {
      description: "Just a plain old ring",
      options: [{ value: "1-10" }, { value: "11-20" }]
    })
    expect(updated.status).toBe(200)
    expect(updated.body).toMatchObject({ id, description: "Just a plain old ring", options: ["1-10", "11-20"], data_type: "string" })
    expectErrorList(await api().put(`/data_attributes/${id}`, { options: { value: "1-10" } }), 400, "parameter_invalid", "Options isn't an array")

    const archived = await api().put(`/data_attributes/${id}`, { archived: true })
    expect(archived.body.archived).toBe(true)
    expect((await companyAttributes()).some((a) => a.id === id)).toBe(false)
    expect((await companyAttributes("&include_archived=true")).find((a) => a.id === id)?.archived).toBe(true)

    expectErrorList(
      await api().put("/data_attributes/999999", { archived: true }),
      404,
      "field_not_found",
      "We couldn't find that data attribute to update"
    )
    // Standard attributes have no id, so they cannot be addressed either.
    expectErrorList(await api().put("/data_attributes/size", { description: "x" }), 404, "field_not_found")
  })
})
