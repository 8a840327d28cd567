import { describe, expect, it } from "vitest"
import { validateToken } from "../../src/auth/validateToken.ts"

describe("validateToken", () => {
  it("accepts a token", () => {
    expect(validateToken("dG9rOmFiYzEyMzpkZWY6MTow")).toBeUndefined()
  })

  it.each(["", " ", "abc def", "abc\n", "\tabc"])("refuses %j", (value) => {
    expect(validateToken(value)).toBeTypeOf("string")
  })
})
