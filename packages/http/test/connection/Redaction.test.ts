import { describe, expect, it } from "vitest"
import { REDACTED, redact } from "../../src/connection/Redaction.js"

describe("redact", () => {
  it("replaces a known secret everywhere, longest first", () => {
    expect(redact("a=secret123 b=secret123456", ["secret123", "secret123456"])).toBe(`a=${REDACTED} b=${REDACTED}`)
  })

  it("masks the secrets a command line was given (4 characters and more), wherever they appear", () => {
    expect(redact("x abcd1234 y envtoken99", ["abcd1234", "envtoken99"])).toBe(`x ${REDACTED} y ${REDACTED}`)
    expect(redact("Unexpected positional argument: \"tok_live_Sup3r\"", ["tok_live_Sup3r"])).toBe(
      `Unexpected positional argument: "${REDACTED}"`
    )
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
    ["token:abc123", `token:${REDACTED}`],
    ["token dG9rOjEyMzQ1Njc4OTA6MTow==.", `token ${REDACTED}.`]
  ])("redacts credential-looking text: %s", (input, expected) => {
    expect(redact(input)).toBe(expected)
  })

  it.each([
    "GET /companies?page=2 -> 200 in 83 ms (remaining 9990 of 10000)",
    "no access token: set INTERCOM_TOKEN, pass --token-file FILE, or run in a terminal to be prompted for it",
    "Intercom rejected the access token (401) — check INTERCOM_TOKEN, --token-file or --token"
  ])("leaves ordinary text alone: %s", (line) => {
    expect(redact(line)).toBe(line)
  })

  it("is idempotent", () => {
    const once = redact("Bearer abc access_token=def", ["abcdefgh"])
    expect(once).toBe(`Bearer ${REDACTED} access_token=${REDACTED}`)
    expect(redact(once, ["abcdefgh"])).toBe(once)
  })
})
