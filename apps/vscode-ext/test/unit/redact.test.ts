import { describe, expect, it } from "vitest"
import { REDACTED, redact } from "../../src/logging/redact.ts"

describe("redact", () => {
  it("replaces a known secret everywhere, longest first", () => {
    expect(redact("a=secret123 b=secret123456", ["secret123", "secret123456"])).toBe(`a=${REDACTED} b=${REDACTED}`)
  })

  it("does not match very short secrets literally", () => {
    expect(redact("abc abc", ["abc"])).toBe("abc abc")
  })

  it.each([
    ["Authorization: Bearer abc.def", `Authorization: Bearer ${REDACTED}`],
    ["authorization: Basic dXNlcjpwYXNz", `authorization: ${REDACTED}`],
    ['{"Authorization":"Bearer x-y_z"}', `{"Authorization":"Bearer ${REDACTED}"}`],
    ["?access_token=abc&x=1", `?access_token=${REDACTED}&x=1`],
    ['"api_key": "k-123"', `"api_key": "${REDACTED}"`],
    ["token dG9rOjEyMzQ1Njc4OTA6MTow==.", `token ${REDACTED}.`]
  ])("redacts credential-looking text: %s", (input, expected) => {
    expect(redact(input)).toBe(expected)
  })

  it("leaves ordinary log text alone", () => {
    const line = "GET /companies?page=2 -> 200 in 83 ms (remaining 9990 of 10000)"
    expect(redact(line)).toBe(line)
  })

  it("is idempotent", () => {
    const once = redact("Bearer abc access_token=def", ["abcdefgh"])
    expect(redact(once, ["abcdefgh"])).toBe(once)
  })
})
