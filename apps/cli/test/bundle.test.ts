import { type Simulator, startSimulator } from "@intercom-explorer/simulator"
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { bundleJs, run, runCli } from "./support/runCli.js"

// The bundle loads `node:sqlite` only when a replica command runs: Node 22 prints an
// ExperimentalWarning whenever it is loaded, and Node 22.12 has it only behind a flag, so
// `export`, the lists and `--version` must not load it (esbuild.mjs's lazy-node-sqlite).

let sim: Simulator
let dir: string

beforeAll(async () => {
  sim = await startSimulator({ companies: 30, host: "127.0.0.1", seed: 2 })
  dir = await mkdtemp(path.join(tmpdir(), "cli-bundle-"))
})

afterAll(async () => {
  await sim?.close()
  if (dir !== undefined) await rm(dir, { recursive: true, force: true })
})

/** Runs the bundle with `args` and reports on stderr whether Node loaded its sqlite module. */
const loadsSqlite = async (args: ReadonlyArray<string>, env: Record<string, string> = {}) => {
  const script = `process.argv.splice(1, Infinity, ${JSON.stringify(bundleJs)}, ...${JSON.stringify(args)});` +
    `process.on("exit", () => process.stderr.write("sqlite-loaded=" + process.moduleLoadList.some((m) => m.endsWith(" sqlite")) + "\\n"));` +
    `await import(${JSON.stringify(`file://${bundleJs}`)})`
  const result = await run(process.execPath, ["--input-type=module", "-e", script], { env })
  return { ...result, loaded: /sqlite-loaded=(true|false)/.exec(result.stderr)?.[1] }
}

describe("the bundle", () => {
  it("does not load node:sqlite for commands that need no replica", async () => {
    expect((await loadsSqlite(["--version"])).loaded).toBe("false")
    const tags = await loadsSqlite(["tags", "list", "--base-url", sim.url], { INTERCOM_TOKEN: sim.token })
    expect(tags.code, tags.stderr).toBe(0)
    expect(tags.loaded).toBe("false")
  })

  it("loads it when a replica command runs", async () => {
    const db = path.join(dir, "r.sqlite")
    const sync = await runCli(["companies", "sync", "--db", db, "--base-url", sim.url, "--quiet"], { env: { INTERCOM_TOKEN: sim.token } })
    expect(sync.code, sync.stderr).toBe(0)
    const query = await loadsSqlite(["companies", "query", "--count", "--db", db])
    expect(query.code, query.stderr).toBe(0)
    expect(query.stdout).toBe("30\n")
    expect(query.loaded).toBe("true")
  })
})
