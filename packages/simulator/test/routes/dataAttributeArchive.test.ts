import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { dataAttributeRoutes } from "../../src/routes/dataAttributes.js"
import { createRequestListener } from "../../src/server/Pipeline.js"
import type { Handler } from "../../src/server/RequestContext.js"
import { Router } from "../../src/server/Router.js"
import { Simulation } from "../../src/server/Simulation.js"
import { resolveOptions } from "../../src/SimulatorOptions.js"

// No seeded segment reads a custom attribute, and the API cannot make one, so this test puts a
// segment into the workspace itself and serves the data attribute routes over HTTP.

describe("archiving a data attribute a segment reads", () => {
  const sim = new Simulation(resolveOptions({ companies: 5, seed: 3, token: "t" }))
  const api = new Router<Handler>()
  dataAttributeRoutes(api)
  const server = createServer(createRequestListener(sim, { api, admin: new Router<Handler>() }))
  let url = ""
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  const archive = async (id: number) => {
    const res = await fetch(`${url}/data_attributes/${id}`, {
      method: "PUT",
      headers: { Authorization: "Bearer t", "Content-Type": "application/json", "Intercom-Version": "2.11" },
      body: JSON.stringify({ archived: true })
    })
    return { status: res.status, body: (await res.json()) as { errors?: unknown } }
  }

  it("is refused with 422 data_invalid; an attribute no segment reads archives", async () => {
    const ws = sim.workspace
    ws.segments.add({
      id: "partners",
      name: "Partners",
      createdAt: 0,
      updatedAt: 0,
      personType: "user",
      rule: { kind: "all", rules: [{ kind: "customAttribute", key: "is_partner", value: true }] }
    })
    const partner = ws.dataAttributes.custom("company", "is_partner")
    const seats = ws.dataAttributes.custom("company", "seats")
    if (partner?.id === undefined || seats?.id === undefined) throw new Error("seed changed")
    const refused = await archive(partner.id)
    expect(refused.status).toBe(422)
    expect(refused.body.errors).toEqual([
      { code: "data_invalid", message: "The Data Attribute you are trying to archive has a dependant object" }
    ])
    expect(partner.archived).toBe(false)
    expect((await archive(seats.id)).body).toMatchObject({ id: seats.id, archived: true })
  })
})
