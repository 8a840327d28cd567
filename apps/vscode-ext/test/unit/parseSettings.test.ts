import { describe, expect, it } from "vitest"
import { parseSettings, serverRefusal } from "../../src/settings/parseSettings.ts"
import { DEFAULT_SAVED_QUERIES } from "../../src/tree/model/savedQueries.ts"

/** The replica and Companies view settings' defaults (README, package.json). */
const VIEW_DEFAULTS = { replicaAutoSync: true, replicaMaxAgeMinutes: 60, companiesGroupBy: "none", companiesSort: "name", savedQueries: DEFAULT_SAVED_QUERIES }

/** The defaults the README and package.json document. */
const DEFAULT_SETTINGS = { region: "us", baseUrl: undefined, requestTimeoutSeconds: 30, allowInsecureHttp: false, ...VIEW_DEFAULTS }

describe("parseSettings", () => {
  it("gives the defaults for nothing", () => {
    expect(parseSettings({})).toEqual({ settings: DEFAULT_SETTINGS, problems: [] })
  })

  it("accepts valid values and trims the base URL's trailing slash", () => {
    const { settings, problems } = parseSettings({
      region: "eu",
      baseUrl: " http://127.0.0.1:4010/ ",
      requestTimeoutSeconds: 5,
      allowInsecureHttp: true
    })
    expect(problems).toEqual([])
    expect(settings).toEqual({ region: "eu", baseUrl: "http://127.0.0.1:4010", requestTimeoutSeconds: 5, allowInsecureHttp: true, ...VIEW_DEFAULTS })
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
    [{ requestTimeoutSeconds: "30" }, "intercom.requestTimeoutSeconds"],
    [{ allowInsecureHttp: "yes" }, "intercom.allowInsecureHttp"]
  ])("falls back to the default and reports %j", (raw, setting) => {
    const { settings, problems } = parseSettings(raw)
    expect(settings).toEqual(DEFAULT_SETTINGS)
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain(setting)
  })
})

describe("serverRefusal (intercom.baseUrl before any request)", () => {
  it.each(["https://api.intercom.io", "https://intercom.example.com:8443", "http://127.0.0.1:4010", "http://localhost:4010", "http://[::1]:4010"])(
    "lets %s through",
    (url) => expect(serverRefusal(url, false)).toBeUndefined()
  )

  it("refuses plain http to another machine, naming the setting that allows it", () => {
    const problem = serverRefusal("http://intercom.example.com:8080/api", false)
    expect(problem).toContain("http://intercom.example.com:8080")
    expect(problem).toContain("clear text")
    expect(problem).toContain("intercom.allowInsecureHttp")
    expect(problem).not.toContain("/api")
  })

  it("lets it through when intercom.allowInsecureHttp is set", () => {
    expect(serverRefusal("http://intercom.example.com:8080", true)).toBeUndefined()
  })

  it("reads the replica and Companies view settings, and falls back with a reason for bad values", () => {
    const good = parseSettings({
      replicaAutoSync: false,
      replicaMaxAgeMinutes: 15,
      companiesGroupBy: "tag",
      companiesSort: "-spend",
      savedQueries: [{ label: "VIP", query: "tag:VIP" }]
    })
    expect(good.problems).toEqual([])
    expect(good.settings).toMatchObject({
      replicaAutoSync: false,
      replicaMaxAgeMinutes: 15,
      companiesGroupBy: "tag",
      companiesSort: "-spend",
      savedQueries: [{ label: "VIP", query: "tag:VIP" }]
    })
    const bad = parseSettings({ replicaAutoSync: "yes", replicaMaxAgeMinutes: 0, companiesGroupBy: "colour", companiesSort: "-colour", savedQueries: [{ label: "x" }, { label: "ok", query: "plan:Pro" }] })
    expect(bad.settings).toMatchObject({ ...VIEW_DEFAULTS, savedQueries: [{ label: "ok", query: "plan:Pro" }] })
    expect(bad.problems).toEqual([
      "intercom.replica.autoSync must be true or false; using true.",
      "intercom.replica.maxAgeMinutes 0 is not between 1 and 10080; using 60.",
      `intercom.companies.groupBy "colour" is not one of none, plan, industry, tag, segment; using "none".`,
      `intercom.companies.sort "-colour" is not one of name, -spend, -size, -users, -sessions, -seen, seen, -created, -updated; using "name".`,
      `intercom.companies.queries[0] needs a "label" and a "query" (text); skipped.`
    ])
    expect(parseSettings({ savedQueries: "tag:VIP" }).problems).toEqual(["intercom.companies.queries must be an array of { label, query }; using the defaults."])
  })
})
