import { describe, expect, it } from "vitest"
import { DEFAULT_SETTINGS, parseSettings } from "../../src/settings/parseSettings.ts"

describe("parseSettings", () => {
  it("gives the defaults for nothing", () => {
    expect(parseSettings({})).toEqual({ settings: DEFAULT_SETTINGS, problems: [] })
  })

  it("accepts valid values and trims the base URL's trailing slash", () => {
    const { settings, problems } = parseSettings({ region: "eu", baseUrl: " http://127.0.0.1:4010/ ", requestTimeoutSeconds: 5 })
    expect(problems).toEqual([])
    expect(settings).toEqual({ region: "eu", baseUrl: "http://127.0.0.1:4010", requestTimeoutSeconds: 5 })
  })

  it("treats an empty base URL as unset", () => {
    expect(parseSettings({ baseUrl: "" }).settings.baseUrl).toBeUndefined()
  })

  it.each([
    [{ region: "mars" }, "intercom.region"],
    [{ region: "constructor" }, "intercom.region"],
    [{ baseUrl: "ftp://example.com" }, "intercom.baseUrl"],
    [{ baseUrl: "not a url" }, "intercom.baseUrl"],
    [{ baseUrl: "https://user:pw@example.com" }, "intercom.baseUrl"],
    [{ baseUrl: 42 }, "intercom.baseUrl"],
    [{ requestTimeoutSeconds: 0 }, "intercom.requestTimeoutSeconds"],
    [{ requestTimeoutSeconds: "30" }, "intercom.requestTimeoutSeconds"]
  ])("falls back to the default and reports %j", (raw, setting) => {
    const { settings, problems } = parseSettings(raw)
    expect(settings).toEqual(DEFAULT_SETTINGS)
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain(setting)
  })
})
