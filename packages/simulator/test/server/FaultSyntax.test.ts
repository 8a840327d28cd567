import { describe, expect, it } from "vitest"
import { faultFromJson, faultToJson, parseFaults } from "../../src/server/FaultSyntax.js"

/** One fault from its text. */
const parseFault = (text: string) => {
  const specs = parseFaults(text)
  expect(specs).toHaveLength(1)
  return specs[0]!
}

describe("the fault text syntax", () => {
  it("parses kinds, triggers and options", () => {
    expect(parseFaults("scroll-expire@nth=3,truncate-body@p=0.05")).toEqual([
      { kind: "scroll-expire", nth: 3 },
      { kind: "truncate-body", probability: 0.05 }
    ])
    expect(parseFault("latency@p=1&delay=2s&method=get&path=/companies")).toEqual({
      kind: "latency",
      probability: 1,
      delayMs: 2000,
      match: { method: "GET", path: "/companies" }
    })
    expect(parseFault("rate-limit-burst@nth=10;count=5")).toEqual({ kind: "rate-limit-burst", nth: 10, count: 5 })
    expect(parseFault("scroll-restart-500@once&hold")).toEqual({ kind: "scroll-restart-500", once: true, holdLock: true })
    expect(parseFault("drop-connection@fraction=0.1&times=2&p=0.5")).toEqual({
      kind: "drop-connection",
      fraction: 0.1,
      times: 2,
      probability: 0.5
    })
    const regex = parseFault("truncate-body@path=~^/companies/[^/]+$")
    expect(regex.match?.path).toBeInstanceOf(RegExp)
    expect((regex.match?.path as RegExp).test("/companies/abc")).toBe(true)
    expect((regex.match?.path as RegExp).test("/companies/abc/contacts")).toBe(false)
    expect(parseFaults(" ")).toEqual([])
  })

  it("refuses what it cannot mean", () => {
    expect(() => parseFault("nope")).toThrow(/unknown fault kind/)
    expect(() => parseFault("latency@wat=1")).toThrow(/unknown fault option/)
    expect(() => parseFault("latency@nth=x")).toThrow(/number/)
    expect(() => parseFault("latency@p=2")).toThrow(/probability/)
    expect(() => parseFault("latency@nth=1&p=0.5")).toThrow(/one trigger/)
    expect(() => parseFault("latency@delay=soon")).toThrow(/duration/)
  })

  it("round-trips through JSON (admin endpoint)", () => {
    const spec = parseFault("truncate-body@p=0.5&path=~^/tags$")
    expect(faultFromJson(JSON.parse(JSON.stringify(faultToJson(spec))))).toEqual(spec)
    expect(faultFromJson({ spec: "scroll-expire@nth=2" })).toEqual({ kind: "scroll-expire", nth: 2 })
    expect(() => faultFromJson({ kind: "latency", nth: -1 })).toThrow()
  })
})
