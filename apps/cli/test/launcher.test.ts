import { spawn } from "node:child_process"
import { once } from "node:events"
import { readFile } from "node:fs/promises"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type Simulator, startSimulator } from "@intercom-explorer/simulator"
import { binJs, bundleJs, cliDir, run } from "./support/runCli.js"

// bin/intercom-explorer.mjs: loads the bundle with V8's young generation capped
// (--max-semi-space-size=8), the flag the export's memory profile is measured with.

const onLinux = process.platform === "linux"
let sim: Simulator

beforeAll(async () => {
  sim = await startSimulator({ companies: 500, host: "127.0.0.1", rateLimit: 100_000 })
})

afterAll(async () => {
  await sim?.close()
})

/** Starts `node <program> simulator --port 0` and returns its command line once it listens. */
const commandLineOf = async (program: string, nodeFlags: ReadonlyArray<string> = [], env: Record<string, string> = {}) => {
  const child = spawn(process.execPath, [...nodeFlags, program, "simulator", "--port", "0", "--companies", "1"], {
    cwd: cliDir,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"]
  })
  try {
    await new Promise<void>((resolve, reject) => {
      let out = ""
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
        out += chunk
        if (out.includes("listening on")) resolve()
      })
      child.on("exit", (code) => reject(new Error(`exited ${code}`)))
    })
    // The same process id: the launcher replaced itself (execve), it did not start a child.
    return (await readFile(`/proc/${child.pid}/cmdline`, "utf8")).split("\0").filter((arg) => arg !== "")
  } finally {
    child.kill("SIGINT")
    if (child.exitCode === null) await once(child, "exit")
    // The simulator stops on SIGINT with exit 0, through the child-process path too.
    expect(child.exitCode).toBe(0)
  }
}

describe("the launcher", () => {
  it.skipIf(!onLinux)("re-executes itself, same pid, with --max-semi-space-size=8 before the script", async () => {
    const argv = await commandLineOf(binJs)
    expect(argv.slice(1)).toEqual(["--max-semi-space-size=8", binJs, "simulator", "--port", "0", "--companies", "1"])
  })

  it.skipIf(!onLinux)("where execve is missing: runs the command as a child with the flag, exits as it did", async () => {
    const spawned = { INTERCOM_CLI_RELAUNCH: "spawn" }
    const argv = await commandLineOf(binJs, [], spawned)
    // This process stays the launcher; the child with the flag does the work.
    expect(argv.slice(1)).toEqual([binJs, "simulator", "--port", "0", "--companies", "1"])
    const exported = await run(process.execPath, [binJs, "companies", "export", "--quiet", "--out", "-", "--base-url", sim.url], {
      env: { INTERCOM_TOKEN: sim.token, ...spawned }
    })
    const direct = await run(process.execPath, [binJs, "companies", "export", "--quiet", "--out", "-", "--base-url", sim.url], {
      env: { INTERCOM_TOKEN: sim.token }
    })
    expect(exported.code, exported.stderr).toBe(0)
    expect(exported.stdout === direct.stdout && direct.stdout.length > 0).toBe(true)
    const usage = await run(process.execPath, [binJs, "companies", "export", "--bogus"], { env: spawned })
    expect(usage.code).toBe(2)
    expect(usage.stderr).toMatch(/^error: Unrecognized flag: --bogus/)
  })

  it.skipIf(!onLinux)("keeps a --max-semi-space-size given to node, and other node flags", async () => {
    const argv = await commandLineOf(binJs, ["--max-semi-space-size=4", "--no-warnings"])
    expect(argv.slice(1, 3)).toEqual(["--max-semi-space-size=4", "--no-warnings"])
    expect(argv).not.toContain("--max-semi-space-size=8")
  })

  it("caps V8's young generation: the heap limit is the one of node --max-semi-space-size=8", async () => {
    const report = async (program: string) => {
      const result = await run(process.execPath, [program, "companies", "export", "--quiet", "--out", "-", "--base-url", sim.url], {
        env: { INTERCOM_TOKEN: sim.token, INTERCOM_CLI_REPORT_RSS: "1" }
      })
      expect(result.code, result.stderr).toBe(0)
      const field = (name: string) => Number(new RegExp(`${name}=(\\d+)`).exec(result.stderr)?.[1])
      return { newSpaceKb: field("new-space-kb"), heapLimitKb: field("heap-limit-kb") }
    }
    const limitOf = async (flags: ReadonlyArray<string>) => {
      const result = await run(process.execPath, [
        ...flags,
        "-e",
        "process.stdout.write(String(Math.round(require('node:v8').getHeapStatistics().heap_size_limit / 1024)))"
      ])
      return Number(result.stdout)
    }
    const launched = await report(binJs)
    const plain = await report(bundleJs)
    expect(launched.heapLimitKb).toBe(await limitOf(["--max-semi-space-size=8"]))
    expect(plain.heapLimitKb).toBe(await limitOf([]))
    // 3x the semi-space cap is reserved for the young generation: 8 MB a semi-space is the smaller.
    expect(launched.heapLimitKb).toBeLessThan(plain.heapLimitKb)
    expect(launched.newSpaceKb).toBeLessThanOrEqual(16 * 1024)
  })
})
