import { type Simulator, startSimulator, startSpoilingRelay } from "@intercom-explorer/simulator"
import { readdir, readFile, mkdtemp, rm, stat } from "node:fs/promises"
import { tmpdir } from "node:os"
import path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type CliResult, linesOf, runCli, startCli, waitFor } from "./support/runCli.js"

// `companies sync` end to end: the built CLI in a child process against simulators on 127.0.0.1,
// then `companies query` on what it stored. A recognisable token is searched for in every output.

const TOKEN = "tok_sync_test_5ecret_value"
const COMPANIES = 300
let sim: Simulator
let dir: string

const withToken = { INTERCOM_TOKEN: TOKEN }
const outputs: Array<CliResult> = []

/** Runs the CLI and keeps its output for the token check at the end. */
const cli = async (args: ReadonlyArray<string>, env: Record<string, string> = {}) => {
  const result = await runCli(args, { env })
  outputs.push(result)
  return result
}

/** A first sync's summary: every company is new. */
const summaryPattern = (companies: number, file: string, changed = companies) =>
  new RegExp(
    `^synced ${companies.toLocaleString("en-US")} companies, \\d+ tags, \\d+ segments, 0 odd companies ` +
      `\\(\\d+ pages, 0 restarts, ${changed.toLocaleString("en-US")} new or changed\\) in \\d+(\\.\\d)? m?s to ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`
  )

beforeAll(async () => {
  sim = await startSimulator({ companies: COMPANIES, host: "127.0.0.1", seed: 5, token: TOKEN, rateLimit: 10_000, appId: "appone" })
  dir = await mkdtemp(path.join(tmpdir(), "cli-sync-"))
})

afterAll(async () => {
  await sim?.close()
  if (dir !== undefined) await rm(dir, { recursive: true, force: true })
})

