import { type Simulator, startSimulator } from "@intercom-explorer/simulator"
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { binJs, linesOf, runCli } from "./support/runCli.js"
import { hasScript, runOnTerminal } from "./support/terminal.js"

// Where the token comes from: INTERCOM_TOKEN, --token-file, a hidden prompt on a terminal, or
// --token (with a warning). Whatever the source, the token is never printed.

const TOKEN = "tok_Sources_Qm7VxN2p"
let sim: Simulator
let dir: string
let requests = 0

beforeAll(async () => {
  sim = await startSimulator({ companies: 12, host: "127.0.0.1", token: TOKEN, log: () => requests++ })
  dir = await mkdtemp(path.join(tmpdir(), "cli-token-"))
})

afterAll(async () => {
  await sim?.close()
  if (dir !== undefined) await rm(dir, { recursive: true, force: true })
})

const tagsList = (...extra: Array<string>) => ["tags", "list", "--json", "--base-url", sim.url, ...extra]

const tokenFile = async (name: string, content: string | Uint8Array): Promise<string> => {
  const file = path.join(dir, name)
  await writeFile(file, content)
  return file
}

const expectOnlyError = (stderr: string, message: string) => expect(linesOf(stderr)).toEqual([`error: ${message}`])

describe("token sources", () => {
  it("INTERCOM_TOKEN: no warning", async () => {
    const result = await runCli(tagsList(), { env: { INTERCOM_TOKEN: TOKEN } })
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toBe("")
    expect(JSON.parse(result.stdout)).toHaveLength(sim.state.tags().length)
  })

  it("--token-file: the file's line without its newline (LF, CRLF, surrounding blanks), no warning", async () => {
    for (const [name, content] of [["lf", `${TOKEN}\n`], ["crlf", `${TOKEN}\r\n`], ["bare", TOKEN], ["blank", `\n  ${TOKEN}  \n\n`]]) {
      const file = await tokenFile(`token-${name}`, content!)
      const result = await runCli(tagsList("--token-file", file))
      expect(result.code, `${name}: ${result.stderr}`).toBe(0)
      expect(result.stderr).toBe("")
    }
  })

  it("--token-file wins over INTERCOM_TOKEN; a wrong token in it is a 401 that names no token", async () => {
    const wrong = await tokenFile("wrong", "tok_FromFile_Wrong77\n")
    const result = await runCli(tagsList("--token-file", wrong), { env: { INTERCOM_TOKEN: TOKEN } })
    expect(result.code).toBe(3)
    expect(result.stdout + result.stderr).not.toContain("tok_FromFile_Wrong77")
  })

  it("--token-file problems are usage errors (exit 2) that never quote the file's content", async () => {
    const before = requests
    const missing = path.join(dir, "nope.txt")
    const empty = await tokenFile("empty", "\n")
    const twoLines = await tokenFile("two-lines", `${TOKEN}\nsecond_line_Secret\n`)
    const huge = await tokenFile("huge", "x".repeat(10_000))
    const folder = path.join(dir, "a-folder")
    await mkdir(folder)
    const cases: Array<readonly [string, string]> = [
      [missing, `--token-file ${missing}: no such file`],
      [empty, `--token-file ${empty}: the file is empty; it must hold the access token`],
      [twoLines, `--token-file ${twoLines}: more than one word or line; it must hold the access token alone`],
      [huge, `--token-file ${huge}: 10000 bytes, too long for an access token; is it the right file?`],
      [folder, `--token-file ${folder}: cannot read it (read: a directory)`]
    ]
    for (const [file, message] of cases) {
      const result = await runCli(tagsList("--token-file", file))
      expect(result.code, result.stderr).toBe(2)
      expect(result.stdout).toBe("")
      expectOnlyError(result.stderr, message)
      expect(result.stderr).not.toContain(TOKEN)
      expect(result.stderr).not.toContain("second_line_Secret")
    }
    expect(requests).toBe(before)
  })

  it("an unreadable --token-file says so", async () => {
    const locked = await tokenFile("locked", `${TOKEN}\n`)
    await chmod(locked, 0o000)
    // Root reads any file: as root, the CLI runs as `nobody` (65534), for whom the mode applies.
    const asRoot = process.getuid?.() === 0
    if (asRoot) await chmod(dir, 0o755)
    const result = await runCli(tagsList("--token-file", locked), asRoot ? { uid: 65534 } : {})
    expect(result.code).toBe(2)
    expectOnlyError(result.stderr, `--token-file ${locked}: permission denied, cannot read it`)
  })

  it("--token works but warns, in one line on stderr, that shells and process lists keep it", async () => {
    const result = await runCli(tagsList("--token", TOKEN))
    expect(result.code, result.stderr).toBe(0)
    expect(linesOf(result.stderr)).toEqual([
      "warning: --token leaves the access token in your shell history and in process lists (ps); prefer " +
      "INTERCOM_TOKEN, --token-file FILE or the prompt"
    ])
    expect(result.stdout + result.stderr).not.toContain(TOKEN)
  })

  it("--token and --token-file together are refused", async () => {
    const file = await tokenFile("both", TOKEN)
    const result = await runCli(tagsList("--token", TOKEN, "--token-file", file))
    expect(result.code).toBe(2)
    expectOnlyError(result.stderr, "give the access token one way: --token or --token-file, not both")
  })

  it("no source and stdin not a terminal: exit 2 naming the ways to give one, nothing sent", async () => {
    const before = requests
    const result = await runCli(tagsList(), { input: "" })
    expect(result.code).toBe(2)
    expectOnlyError(
      result.stderr,
      "no access token: set INTERCOM_TOKEN, pass --token-file FILE, or run in a terminal to be prompted for it"
    )
    expect(requests).toBe(before)
  })
})

describe("the token prompt (stdin a terminal, no other source)", async () => {
  const terminal = await hasScript()
  const prompt = /Intercom access token \(input hidden\)/

  it.skipIf(!terminal)("asks on stderr, does not echo what is typed, and keeps stdout for the output", async () => {
    const out = path.join(dir, "prompted.json")
    const result = await runOnTerminal(
      `"${process.execPath}" "${binJs}" ${tagsList().join(" ")} > "${out}"`,
      `${TOKEN}\r`,
      prompt
    )
    expect(result.code, result.screen).toBe(0)
    expect(result.screen).toMatch(prompt)
    expect(result.screen).not.toContain(TOKEN)
    const tags = JSON.parse(await readFile(out, "utf8")) as Array<unknown>
    expect(tags).toHaveLength(sim.state.tags().length)
  })

  it.skipIf(!terminal)("a wrong token typed at the prompt is a 401 that does not show it", async () => {
    const result = await runOnTerminal(`"${process.execPath}" "${binJs}" ${tagsList().join(" ")}`, "tok_Typed_Wrong_55\r", prompt)
    expect(result.code).toBe(3)
    expect(result.screen).toMatch(/error: Intercom rejected the access token \(401\)/)
    expect(result.screen).not.toContain("tok_Typed_Wrong_55")
  })

  it.skipIf(!terminal)("Ctrl-C at the prompt cancels: exit 130, nothing sent", async () => {
    const before = requests
    const result = await runOnTerminal(`"${process.execPath}" "${binJs}" ${tagsList().join(" ")}`, "\u0003", prompt)
    expect(result.code).toBe(130)
    expect(result.screen).toMatch(/error: cancelled: no access token given/)
    expect(requests).toBe(before)
  })
})
