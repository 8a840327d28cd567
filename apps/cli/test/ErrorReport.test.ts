import { describe, expect, it } from "vitest"
import { redact, secretsOf } from "../src/ErrorReport.js"
import { oneLine } from "../src/output/OneLine.js"
import { resolveFormat } from "../src/commands/CompaniesExport.js"
import { Option } from "effect"

describe("secrets", () => {
  it("collects the --token value and INTERCOM_TOKEN, and masks them", () => {
    const secrets = secretsOf(["tags", "list", "--token", "abcd1234", "--token=efgh5678"], { INTERCOM_TOKEN: "envtoken99" })
    expect(secrets).toEqual(["abcd1234", "efgh5678", "envtoken99"])
    expect(redact("x abcd1234 y envtoken99", secrets)).toBe("x <redacted> y <redacted>")
  })
})

describe("oneLine", () => {
  it("folds Effect's suggestion block into the line", () => {
    expect(oneLine("Unknown subcommand \"lst\"\n\n  Did you mean this?\n    list")).toBe(
      "Unknown subcommand \"lst\" (did you mean list?)"
    )
    expect(oneLine("a\n  b")).toBe("a b")
  })
})

describe("export format", () => {
  it("follows --format, else the file extension", () => {
    expect(resolveFormat(Option.some("csv"), "x.ndjson")).toBe("csv")
    expect(resolveFormat(Option.none(), "out/Companies.CSV")).toBe("csv")
    expect(resolveFormat(Option.none(), "-")).toBe("ndjson")
  })
})