describe("companies sync", () => {
  it("stores the workspace in the per-user data folder, one file per workspace; query finds it with no token", async () => {
    const xdg = path.join(dir, "xdg")
    const env = { XDG_DATA_HOME: xdg }
    const result = await cli(["companies", "sync", "--base-url", sim.url], { ...env, ...withToken })
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toBe("")

    const replicas = path.join(xdg, "intercom-explorer", "replicas")
    const files = (await readdir(replicas)).filter((name) => name.endsWith(".sqlite"))
    expect(files).toHaveLength(1)
    expect(files[0]).toMatch(new RegExp(`^127\\.0\\.0\\.1-${sim.port}-appone-[0-9a-f]{12}\\.sqlite$`))
    const file = path.join(replicas, files[0]!)
    expect(linesOf(result.stderr).at(-1)).toMatch(summaryPattern(COMPANIES, file))
    expect((await stat(file)).mode & 0o777).toBe(0o600)

    // The same API root (a trailing slash is the same server), no token: the same file.
    const count = await cli(["companies", "query", "--count", "--base-url", `${sim.url}/`], env)
    expect(count.code, count.stderr).toBe(0)
    expect(count.stdout).toBe(`${COMPANIES}\n`)

    // Another server has no replica there yet.
    const other = await cli(["companies", "query", "--count", "--region", "eu"], env)
    expect(other.code).toBe(2)
    expect(other.stderr).toBe(
      `error: no replica of https://api.eu.intercom.io in ${replicas} yet: run \`companies sync\` first ` +
        "(with the same --base-url/--region), or point --db or $INTERCOM_EXPLORER_DB at a replica file\n"
    )
  })

  it("a second workspace on the same server gets its own file; query then asks which one", async () => {
    const env = { XDG_DATA_HOME: path.join(dir, "xdg-two") }
    // One base URL (a relay), two apps behind it in turn: the same API root, two app ids.
    const second = await startSimulator({ companies: 20, host: "127.0.0.1", seed: 6, token: TOKEN, appId: "apptwo" })
    let upstream = sim.url
    const relay = await startSpoilingRelay(() => upstream)
    try {
      const first = await cli(["companies", "sync", "--base-url", relay.url], { ...env, ...withToken })
      expect(first.code, first.stderr).toBe(0)
      expect(first.stderr).toContain("-appone-")
      upstream = second.url
      const other = await cli(["companies", "sync", "--base-url", relay.url], { ...env, ...withToken })
      expect(other.code, other.stderr).toBe(0)
      expect(other.stderr).toMatch(/^synced 20 companies, .* to .*-apptwo-[0-9a-f]{12}\.sqlite$/m)
    } finally {
      await relay.close()
      await second.close()
    }
    const ambiguous = await cli(["companies", "query", "--count", "--base-url", relay.url], env)
    expect(ambiguous.code).toBe(2)
    expect(ambiguous.stderr).toMatch(
      /^error: 2 workspaces of http:\/\/127\.0\.0\.1:\d+ are synced \(app ids appone, apptwo\): choose one with --db FILE/
    )
  })

  it("INTERCOM_EXPLORER_DB and --db name the file (no app id lookup needed)", async () => {
    const viaEnv = path.join(dir, "env.sqlite")
    const byEnv = await cli(["companies", "sync", "--base-url", sim.url, "--quiet"], { ...withToken, INTERCOM_EXPLORER_DB: viaEnv })
    expect(byEnv.code, byEnv.stderr).toBe(0)
    expect(byEnv.stderr).toBe("") // --quiet
    expect((await stat(viaEnv)).isFile()).toBe(true)

    const viaFlag = path.join(dir, "flag.sqlite")
    const byFlag = await cli(["companies", "sync", "--db", viaFlag, "--base-url", sim.url], { ...withToken, INTERCOM_EXPLORER_DB: viaEnv })
    expect(byFlag.code, byFlag.stderr).toBe(0)
    expect(linesOf(byFlag.stderr).at(-1)).toMatch(summaryPattern(COMPANIES, viaFlag))
    const count = await cli(["companies", "query", "--count", "--db", viaFlag])
    expect(count.stdout).toBe(`${COMPANIES}\n`)
  })

  it("a replica of another workspace is refused (exit 2) and left as it was", async () => {
    const file = path.join(dir, "mine.sqlite")
    expect((await cli(["companies", "sync", "--db", file, "--base-url", sim.url], withToken)).code).toBe(0)
    const other = await startSimulator({ companies: 10, host: "127.0.0.1", seed: 9, token: TOKEN, appId: "someoneelse" })
    try {
      const result = await cli(["companies", "sync", "--db", file, "--base-url", other.url], withToken)
      expect(result.code).toBe(2)
      expect(result.stdout).toBe("")
      // Both app ids named (which one the replica reads as "expected" is its own wording).
      expect(result.stderr).toMatch(new RegExp(`^error: the replica ${file} holds workspace (appone, not someoneelse|someoneelse, not appone)\n$`))
    } finally {
      await other.close()
    }
    expect((await cli(["companies", "query", "--count", "--db", file])).stdout).toBe(`${COMPANIES}\n`)
  })

  it("a refused token exits 3 before anything is stored", async () => {
    const file = path.join(dir, "refused.sqlite")
    const result = await cli(["companies", "sync", "--db", file, "--base-url", sim.url], { INTERCOM_TOKEN: "tok_wrong_value_1234" })
    expect(result.code).toBe(3)
    expect(result.stderr).toContain("error: Intercom rejected the access token (401)")
  })

  it("no token: exit 2 (query needs none, sync does)", async () => {
    const result = await cli(["companies", "sync", "--db", path.join(dir, "none.sqlite"), "--base-url", sim.url])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("no access token")
  })

  it("lists each odd company (its id and field) on stderr, stores it as sent, and succeeds", async () => {
    let spoiled: string | undefined
    const proxy = await startSpoilingRelay(() => sim.url, (companies) => {
      spoiled = companies[0]!.id as string
      companies[0]!.size = "very big"
    })
    try {
      const file = path.join(dir, "odd.sqlite")
      const result = await cli(["companies", "sync", "--db", file, "--base-url", proxy.url], withToken)
      expect(result.code, result.stderr).toBe(0)
      expect(result.stdout).toBe("")
      const lines = linesOf(result.stderr)
      expect(lines.filter((line) => line.startsWith("odd company "))).toEqual([
        expect.stringMatching(new RegExp(`^odd company ${spoiled}: .*\\["size"\\]`))
      ])
      expect(lines.at(-1)).toMatch(/^synced 300 companies, \d+ tags, \d+ segments, 1 odd company \(/)
      const stored = await cli(["companies", "query", `cid:${sim.state.companies.get(spoiled!)!.company_id}`, "--format", "ndjson", "--db", file])
      expect(JSON.parse(stored.stdout)).toMatchObject({ id: spoiled, size: "very big" })
    } finally {
      await proxy.close()
    }
  })

  it("progress goes to stderr; one sync at a time; Ctrl-C stops it (exit 130) and the previous replica stays", async () => {
    const file = path.join(dir, "interrupted.sqlite")
    expect((await cli(["companies", "sync", "--db", file, "--base-url", sim.url], withToken)).code).toBe(0)
    // A company the interrupted sync would have brought.
    const created = await fetch(`${sim.url}/companies`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json", "intercom-version": "2.11" },
      body: JSON.stringify({ company_id: "sync-test-new", name: "Arrived Later" })
    })
    expect(created.status).toBe(200)
    // Slow scroll pages (4 of them, 2.5 s each), so the sync still runs after its first progress line
    // (every 2 s off a terminal) and while a second sync is tried.
    const slow = sim.faults.inject("latency@p=1&delay=2500&path=/companies/scroll")
    try {
      const running = startCli(["companies", "sync", "--db", file, "--base-url", sim.url], { env: withToken })
      await waitFor(() => /^syncing: \d+ companies stored, \d+ pages, 0 restarts, \d+\/s$/m.test(running.stderr()), "a progress line")
      // One sync per workspace: a second one meanwhile is refused (exit 5), the running one goes on.
      const second = await cli(["companies", "sync", "--db", file, "--base-url", sim.url], withToken)
      expect(second.code).toBe(5)
      expect(second.stderr).toMatch(/^error: another sync of this workspace is running \(.+\); wait for it to finish\n$/)
      running.kill("SIGINT")
      const result = await running.done
      outputs.push(result)
      expect(result.code).toBe(130)
      expect(result.stdout).toBe("")
      expect(result.stderr).toContain(`sync interrupted: the replica ${file} is as it was before`)
    } finally {
      sim.faults.remove(slow)
    }
    expect((await cli(["companies", "query", "--count", "--db", file])).stdout).toBe(`${COMPANIES}\n`)
    expect((await cli(["companies", "query", "name:\"Arrived Later\"", "--count", "--db", file])).stdout).toBe("0\n")
  })

  it("never prints the token, nor stores it in the replica", async () => {
    expect(outputs.length).toBeGreaterThan(10)
    for (const result of outputs) {
      expect(result.stdout).not.toContain(TOKEN)
      expect(result.stderr).not.toContain(TOKEN)
    }
    const files = (await readdir(dir, { recursive: true })).filter((name) => name.endsWith(".sqlite"))
    expect(files.length).toBeGreaterThan(3)
    for (const name of files) expect((await readFile(path.join(dir, name))).includes(TOKEN)).toBe(false)
  })
})
