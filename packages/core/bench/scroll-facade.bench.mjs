// Scroll throughput: `for await` over the Promise facade's companies.scroll() against a bare
// fetch + JSON.parse loop over the same simulator, with N companies (default 50,000).
// The simulator runs in a child process so that the client's CPU time is measured alone.
// Run after a build: `pnpm --filter @intercom-explorer/core... build && pnpm --filter @intercom-explorer/core bench`.
// Env: N (companies), R (rounds, default 5). Reports the best of R rounds, wall and client CPU.
import { spawn } from "node:child_process"
import { createIntercomClient } from "@intercom-explorer/core"

const N = Number(process.env.N ?? 50_000)
const R = Number(process.env.R ?? 5)
const TOKEN = "bench-token"

const server = spawn(process.execPath, ["--input-type=module", "-e", `
  const { startSimulator } = await import("@intercom-explorer/simulator")
  const sim = await startSimulator({ companies: ${N}, token: ${JSON.stringify(TOKEN)}, rateLimit: 1000000 })
  console.log(sim.url)`], { stdio: ["ignore", "pipe", "inherit"] })
const url = await new Promise((resolve) => server.stdout.once("data", (d) => resolve(String(d).trim())))

const bare = async () => {
  let param
  let count = 0
  for (;;) {
    const target = new URL("/companies/scroll", url)
    if (param !== undefined) target.searchParams.set("scroll_param", param)
    const res = await fetch(target, {
      headers: { authorization: `Bearer ${TOKEN}`, "intercom-version": "2.11", accept: "application/json" }
    })
    const body = JSON.parse(await res.text())
    if (body.data.length === 0) break
    for (const company of body.data) if (company.id) count++
    param = body.scroll_param
  }
  return count
}

const client = createIntercomClient({ token: TOKEN, baseUrl: url })
const facade = async () => {
  let count = 0
  for await (const company of client.companies.scroll()) if (company.id) count++
  return count
}

const results = { bare: [], facade: [] }
try {
  for (let round = 0; round < R; round++) {
    for (const [name, run] of Object.entries({ bare, facade })) {
      const cpu0 = process.cpuUsage()
      const t0 = performance.now()
      const count = await run()
      const wall = performance.now() - t0
      const cpu = process.cpuUsage(cpu0)
      if (count !== N) throw new Error(`${name} delivered ${count} companies, expected ${N}`)
      results[name].push({ wall, cpu: (cpu.user + cpu.system) / 1000 })
    }
  }
} finally {
  await client.close()
  server.kill()
}

const best = (name, key) => Math.min(...results[name].map((r) => r[key]))
for (const name of Object.keys(results)) {
  console.log(`${name.padEnd(7)} best wall ${best(name, "wall").toFixed(0)} ms, best client CPU ${best(name, "cpu").toFixed(0)} ms (${N} companies)`)
}
console.log(`facade / bare: wall ${(best("facade", "wall") / best("bare", "wall")).toFixed(2)}x, client CPU ${(best("facade", "cpu") / best("bare", "cpu")).toFixed(2)}x (target: wall <= 1.25x)`)
