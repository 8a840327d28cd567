// Benchmark: how fast the simulator starts with 100,000 companies, and how fast it serves a
// complete scroll of them to a bare client (fetch + JSON.parse, one page at a time, as a real
// scroll must be read). Reported, not asserted. Runs the built package (dist), so it measures
// what the extension and the CLI run: `pnpm --filter @intercom-explorer/simulator bench`.
import { performance } from "node:perf_hooks"
import { startSimulator } from "@intercom-explorer/simulator"

const COMPANIES = Number(process.env["BENCH_COMPANIES"] ?? 100_000)
const RUNS = 3

const median = (xs: ReadonlyArray<number>): number => {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}
const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`

interface ScrollRun {
  readonly ms: number
  readonly companies: number
  readonly requests: number
  readonly bytes: number
  readonly serverMs: number
}

const scrollOnce = async (url: string, token: string, serverMs: () => number): Promise<ScrollRun> => {
  const headers = { Authorization: `Bearer ${token}`, "Intercom-Version": "2.11", Accept: "application/json" }
  const serverBefore = serverMs()
  const t0 = performance.now()
  let param: string | undefined
  let companies = 0
  let requests = 0
  let bytes = 0
  for (;;) {
    const query = param === undefined ? "" : `?scroll_param=${encodeURIComponent(param)}`
    const res = await fetch(`${url}/companies/scroll${query}`, { headers })
    const text = await res.text()
    requests++
    bytes += text.length
    if (res.status !== 200) throw new Error(`scroll page ${requests}: HTTP ${res.status} ${text.slice(0, 200)}`)
    const page = JSON.parse(text) as { data: Array<{ id: string }>; scroll_param: string }
    if (page.data.length === 0) break
    companies += page.data.length
    param = page.scroll_param
  }
  return { ms: performance.now() - t0, companies, requests, bytes, serverMs: serverMs() - serverBefore }
}

const main = async (): Promise<void> => {
  console.log(`simulator bench: node ${process.version}, ${COMPANIES.toLocaleString("en")} companies, median of ${RUNS}`)

  const startups: Array<number> = []
  for (let i = 0; i < RUNS - 1; i++) {
    const t0 = performance.now()
    const sim = await startSimulator({ companies: COMPANIES })
    startups.push(performance.now() - t0)
    await sim.close()
  }

  const t0 = performance.now()
  // No rate limit and no faults: this measures serving, not pacing.
  const sim = await startSimulator({ companies: COMPANIES, rateLimit: 1_000_000 })
  startups.push(performance.now() - t0)
  console.log(`startup (seed + listen): median ${s(median(startups))}  [${startups.map(s).join(", ")}]`)

  // Server time = the sum of the simulator's own handling time per request (from its log), the
  // part of the wall time the simulator is responsible for.
  let serverTotal = 0
  let seen = 0
  const serverMs = (): number => {
    const log = sim.state.requests
    const fresh = Math.min(log.length, sim.state.rateLimit.allowed - seen)
    for (let i = log.length - fresh; i < log.length; i++) serverTotal += log[i]?.ms ?? 0
    seen = sim.state.rateLimit.allowed
    return serverTotal
  }

  try {
    const runs: Array<ScrollRun> = []
    for (let i = 0; i < RUNS; i++) {
      const run = await scrollOnce(sim.url, sim.token, serverMs)
      if (run.companies !== COMPANIES) throw new Error(`scroll returned ${run.companies} companies, expected ${COMPANIES}`)
      runs.push(run)
    }
    const mid = median(runs.map((r) => r.ms))
    const first = runs[0]
    console.log(
      `full scroll (fetch + JSON.parse, ${first?.requests} requests, ${((first?.bytes ?? 0) / 1e6).toFixed(1)} MB): ` +
        `median ${s(mid)} = ${Math.round(COMPANIES / (mid / 1000)).toLocaleString("en")} companies/s  ` +
        `[${runs.map((r, i) => `${s(r.ms)}${i === 0 ? " cold" : ""}`).join(", ")}]`
    )
    console.log(
      `  simulator's own time per scroll: ${runs.map((r) => `${s(r.serverMs)} (${Math.round((100 * r.serverMs) / r.ms)}%)`).join(", ")}`
    )
  } finally {
    await sim.close()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
