// Benchmark: `companies sync` against `companies export` of the same workspace (wall, peak RSS), and
// `companies query` over the replica: whether its output streams (peak RSS flat as the workspace
// grows, compared with `--count`, which holds nothing) and how long the whole replica takes in each
// format. Every command is the built bin (bin/intercom-explorer.mjs) in a child process; the
// simulator runs in another (`intercom-explorer simulator`, no rate limit). Peak RSS is the child's
// own `process.resourceUsage().maxRSS` (INTERCOM_CLI_REPORT_RSS=1). That includes the pages of the
// database file SQLite reads through mmap (file-backed, reclaimable), so the bench also samples the
// child's anonymous memory (RssAnon in /proc/PID/status, every 20 ms, Linux only): the JavaScript
// heap, SQLite's page cache, buffers; what grows if a command holds its results. Reported, never asserted.
//   node bench/query.bench.ts          (BENCH_COMPANIES=20000,100000 by default)
import { type ChildProcess, spawn } from "node:child_process"
import { once } from "node:events"
import { readFileSync } from "node:fs"
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import path from "node:path"
import { performance } from "node:perf_hooks"

const bin = path.resolve(import.meta.dirname, "..", "bin", "intercom-explorer.mjs")
const SIZES = (process.env["BENCH_COMPANIES"] ?? "20000,100000").split(",").map(Number)

interface Measured {
  readonly wallMs: number
  readonly peakRssKb: number
  /** Highest RssAnon sampled (NaN off Linux). */
  readonly peakAnonKb: number
  readonly bytes: number
}

interface Run extends Measured {
  readonly companies: number
  readonly what: string
}

/** The process's anonymous resident memory now, in KB (NaN when /proc is not there or it has exited). */
const rssAnonKb = (pid: number): number => {
  try {
    return Number(/RssAnon:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? Number.NaN)
  } catch {
    return Number.NaN
  }
}

const mb = (kb: number): string => `${(kb / 1024).toFixed(0)} MB`
const secs = (ms: number): string => `${(ms / 1000).toFixed(2)} s`

const startSimulator = async (companies: number): Promise<{ url: string; child: ChildProcess }> => {
  const child = spawn(process.execPath, [bin, "simulator", "--port", "0", "--companies", String(companies), "--rate-limit", "1000000"], {
    stdio: ["ignore", "pipe", "inherit"]
  })
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

/** Runs the bin; stdout is counted, not kept. */
const runCli = async (args: ReadonlyArray<string>, nodeOptions?: string): Promise<Measured> => {
  const t0 = performance.now()
  const child = spawn(process.execPath, [bin, ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      INTERCOM_CLI_REPORT_RSS: "1",
      INTERCOM_TOKEN: "sim-token",
      ...(nodeOptions === undefined ? {} : { NODE_OPTIONS: `${process.env["NODE_OPTIONS"] ?? ""} ${nodeOptions}`.trim() })
    }
  })
  let bytes = 0
  let stderr = ""
  child.stdout!.on("data", (chunk: Buffer) => (bytes += chunk.length))
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk))
  let peakAnonKb = Number.NaN
  const sampler = setInterval(() => {
    const now = rssAnonKb(child.pid!)
    if (!Number.isNaN(now) && !(now <= peakAnonKb)) peakAnonKb = now
  }, 20)
  const [code] = (await once(child, "exit")) as [number | null]
  clearInterval(sampler)
  if (code !== 0) throw new Error(`${args.join(" ")} exited ${code}: ${stderr}`)
  return { wallMs: performance.now() - t0, peakRssKb: Number(/peak-rss-kb=(\d+)/.exec(stderr)?.[1] ?? Number.NaN), peakAnonKb, bytes }
}

const main = async (): Promise<void> => {
  console.log(`cli sync/query bench: node ${process.version}, workspaces of ${SIZES.map((n) => n.toLocaleString("en")).join(" and ")} companies`)
  const dir = await mkdtemp(path.join(tmpdir(), "cli-query-bench-"))
  const runs: Array<Run> = []
  const record = (companies: number, what: string, run: Measured) =>
    runs.push({ companies, what, ...run })
  try {
    for (const companies of SIZES) {
      const db = path.join(dir, `replica-${companies}.sqlite`)
      const sim = await startSimulator(companies)
      try {
        const connection = ["--base-url", sim.url]
        // Export and sync interleaved, export first each time: the same scroll, the same simulator.
        record(companies, "export ndjson (stdout)", await runCli(["companies", "export", "--quiet", "--out", "-", ...connection]))
        record(companies, "sync", await runCli(["companies", "sync", "--quiet", "--db", db, ...connection]))
      } finally {
        await stopSimulator(sim.child)
      }
      // No simulator from here on: queries need none.
      const query = (...args: Array<string>) => runCli(["companies", "query", ...args, "--db", db])
      record(companies, "query --count (holds nothing)", await query("", "--count"))
      record(companies, "query all --format ndjson", await query("", "--format", "ndjson"))
      record(companies, "query all --format csv", await query("", "--format", "csv"))
      record(companies, "query all --format table", await query("", "--format", "table"))
      // The proof that nothing is held: the whole replica through a V8 old space far smaller than the output.
      record(
        companies,
        "query all ndjson, old space 40 MB",
        await runCli(["companies", "query", "", "--format", "ndjson", "--db", db], "--max-old-space-size=40")
      )
      record(companies, "query 'plan:Pro sort:-spend' ndjson", await query("plan:Pro sort:-spend", "--format", "ndjson"))
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }

  console.log("")
  console.log("  companies   command                                  wall   peak RSS  peak anon   stdout")
  for (const run of runs) {
    console.log(
      `  ${run.companies.toLocaleString("en").padStart(9)}   ${run.what.padEnd(36)}  ${secs(run.wallMs).padStart(8)}  ${
        mb(run.peakRssKb).padStart(9)
      }  ${mb(run.peakAnonKb).padStart(9)}  ${(run.bytes / 1048576).toFixed(1).padStart(6)} MB`
    )
  }
  const find = (companies: number, what: string) => runs.find((r) => r.companies === companies && r.what === what)!
  const small = SIZES[0]!
  const large = SIZES.at(-1)!
  console.log("")
  const sync = find(large, "sync")
  const exported = find(large, "export ndjson (stdout)")
  console.log(`  sync / export at ${large.toLocaleString("en")}: ${(sync.wallMs / exported.wallMs).toFixed(2)}x wall, ${mb(sync.peakRssKb)} vs ${mb(exported.peakRssKb)} peak RSS`)
  const perTenThousand = (what: string, of: (run: Run) => number) =>
    large === small ? Number.NaN : (of(find(large, what)) - of(find(small, what))) / ((large - small) / 10_000) / 1024
  for (const what of ["query all --format ndjson", "query all --format csv", "query all --format table"]) {
    const count = find(large, "query --count (holds nothing)")
    console.log(
      `  ${what} at ${large.toLocaleString("en")}: peak anon ${mb(find(large, what).peakAnonKb)} vs --count ${mb(count.peakAnonKb)} ` +
        `(${perTenThousand(what, (r) => r.peakAnonKb).toFixed(1)} MB more per 10,000 companies); ` +
        `peak RSS ${mb(find(large, what).peakRssKb)} vs ${mb(count.peakRssKb)} (${perTenThousand(what, (r) => r.peakRssKb).toFixed(1)} MB per 10,000, mapped file pages included)`
    )
  }
}

await main()
