import { type Simulator, startSimulator } from "@intercom-explorer/simulator"
import { execFile } from "node:child_process"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { companiesWithUsers, TOKEN } from "../support/Simulator.js"

// The facade as a plain-JavaScript caller gets it: the package's built `dist`, imported by name
// from `node` with no TypeScript loader, no vitest and no source condition.

const run = promisify(execFile)
const packageDir = fileURLToPath(new URL("../../", import.meta.url))
const tsc = fileURLToPath(new URL("../../node_modules/typescript/bin/tsc", import.meta.url))
const BAD_TOKEN = "tok_plain_node_bad_0a9b8c7d6e5f"

const script = `
import { createIntercomClient, IntercomClientError } from "@intercom-explorer/core"
const out = {
  resolved: import.meta.resolve("@intercom-explorer/core"),
  execArgv: process.execArgv,
  nodeOptions: process.env.NODE_OPTIONS ?? null
}
const client = createIntercomClient({ token: process.env.SIM_TOKEN, baseUrl: process.env.SIM_URL })
let listed = 0
for await (const company of client.companies.list({ perPage: 25 })) if (company.id) listed++
out.listed = listed
let scrolled = 0
for await (const company of client.companies.scroll()) if (company.id && ++scrolled === 10) break
out.scrolled = scrolled
out.tag = (await client.tags.create("From plain node")).name
out.limit = client.rateLimit()?.limit ?? null
const bad = createIntercomClient({ token: process.env.BAD_TOKEN, baseUrl: process.env.SIM_URL })
try {
  await bad.companies.retrieve("whatever")
} catch (error) {
  out.error = { isClientError: error instanceof IntercomClientError, json: error.toJSON(), stack: error.stack }
}
await bad.close()
await client.close()
console.log(JSON.stringify(out))
`

describe("the built facade in plain Node", () => {
  let sim: Simulator

  beforeAll(async () => {
    // `pnpm build` of this package: tsc -b also builds the referenced models and http packages.
    await run(process.execPath, [tsc, "-b"], { cwd: packageDir })
    sim = await startSimulator({ host: "127.0.0.1", token: TOKEN, seed: 3, companies: 60, rateLimit: 10_000 })
  }, 240_000)

  afterAll(async () => {
    await sim?.close()
  })

  it("runs from dist with no TypeScript loader", async () => {
    const env: Record<string, string> = {}
    for (const [key, value] of Object.entries(process.env)) {
      if (value !== undefined && key !== "NODE_OPTIONS" && !key.startsWith("VITEST")) env[key] = value
    }
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], {
      cwd: packageDir,
      env: { ...env, SIM_URL: sim.url, SIM_TOKEN: TOKEN, BAD_TOKEN },
      timeout: 60_000
    })
    const out = JSON.parse(stdout.trim().split("\n").at(-1)!)
    assert.match(out.resolved, /\/packages\/core\/dist\/index\.js$/)
    // Only the flags given here: no --import/--loader/--require of a TypeScript loader.
    assert.deepStrictEqual(out.execArgv.slice(0, 2), ["--input-type=module", "-e"])
    assert.strictEqual(out.execArgv.length, 3)
    assert.isNull(out.nodeOptions)
    assert.strictEqual(out.listed, companiesWithUsers(sim).length)
    assert.strictEqual(out.scrolled, 10)
    assert.strictEqual(out.tag, "From plain node")
    assert.isDefined(sim.state.tagByName("From plain node"))
    assert.strictEqual(out.limit, 10_000)
    assert.isTrue(out.error.isClientError)
    assert.strictEqual(out.error.json.reason, "Unauthorized")
    assert.strictEqual(out.error.json.status, 401)
    assert.include(out.error.json.message, "access token")
    assert.notInclude(JSON.stringify(out.error), BAD_TOKEN)
  }, 90_000)
})
