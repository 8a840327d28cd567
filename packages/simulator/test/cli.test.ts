import { spawn } from "node:child_process"
import path from "node:path"
import { describe, expect, it } from "vitest"
import { parseCliArgs } from "../src/CliArgs.js"

// The command line: argument parsing as a unit, and the real entry point in a child process
// (plain Node running the TypeScript sources through test/support/register-ts.mjs).

const packageDir = path.resolve(import.meta.dirname, "..")

describe("parseCliArgs", () => {
  it("maps flags to options", () => {
    expect(
      parseCliArgs([
        "--",
        "--port",
        "4010",
        "--companies=1000",
        "--token",
        "secret",
        "--host",
        "0.0.0.0",
        "--seed",
        "9",
        "--scroll-ttl",
        "90",
        "--rate-limit",
        "50",
        "--rate-window",
        "500ms",
        "--scroll-page-size",
        "25",
        "--faults",
        "scroll-expire@nth=3",
        "--faults=latency@delay=5",
        "--log"
      ])
    ).toEqual({
      help: false,
      log: true,
      options: {
        port: 4010,
        companies: 1000,
        token: "secret",
        host: "0.0.0.0",
        seed: 9,
        scrollTtlMs: 90_000,
        rateLimit: 50,
        rateWindowMs: 500,
        scrollPageSize: 25,
        faults: [
          { kind: "scroll-expire", nth: 3 },
          { kind: "latency", delayMs: 5 }
        ]
      }
    })
    expect(parseCliArgs(["--help"]).help).toBe(true)
  })

  it("refuses what it does not understand", () => {
    expect(() => parseCliArgs(["--port", "many"])).toThrow(/integer/)
    expect(() => parseCliArgs(["--what", "1"])).toThrow(/unknown option/)
    expect(() => parseCliArgs(["--port"])).toThrow(/needs a value/)
    expect(() => parseCliArgs(["--scroll-ttl", "soon"])).toThrow(/duration/)
    expect(() => parseCliArgs(["--faults", "boom"])).toThrow(/unknown fault kind/)
  })
})

describe("the command line", () => {
  it("prints exactly 'listening on <url>' when ready, serves, and exits 0 on SIGINT", async () => {
    const child = spawn(
      process.execPath,
      ["--import", "../../scripts/ts-child/register-ts.mjs", "src/main.ts", "--port", "0", "--companies", "25", "--token", "cli-secret"],
      { cwd: packageDir, stdio: ["ignore", "pipe", "pipe"] }
    )
    let stdout = ""
    let stderr = ""
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()))
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)))
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString()
        const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)\n$/.exec(stdout)
        if (match?.[1] !== undefined) resolve(match[1])
      })
      child.on("exit", () => reject(new Error(`exited early: ${stderr}`)))
    })
    try {
      const res = await fetch(`${url}/companies/scroll`, { headers: { Authorization: "Bearer cli-secret" } })
      expect(res.status).toBe(200)
      expect(((await res.json()) as { data: Array<unknown> }).data).toHaveLength(25)
      expect(stderr).toContain("seeded 25 companies")
      expect(stderr).not.toContain("cli-secret")
    } finally {
      child.kill("SIGINT")
    }
    expect(await exited).toBe(0)
    expect(stdout).toBe(`listening on ${url}\n`)
  })

  it("exits 2 with usage on bad arguments", async () => {
    const child = spawn(process.execPath, ["--import", "../../scripts/ts-child/register-ts.mjs", "src/main.ts", "--nope"], {
      cwd: packageDir,
      stdio: ["ignore", "pipe", "pipe"]
    })
    let stderr = ""
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()))
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve))
    expect(code).toBe(2)
    expect(stderr).toContain("Usage: intercom-simulator")
  })
})
