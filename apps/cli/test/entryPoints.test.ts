import { type Simulator, startSimulator } from "@intercom-explorer/simulator"
import { existsSync } from "node:fs"
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { binJs, cliDir, type CliResult, repoRoot, run, type RunOptions } from "./support/runCli.js"

// No entry point prints a token, and `--out -` is exactly the export, through every way the command
// is started: the bin run by node, the bin installed with `npm i -g` from the packed tarball, the
// root `pnpm cli` script, and the root `./run cli`. Each runs a success, a refused token (401), an
// unreachable server, a bad flag and --help, with recognisable tokens, and all output is searched.

const TOKEN = "tok_EntryPoint_Zx81Qw"
const WRONG = "tok_WrongOne_Pv42Ls"
const onWindows = process.platform === "win32"

let sim: Simulator
let closedUrl: string
let dir: string
/** The export of the simulator's companies written with `--out FILE`: what `--out -` must equal. */
let reference: string

/** A command that starts the CLI: the program and the arguments before the CLI's own. */
interface EntryPoint {
  readonly name: string
  readonly command: () => readonly [string, ReadonlyArray<string>]
  readonly cwd?: string
}

/** pnpm as the test was started with it (`pnpm test` sets npm_execpath), else the one on PATH. */
const pnpm = (): readonly [string, ReadonlyArray<string>] => {
  const execpath = process.env["npm_execpath"]
  return execpath !== undefined && /pnpm/.test(path.basename(execpath))
    ? /\.c?js$/.test(execpath) ? [process.execPath, [execpath]] : [execpath, []]
    : ["pnpm", []]
}

const runVia = (entry: EntryPoint, args: ReadonlyArray<string>, options: RunOptions = {}): Promise<CliResult> => {
  const [command, prefix] = entry.command()
  return run(command, [...prefix, ...args], { cwd: entry.cwd ?? cliDir, ...options })
}

const expectNoToken = (result: CliResult, ...tokens: Array<string>) => {
  for (const token of tokens) {
    expect(result.stdout, "stdout").not.toContain(token)
    expect(result.stderr, "stderr").not.toContain(token)
  }
}

beforeAll(async () => {
  sim = await startSimulator({ companies: 300, host: "127.0.0.1", seed: 5, token: TOKEN, rateLimit: 100_000 })
  const closed = await startSimulator({ companies: 0, host: "127.0.0.1" })
  closedUrl = closed.url
  await closed.close()
  dir = await mkdtemp(path.join(tmpdir(), "cli-entry-"))
  const file = path.join(dir, "reference.ndjson")
  const written = await run(process.execPath, [binJs, "companies", "export", "--quiet", "--format", "ndjson", "--out", file, "--base-url", sim.url], {
    env: { INTERCOM_TOKEN: TOKEN }
  })
  expect(written.code, written.stderr).toBe(0)
  reference = await readFile(file, "utf8")
  expect(reference.split("\n").length).toBe(301)
})

afterAll(async () => {
  await sim?.close()
  if (dir !== undefined) await rm(dir, { recursive: true, force: true })
})

/** The five runs, with the token given by `--token` (the riskiest way: it is in argv). */
const checkEntryPoint = (entry: EntryPoint) => {
  it(`${entry.name}: an export to --out - is byte for byte the --out FILE export, and no token shows`, async () => {
    const result = await runVia(entry, ["companies", "export", "--format", "ndjson", "--out", "-", "--base-url", sim.url, "--token", TOKEN])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout === reference, "stdout is exactly the export").toBe(true)
    expect(result.stderr).toMatch(/exported 300 companies as ndjson/)
    expectNoToken(result, TOKEN)
  })

  it(`${entry.name}: a refused token (401), an unreachable server, a bad flag, --help: no token shows`, async () => {
    const refused = await runVia(entry, ["companies", "export", "--out", "-", "--base-url", sim.url, "--token", WRONG])
    expect(refused.code).toBe(3)
    expect(refused.stdout).toBe("")
    expectNoToken(refused, WRONG, TOKEN)

    const unreachable = await runVia(entry, ["tags", "list", "--base-url", closedUrl, "--token", TOKEN])
    expect(unreachable.code).toBe(1)
    expect(unreachable.stderr).toMatch(/cannot reach Intercom/)
    expectNoToken(unreachable, TOKEN)

    const badFlag = await runVia(entry, ["companies", "export", "--bogus", "--token", TOKEN, TOKEN])
    expect(badFlag.code).toBe(2)
    expectNoToken(badFlag, TOKEN)

    const help = await runVia(entry, ["--help", "--token", TOKEN], { env: { INTERCOM_TOKEN: TOKEN } })
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/--token-file/)
    expectNoToken(help, TOKEN)

    const fromEnv = await runVia(entry, ["tags", "list", "--base-url", sim.url], { env: { INTERCOM_TOKEN: WRONG } })
    expect(fromEnv.code).toBe(3)
    expectNoToken(fromEnv, WRONG)
  })
}

