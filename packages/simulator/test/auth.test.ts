import { describe, expect, it } from "vitest"
import { expectErrorList, useSimulator } from "./support/harness.js"

describe("authentication and versions", () => {
  const api = useSimulator({ companies: 5, token: "s3cret" })

  it("answers 401 unauthorized for a missing or wrong token", async () => {
    expectErrorList(await api().request("GET", "/tags", { token: null }), 401, "unauthorized", "Access Token Invalid")
    expectErrorList(await api().request("GET", "/tags", { token: "sim-token" }), 401, "unauthorized")
    expect((await api().get("/tags")).status).toBe(200)
  })

  it("accepts 2.11, later 2.x versions and no version header", async () => {
    for (const version of ["2.11", "2.12", "2.14", "2.16", null]) {
      expect((await api().request("GET", "/tags", { version })).status, String(version)).toBe(200)
    }
  })

  it("refuses an unknown or older version with 400 intercom_version_invalid", async () => {
    for (const version of ["3.0", "2.10", "1.4", "Unstable", "latest"]) {
      expectErrorList(await api().request("GET", "/tags", { version }), 400, "intercom_version_invalid")
    }
  })

  it("answers an unknown route with 404 not_found", async () => {
    expectErrorList(await api().get("/conversations"), 404, "not_found")
  })

  it("puts a fresh request_id in every error and an X-Request-Id header on every response", async () => {
    const a = await api().get("/companies/missing")
    const b = await api().get("/companies/missing")
    expect(a.body.request_id).not.toBe(b.body.request_id)
    expect(a.headers.get("x-request-id")).toBe(a.body.request_id)
  })

  it("answers malformed JSON with 400", async () => {
    expectErrorList(await api().request("POST", "/companies", { body: "{not json" }), 400, "bad_request")
  })

  it("serves GET /me with the workspace", async () => {
    const me = await api().get("/me")
    expect(me.body).toMatchObject({ type: "admin", app: { type: "app", region: "US" } })
    expect(me.body.app.id_code).toBe(api().sim.state.appId)
  })
})
