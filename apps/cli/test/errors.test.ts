import { type Simulator, startSimulator } from "@intercom-explorer/simulator"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { linesOf, runCli } from "./support/runCli.js"

// Exit codes and one-line error messages, and the token never showing up in any output.

const TOKEN = "tok_live_Sup3rSecretValue"
let sim: Simulator

beforeAll(async () => {
  sim = await startSimulator({ companies: 30, host: "127.0.0.1", token: TOKEN })
})

afterAll(async () => {
  await sim?.close()
})

const expectOneLine = (stderr: string, pattern: RegExp) => {
  const lines = linesOf(stderr)
  expect(lines, stderr).toHaveLength(1)
  expect(lines[0]).toMatch(pattern)
}

describe("errors", () => {
  it("a bad token exits 3 with one line that names the problem and never the token", async () => {
    const bad = "tok_wrong_DoNotPrintMe"
    const viaFlag = await runCli(["companies", "export", "--out", "-", "--base-url", sim.url, "--token", bad])
    expect(viaFlag.code).toBe(3)
    expect(viaFlag.stdout).toBe("")
    expect(linesOf(viaFlag.stderr)).toEqual([
      "warning: --token leaves the access token in your shell history and in process lists (ps); prefer " +
      "INTERCOM_TOKEN, --token-file FILE or the prompt",
      "error: Intercom rejected the access token (401) — check INTERCOM_TOKEN, --token-file or --token"
    ])
    expect(viaFlag.stderr).not.toContain(bad)

    const viaEnv = await runCli(["tags", "list", "--base-url", sim.url], { env: { INTERCOM_TOKEN: bad } })
    expect(viaEnv.code).toBe(3)
    expectOneLine(viaEnv.stderr, /rejected the access token \(401\)/)
    expect(viaEnv.stderr + viaEnv.stdout).not.toContain(bad)
  })

  it("the right token from INTERCOM_TOKEN works and is not printed either", async () => {
    const result = await runCli(["tags", "list", "--base-url", sim.url], { env: { INTERCOM_TOKEN: TOKEN } })
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout + result.stderr).not.toContain(TOKEN)
  })

  it("no token at all (and no terminal to ask on) is a usage error (exit 2) naming the ways to give one", async () => {
    const result = await runCli(["tags", "list", "--base-url", sim.url])
    expect(result.code).toBe(2)
    expectOneLine(
      result.stderr,
      /^error: no access token: set INTERCOM_TOKEN, pass --token-file FILE, or run in a terminal to be prompted for it$/
    )
  })

  it("an unknown option, subcommand or bad value exits 2 with a one-line message", async () => {
    const env = { env: { INTERCOM_TOKEN: TOKEN } }
    const [option, subcommand, value, limit, pasted] = await Promise.all([
      runCli(["companies", "export", "--bogus", "--token", TOKEN]),
      runCli(["companies", "exprot"]),
      runCli(["companies", "export", "--format", "xml"], env),
      runCli(["companies", "list", "--limit", "0"], env),
      // The token pasted twice lands as a positional argument: echoed back masked.
      runCli(["tags", "list", "--token", TOKEN, TOKEN])
    ])
    expect(option.code).toBe(2)
    expectOneLine(option.stderr, /^error: Unrecognized flag: --bogus .*\(see intercom-explorer companies export --help\)$/)
    expect(option.stdout).toBe("")
    expect(option.stderr).not.toContain(TOKEN)

    expect(subcommand.code).toBe(2)
    expectOneLine(subcommand.stderr, /^error: Unknown subcommand "exprot".*did you mean export\?/)

    expect(value.code).toBe(2)
    expectOneLine(value.stderr, /--format/)

    expect(limit.code).toBe(2)
    expectOneLine(limit.stderr, /--limit must be between 1 and 10000/)

    expect(pasted.code).toBe(2)
    expectOneLine(pasted.stderr, /^error: Unexpected positional argument: "\[redacted\]"/)
  })

  it("a missing subcommand prints the help and exits 2; --help exits 0", async () => {
    const [bare, help] = await Promise.all([runCli([]), runCli(["--help"])])
    expect(bare.code).toBe(2)
    expect(bare.stdout).toContain("SUBCOMMANDS")
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/Exit codes: 0 ok, 1 other failure, 2 usage error/)
  })

  it("a 404 exits 4", async () => {
    const result = await runCli(["tags", "list", "--base-url", `${sim.url}/nowhere`], { env: { INTERCOM_TOKEN: TOKEN } })
    expect(result.code).toBe(4)
    expectOneLine(result.stderr, /^error: not found \(404 not_found\): GET \/tags/)
  })

  it("a rate limit that outlasts the retries exits 5", async () => {
    // Short windows, so the client's waits for the reset (five of them) stay short.
    const limited = await startSimulator({ companies: 5, host: "127.0.0.1", rateWindowMs: 100, faults: "rate-limit-burst@p=1" })
    try {
      const result = await runCli(["tags", "list", "--base-url", limited.url], { env: { INTERCOM_TOKEN: limited.token } })
      expect(result.code, result.stderr).toBe(5)
      expectOneLine(result.stderr, /rate limit .*\(429\)/)
    } finally {
      await limited.close()
    }
  })

  it("an unreachable server exits 1 and says where it tried", async () => {
    const closed = await startSimulator({ companies: 0, host: "127.0.0.1" })
    const url = closed.url
    await closed.close()
    const result = await runCli(["tags", "list", "--base-url", url], { env: { INTERCOM_TOKEN: TOKEN } })
    expect(result.code).toBe(1)
    expectOneLine(result.stderr, new RegExp(`^error: cannot reach Intercom at ${url.replaceAll(".", "\\.")}`))
  })
})
