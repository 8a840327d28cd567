import { describe, expect, it } from "vitest"
import {
  BadRequest,
  Closed,
  Forbidden,
  IntercomError,
  type IntercomErrorReason,
  NotFound,
  ScrollAborted,
  ScrollBusy,
  Transport,
  Unauthorized
} from "@intercom-explorer/http"
import { describeError, isIntercomError, reasonOf } from "../../src/errors/describeError.js"

const failed = (reason: IntercomErrorReason, extra: Partial<{ status: number; intercomMessage: string; requestId: string }> = {}) =>
  new IntercomError({ reason, method: "GET", path: "/companies/1", ...extra })

describe("describeError", () => {
  it("a rejected token says what to do, in the caller's words", () => {
    const error = failed(new Unauthorized(), { status: 401 })
    expect(describeError(error)).toBe("Intercom rejected the access token (401)")
    expect(describeError(error, { whenUnauthorized: "sign in again" })).toBe(
      "Intercom rejected the access token (401) — sign in again"
    )
  })

  it("names the request, Intercom's message and the request_id where they help", () => {
    expect(describeError(failed(new Forbidden(), { status: 403, requestId: "r1" }))).toBe(
      "Intercom refused GET /companies/1 for this access token (403) — the token lacks the permission, request_id r1"
    )
    expect(describeError(failed(new NotFound({ code: "company_not_found" }), { intercomMessage: "Company Not Found" })))
      .toBe("not found (404 company_not_found): GET /companies/1: Company Not Found")
    expect(
      describeError(
        failed(new BadRequest({ code: "tag_has_dependent_objects" }), { status: 400, intercomMessage: "Tag in use" })
      )
    ).toBe("Intercom refused GET /companies/1 (400 tag_has_dependent_objects): Tag in use")
  })

  it("an unreachable server names where the client was going", () => {
    const error = failed(new Transport({ detail: "connect ECONNREFUSED" }))
    expect(describeError(error, { target: "http://127.0.0.1:9" })).toBe(
      "cannot reach Intercom at http://127.0.0.1:9: connect ECONNREFUSED (GET /companies/1) — check the connection"
    )
  })

  it("an abandoned scroll says why, in the same words", () => {
    const aborted = failed(new ScrollAborted({ restarts: 3, lastError: failed(new Unauthorized()) }))
    expect(describeError(aborted)).toBe(
      "the company scroll was abandoned after 3 restarts: Intercom rejected the access token (401)"
    )
    expect(describeError(failed(new ScrollBusy()))).toMatch(/^another company scroll of this app is already running/)
  })

  it("a reason raised before any request reads as itself", () => {
    expect(describeError(new Closed())).toBe("the Intercom client was closed")
  })

  it("anything else: its message", () => {
    expect(describeError(new Error("disk full"))).toBe("disk full")
    expect(describeError("plain")).toBe("plain")
  })

  it("recognizes an IntercomError by its tags, also as a plain copy", () => {
    const error = failed(new Transport({ detail: "x" }))
    expect(isIntercomError(error)).toBe(true)
    expect(isIntercomError({ _tag: "IntercomError", reason: { _tag: "Transport" } })).toBe(true)
    expect(isIntercomError(new Error("x"))).toBe(false)
    expect(reasonOf(error)).toBe("Transport")
    expect(reasonOf(new Error("x"))).toBeUndefined()
  })
})
