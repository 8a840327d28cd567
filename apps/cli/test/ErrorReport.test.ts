import { describe, expect, it } from "vitest"
import { insecureBaseUrl, redact } from "@intercom-explorer/core"
import { rememberSecret, reportIntercomError, secretsOf } from "../src/ErrorReport.js"
import { oneLine } from "../src/output/OneLine.js"
import { resolveFormat } from "../src/commands/CompaniesExport.js"
import { Option } from "effect"

describe("secrets", () => {
  it("collects the --token value and INTERCOM_TOKEN, and masks them", () => {
    const secrets = secretsOf(["tags", "list", "--token", "abcd1234", "--token=efgh5678"], { INTERCOM_TOKEN: "envtoken99" })
    expect(secrets).toEqual(["abcd1234", "efgh5678", "envtoken99"])
    expect(redact("x abcd1234 y envtoken99", secrets)).toBe("x [redacted] y [redacted]")
  })

  it("masks a token read later (a --token-file, the prompt) once it is remembered", () => {
    rememberSecret("from_file_Tok3n")
    expect(secretsOf([], {})).toContain("from_file_Tok3n")
    expect(redact("said from_file_Tok3n", secretsOf([], {}))).toBe("said [redacted]")
  })
})

describe("reportIntercomError", () => {
  it("an http:// base URL refused by the HTTP layer is a usage error with its sentence", () => {
    const reason = insecureBaseUrl("http://intercom.example:8080", "--allow-insecure-http")!
    const error = { _tag: "IntercomError", reason, method: "GET", path: "/tags" } as unknown as Parameters<
      typeof reportIntercomError
    >[0]
    expect(reportIntercomError(error)).toEqual({ message: reason.detail, exitCode: 2 })
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
