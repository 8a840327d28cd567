import { BadRequest, IntercomError, Transport, Unauthorized } from "@intercom-explorer/core"
import { describe, expect, it } from "vitest"
import { listFailure } from "../../src/tree/ListFailure.ts"

// The error row of a list: core's one wording of the error (describeError), made a sentence of its
// own, since the row adds "Showing the data loaded before ..." after it.
describe("listFailure", () => {
  const at = new Date(2026, 0, 1, 12, 3)
  const error = (reason: IntercomError["reason"], extra: Partial<{ intercomMessage: string }> = {}) =>
    new IntercomError({ reason, method: "GET", path: "/companies", ...extra })

  it("is offline when Intercom was out of reach", () => {
    const failure = listFailure(error(new Transport({ detail: "ECONNREFUSED" })), at)
    expect(failure.offline).toBe(true)
    expect(failure.message).toMatch(/^Cannot reach Intercom: ECONNREFUSED \(GET \/companies\) — check the connection\.$/)
    expect(failure.at).toBe(at)
    expect(listFailure(error(new Unauthorized({})), at).offline).toBe(false)
  })

  it("keeps Intercom's own words and makes one sentence of anything else", () => {
    const refused = listFailure(error(new BadRequest({ code: "parameter_invalid" }), { intercomMessage: "No such list" }), at)
    expect(refused).toMatchObject({ offline: false, message: "Intercom refused GET /companies (parameter_invalid): No such list." })
    expect(listFailure(new Error("plain"), at).message).toBe("Plain.")
    expect(listFailure(new Error("Done already."), at).message).toBe("Done already.")
  })
})
