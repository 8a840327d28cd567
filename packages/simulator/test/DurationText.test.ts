import { describe, expect, it } from "vitest"
import { parseDuration } from "../src/DurationText.js"

describe("parseDuration", () => {
  it("reads a bare number in the caller's unit, and ms/s suffixes", () => {
    expect(parseDuration("250", "ms")).toBe(250)
    expect(parseDuration("60", "s")).toBe(60_000)
    expect(parseDuration(" 500ms ", "s")).toBe(500)
    expect(parseDuration("2s", "ms")).toBe(2000)
    expect(parseDuration("1.5", "s")).toBe(1500)
    expect(parseDuration("0.4ms", "ms")).toBe(0.4)
  })

  it("is undefined for anything else", () => {
    for (const text of ["", "soon", "-1", "2m", "1e3", "ms"]) expect(parseDuration(text, "s")).toBeUndefined()
  })
})