describe("entry point: node bin/intercom-explorer.mjs", () => {
  checkEntryPoint({ name: "bin", command: () => [process.execPath, [binJs]] })
})

describe.skipIf(onWindows)("entry point: intercom-explorer installed with npm i -g from the packed tarball", () => {
  let prefix: string
  let installed: string

  beforeAll(async () => {
    const packed = path.join(dir, "packed")
    const [command, args] = pnpm()
    const pack = await run(command, [...args, "pack", "--pack-destination", packed], { cwd: cliDir })
    expect(pack.code, pack.stderr + pack.stdout).toBe(0)
    const tarball = path.join(packed, (await readdir(packed)).find((name) => name.endsWith(".tgz"))!)
    prefix = path.join(dir, "prefix")
    // Offline, with a registry that does not answer: the tarball must need nothing from one.
    const install = await run(
      "npm",
      ["install", "--global", "--prefix", prefix, tarball, "--offline", "--registry", "http://127.0.0.1:9/", "--no-audit", "--no-fund"],
      { cwd: dir }
    )
    expect(install.code, install.stderr + install.stdout).toBe(0)
    installed = path.join(prefix, "bin", "intercom-explorer")
  }, 120_000)

  it("installs one self-contained package: no dependencies, nothing else installed", async () => {
    const packageDir = path.join(prefix, "lib", "node_modules", "@intercom-explorer", "cli")
    const manifest = JSON.parse(await readFile(path.join(packageDir, "package.json"), "utf8")) as Record<string, unknown>
    expect(manifest["dependencies"]).toBeUndefined()
    expect(manifest["bin"]).toEqual({ "intercom-explorer": "./bin/intercom-explorer.mjs" })
    expect(existsSync(path.join(packageDir, "node_modules"))).toBe(false)
    expect((await readdir(path.join(prefix, "lib", "node_modules"))).sort()).toEqual(["@intercom-explorer"])
  })

  // Run as a shell runs it: the bin on PATH, its `#!/usr/bin/env node` finding this node first.
  const pathWithNode = () => `${path.join(prefix, "bin")}${path.delimiter}${path.dirname(process.execPath)}${path.delimiter}${process.env["PATH"]}`
  it("runs `intercom-explorer --help` from PATH", async () => {
    const result = await run("intercom-explorer", ["--help"], { cwd: dir, env: { PATH: pathWithNode() } })
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toMatch(/^USAGE\n  intercom-explorer <subcommand>/m)
  })

  checkEntryPoint({
    name: "installed bin",
    command: () => [installed, []],
    get cwd() {
      return dir
    }
  })
})

describe.skipIf(onWindows)("entry point: root `pnpm cli`", () => {
  // `pnpm -s`: pnpm prints no `> script args` banner (it would echo a --token given on the line).
  checkEntryPoint({ name: "pnpm -s cli", command: () => [pnpm()[0], [...pnpm()[1], "-s", "cli"]], cwd: repoRoot })

  it("plain `pnpm cli` with the token from INTERCOM_TOKEN or --token-file: no token shows, the export ends stdout", async () => {
    const [command, args] = pnpm()
    const tokenFile = path.join(dir, "token.txt")
    await writeFile(tokenFile, `${TOKEN}\n`)
    const exportArgs = ["companies", "export", "--format", "ndjson", "--out", "-", "--base-url", sim.url]
    for (
      const [how, extra, env] of [
        ["INTERCOM_TOKEN", [], { INTERCOM_TOKEN: TOKEN }],
        ["--token-file", ["--token-file", tokenFile], {}]
      ] as const
    ) {
      const result = await run(command, [...args, "cli", ...exportArgs, ...extra], { cwd: repoRoot, env })
      expect(result.code, `${how}: ${result.stderr}`).toBe(0)
      // Whatever banner pnpm prints comes before the export, which is whole and last.
      expect(result.stdout.endsWith(reference), `${how}: stdout ends with the export`).toBe(true)
      expectNoToken(result, TOKEN)
    }
  })
})

describe.skipIf(onWindows)("entry point: ./run cli", () => {
  checkEntryPoint({ name: "./run cli", command: () => [path.join(repoRoot, "run"), ["cli"]], cwd: repoRoot })
})
