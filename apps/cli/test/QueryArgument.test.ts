import { describe, expect, it } from "vitest"
import { protectNegatedQuery } from "../src/QueryArgument.js"

describe("protectNegatedQuery", () => {
  it("moves a query that starts with - behind --, so the parser takes it as the query", () => {
    expect(protectNegatedQuery(["companies", "query", "-tag:Churn plan:Pro", "--count"]))
      .toEqual(["companies", "query", "--count", "--", "-tag:Churn plan:Pro"])
    expect(protectNegatedQuery(["--base-url", "http://x", "companies", "query", "-n", "5", "-acme"]))
      .toEqual(["--base-url", "http://x", "companies", "query", "-n", "5", "--", "-acme"])
  })

  it("leaves flags, their values, plain queries, other commands and lines with -- alone", () => {
    const unchanged = [
      ["companies", "query", "plan:Pro", "-n", "5"],
      ["companies", "query", "--db", "-odd-name.sqlite", "plan:Pro"],
      ["companies", "query", "-n5", "--count"],
      ["companies", "query", "-h"],
      ["companies", "query", "--count", "--", "-tag:VIP"],
      ["companies", "export", "-o", "x.csv"],
      ["tags", "list", "-x"]
    ]
    for (const args of unchanged) expect(protectNegatedQuery(args)).toEqual(args)
  })
})
