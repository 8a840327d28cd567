// Scroll throughput, three clients side by side in one run over the same simulator (in a child
// process, so the client's CPU is measured alone), N companies (default 50,000):
//   bare   fetch + JSON.parse in a loop: the floor (no validation, no error handling)
//   node   the same loop over node:http with a keep-alive agent: the floor of the transport our
//          facade uses (NodeTransport), shown so the facade is also judged against its own floor
//   sdk    the official `intercom-client` SDK, paging its scroll by hand (its iterator requests
//          once more after the empty end page and fails with a 404)
//   facade `for await` over our Promise facade's `companies.scroll()`: decoded, de-duplicated,
//          paced, restartable
// Rounds are interleaved (bare, sdk, facade, bare, ...) so machine noise hits all three alike;
// medians and ratios are reported, never asserted. Env: N (companies), R (rounds, default 7).
// Run after a build: `pnpm --filter @intercom-explorer/core... build && pnpm --filter @intercom-explorer/core bench`.
import { spawn } from "node:child_process"
import http from "node:http"
import { createIntercomClient } from "@intercom-explorer/core"
import { IntercomClient } from "intercom-client"

const N = Number(process.env.N ?? 50_000)
const R = Number(process.env.R ?? 7)
const TOKEN = "bench-token"

const server = spawn(process.execPath, ["--input-type=module", "-e", `
  const { startSimulator } = await import("@intercom-explorer/simulator")
  const sim = await startSimulator({ companies: ${N}, token: ${JSON.stringify(TOKEN)}, rateLimit: 1000000 })
  console.log(sim.url)`], { stdio: ["ignore", "pipe", "inherit"] })
const url = await new Promise((resolve) => server.stdout.once("data", (d) => resolve(String(d).trim())))

const headers = { authorization: `Bearer ${TOKEN}`, "intercom-version": "2.11", accept: "application/json" }

/** The floor loop: page by page, JSON.parse, count; `getText` is the only thing the two floors vary. */
const bareScroll = (getText) => async () => {
  let param
  let count = 0
  for (;;) {
    const target = new URL("/companies/scroll", url)
    if (param !== undefined) target.searchParams.set("scroll_param", param)
    const body = JSON.parse(await getText(target))
    if (body.data.length === 0) break
    for (const company of body.data) if (company.id) count++
    param = body.scroll_param
  }
  return count
}

const bare = bareScroll(async (target) => (await fetch(target, { headers })).text())

const agent = new http.Agent({ keepAlive: true })
const node = bareScroll((target) =>
  new Promise((resolve, reject) => {
    http.get(target, { headers, agent }, (res) => {
      let text = ""
      res.setEncoding("utf8")
      res.on("data", (chunk) => (text += chunk))
      res.on("end", () => resolve(text))
      res.on("error", reject)
    }).on("error", reject)
  })
)

const sdkClient = new IntercomClient({ token: TOKEN, baseUrl: url, maxRetries: 0 })
const sdk = async () => {
  let page = await sdkClient.companies.scroll()
  let count = 0
  while (page.data.length > 0) {
    for (const company of page.data) if (company.id) count++
    page = await page.getNextPage()
  }
  return count
}

const client = createIntercomClient({ token: TOKEN, baseUrl: url })
const facade = async () => {
  let count = 0
  for await (const company of client.companies.scroll()) if (company.id) count++
  return count
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

const runners = { bare, node, sdk, facade }
const results = Object.fromEntries(Object.keys(runners).map((name) => [name, { wall: [], cpu: [] }]))
try {
  // One warm-up pass each: the simulator serializes every company once, then serves from cache.
  for (const run of Object.values(runners)) await run()
  for (let round = 0; round < R; round++) {
    for (const [name, run] of Object.entries(runners)) {
      const cpu0 = process.cpuUsage()
      const t0 = performance.now()
      const count = await run()
      const wall = performance.now() - t0
      const cpu = process.cpuUsage(cpu0)
      if (count !== N) throw new Error(`${name} delivered ${count} companies, expected ${N}`)
      results[name].wall.push(wall)
      results[name].cpu.push((cpu.user + cpu.system) / 1000)
    }
  }
} finally {
  await client.close()
  agent.destroy()
  server.kill()
}

const best = (values) => Math.min(...values)
const floor = { wall: median(results.bare.wall), cpu: median(results.bare.cpu), best: best(results.bare.wall) }
console.log(`scroll of ${N} companies, median of ${R} interleaved rounds`)
// Noise on a shared machine only ever adds time, so the best round is shown too: when the medians
// of two runs disagree, the best-round ratio is the steadier one.
console.log("client   wall ms   client CPU ms   wall ratio   CPU ratio   best wall ms   best ratio")
for (const [name, { cpu, wall }] of Object.entries(results)) {
  const w = median(wall)
  const c = median(cpu)
  const b = best(wall)
  console.log(
    `${name.padEnd(8)} ${w.toFixed(0).padStart(7)}   ${c.toFixed(0).padStart(13)}   ${(w / floor.wall).toFixed(2).padStart(9)}x   ${(c / floor.cpu).toFixed(2).padStart(8)}x   ${b.toFixed(0).padStart(12)}   ${(b / floor.best).toFixed(2).padStart(9)}x`
  )
}
const facadeWall = median(results.facade.wall)
console.log(`facade / sdk wall: ${(facadeWall / median(results.sdk.wall)).toFixed(2)}x, best rounds ${(best(results.facade.wall) / best(results.sdk.wall)).toFixed(2)}x (target: facade <= 1.25x bare, <= 1.00x sdk)`)
console.log(`facade / node wall: ${(facadeWall / median(results.node.wall)).toFixed(2)}x (the facade against its own transport's floor)`)
