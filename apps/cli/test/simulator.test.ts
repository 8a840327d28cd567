import { spawn } from "node:child_process"
import { once } from "node:events"
import { describe, expect, it } from "vitest"
import { binJs, cliDir } from "./support/runCli.js"

// `simulator` starts the simulator, prints "listening on http://HOST:PORT" and stops on Ctrl-C.

describe("simulator command", () => {
  it("serves a workspace until SIGINT, then exits 0; a given token is accepted but not printed", async () => {
    const token = "sim_custom_T0ken"
    const child = spawn(process.execPath, [binJs, "simulator", "--port", "0", "--companies", "25", "--token", token], {
      cwd: cliDir,
      stdio: ["ignore", "pipe", "pipe"]
    })
    let stdout = ""
    let stderr = ""
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk))
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
        stdout += chunk
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout)
        if (match !== null) resolve(match[1]!)
      })
      child.on("exit", (code) => reject(new Error(`exited ${code}: ${stderr}`)))
    })
    try {
      const headers = { authorization: `Bearer ${token}`, accept: "application/json", "intercom-version": "2.11" }
      const me = await fetch(`${url}/companies/scroll`, { headers })
      expect(me.status).toBe(200)
      const page = (await me.json()) as { data: Array<unknown> }
      expect(page.data.length).toBeGreaterThan(0)
      expect((await fetch(`${url}/tags`, { headers: { ...headers, authorization: "Bearer nope" } })).status).toBe(401)
      expect(stderr).toContain("seeded 25 companies")
      expect(stdout + stderr).not.toContain(token)
    } finally {
      child.kill("SIGINT")
    }
    const [code] = await once(child, "exit")
    expect(code).toBe(0)
  })

  it("refuses a bad fault spec with exit 2", async () => {
    const child = spawn(process.execPath, [binJs, "simulator", "--faults", "nonsense"], { cwd: cliDir })
    let stderr = ""
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk))
    const [code] = await once(child, "exit")
    expect(code).toBe(2)
    expect(stderr).toMatch(/^error: unknown fault kind 'nonsense'/)
  })
})
