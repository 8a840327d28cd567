// Benchmark: peak memory and wall time of `companies export`, streaming (the real command) side by
// side with a baseline that collects every company in memory before writing (the hidden
// `--in-memory` flag: `Stream.runCollect`, then write). Each export runs the built command (the bin,
// bin/intercom-explorer.mjs, which adds --max-semi-space-size=8) as a child process against a
// simulator in another child process (`intercom-explorer simulator`), at two workspace sizes: a
// streaming export should stay flat as the workspace grows, the baseline grows with it. Peak RSS is
// the child's own `process.resourceUsage().maxRSS`, printed with the size of V8's young generation
// (INTERCOM_CLI_REPORT_RSS=1). "node defaults" runs the bundle without the launcher's flag.
// Reported, never asserted. `pnpm --filter @intercom-explorer/cli bench` (or `pnpm bench`).
import { type ChildProcess, spawn } from "node:child_process"
import { once } from "node:events"
import { mkdtemp, readFile, rm, stat } from "node:fs/promises"
import { tmpdir } from "node:os"
import path from "node:path"
import { performance } from "node:perf_hooks"

/** The command as users run it: the launcher adds --max-semi-space-size=8 (see README "Memory"). */
const bin = path.resolve(import.meta.dirname, "..", "bin", "intercom-explorer.mjs")
/** The same program without the launcher, so with Node's default young generation. */
const bundle = path.resolve(import.meta.dirname, "..", "dist", "intercom-explorer.mjs")
const LAUNCH_FLAGS = ["--max-semi-space-size=8"]
const SIZES = (process.env["BENCH_COMPANIES"] ?? "20000,100000").split(",").map(Number)
const FORMAT = process.env["BENCH_FORMAT"] ?? "ndjson"

interface Run {
  readonly mode: "stream" | "in-memory" | "stream, node defaults"
  readonly companies: number
  readonly wallMs: number
  readonly peakRssKb: number
  readonly newSpaceKb: number
  readonly bytes: number
  readonly lines: number
}

const mb = (kb: number): string => `${(kb / 1024).toFixed(0)} MB`
const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`

const startSimulator = async (companies: number): Promise<{ url: string; child: ChildProcess }> => {
  // No rate limit: this measures the export, not Intercom's pacing.
  const child = spawn(process.execPath, [
    bin,
    "simulator",
    "--port",
    "0",
    "--companies",
    String(companies),
    "--rate-limit",
    "1000000"
  ], { stdio: ["ignore", "pipe", "inherit"] })
  let out = ""
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
      out += chunk
      const match = /listening on (\S+)/.exec(out)
      if (match !== null) resolve(match[1]!)
    })
    child.once("exit", (code) => reject(new Error(`simulator exited ${code}`)))
  })
  return { url, child }
}

const stopSimulator = async (child: ChildProcess): Promise<void> => {
  child.kill("SIGINT")
  if (child.exitCode === null) await once(child, "exit")
}

const runCli = async (
  args: ReadonlyArray<string>,
  program: string = bin
): Promise<{ code: number | null; stderr: string; wallMs: number }> => {
  const t0 = performance.now()
  const child = spawn(process.execPath, [program, ...args], {
    stdio: ["ignore", "ignore", "pipe"],
    env: { ...process.env, INTERCOM_CLI_REPORT_RSS: "1", INTERCOM_TOKEN: "sim-token" }
  })
  let stderr = ""
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk))
  const [code] = (await once(child, "exit")) as [number | null]
  return { code, stderr, wallMs: performance.now() - t0 }
}

const peakOf = (stderr: string): number => Number(/peak-rss-kb=(\d+)/.exec(stderr)?.[1] ?? Number.NaN)
const newSpaceOf = (stderr: string): number => Number(/new-space-kb=(\d+)/.exec(stderr)?.[1] ?? Number.NaN)

const exportOnce = async (url: string, companies: number, mode: Run["mode"], dir: string): Promise<Run> => {
  const out = path.join(dir, `export-${companies}.${FORMAT}`)
  const args = ["companies", "export", "--quiet", "--format", FORMAT, "--out", out, "--base-url", url]
  const result = mode === "in-memory"
    ? await runCli([...args, "--in-memory"])
    : await runCli(args, mode === "stream" ? bin : bundle)
  if (result.code !== 0) throw new Error(`export (${mode}) exited ${result.code}: ${result.stderr}`)
  const text = await readFile(out, "utf8")
  const lines = text.split("\n").filter((line) => line !== "").length - (FORMAT === "csv" ? 1 : 0)
  const bytes = (await stat(out)).size
  await rm(out)
  return {
    mode,
    companies,
    wallMs: result.wallMs,
    peakRssKb: peakOf(result.stderr),
    newSpaceKb: newSpaceOf(result.stderr),
    bytes,
    lines
  }
}

const main = async (): Promise<void> => {
  console.log(`cli export bench: node ${process.version}, ${FORMAT}, workspaces of ${SIZES.map((n) => n.toLocaleString("en")).join(" and ")} companies`)
  const dir = await mkdtemp(path.join(tmpdir(), "cli-bench-"))
  const runs: Array<Run> = []
  try {
    for (const companies of SIZES) {
      const sim = await startSimulator(companies)
      try {
        // The floor: the same process doing almost nothing (one small request).
        const idle = await runCli(["tags", "list", "--base-url", sim.url])
        if (companies === SIZES[0]) console.log(`  idle cli (tags list): peak RSS ${mb(peakOf(idle.stderr))}`)
        const modes: Array<Run["mode"]> = companies === SIZES.at(-1)
          ? ["stream", "in-memory", "stream, node defaults"]
          : ["stream", "in-memory"]
        for (const mode of modes) {
          const run = await exportOnce(sim.url, companies, mode, dir)
          if (run.lines !== companies) throw new Error(`${mode}: ${run.lines} rows, expected ${companies}`)
          runs.push(run)
        }
      } finally {
        await stopSimulator(sim.child)
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }

  console.log("")
  console.log(
    `  companies   mode                    wall   peak RSS  young gen   output   (node ${LAUNCH_FLAGS.join(" ")} unless "node defaults")`
  )
  for (const run of runs) {
    console.log(
      `  ${run.companies.toLocaleString("en").padStart(9)}   ${run.mode.padEnd(21)}  ${secs(run.wallMs).padStart(7)}  ${
        mb(run.peakRssKb).padStart(9)
      }  ${mb(run.newSpaceKb).padStart(9)}   ${(run.bytes / 1048576).toFixed(0)} MB`
    )
  }
  const find = (companies: number, mode: Run["mode"]) => runs.find((r) => r.companies === companies && r.mode === mode)!
  const small = SIZES[0]!
  const large = SIZES.at(-1)!
  const stream = find(large, "stream")
  const memory = find(large, "in-memory")
  console.log("")
  console.log(
    `  at ${large.toLocaleString("en")} companies: in-memory / streaming peak RSS = ${(memory.peakRssKb / stream.peakRssKb).toFixed(2)}x, ` +
      `wall ${(memory.wallMs / stream.wallMs).toFixed(2)}x`
  )
  if (small !== large) {
    const growth = (mode: "stream" | "in-memory") =>
      ((find(large, mode).peakRssKb - find(small, mode).peakRssKb) / 1024 / ((large - small) / 10_000)).toFixed(1)
    console.log(
      `  peak RSS growth per 10,000 more companies: streaming ${growth("stream")} MB, in-memory ${growth("in-memory")} MB`
    )
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
