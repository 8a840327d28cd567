// Where a merge stops paying: a sync over a replica after a share of its companies changed on the
// server, merged in place vs rebuilt, side by side in one run. For `mergeLimit` in
// src/StagingSwap.ts. The two ways are two copies of the built package with the limit set to 1
// (always merge) and 0 (always rebuild); each resync starts from a copy of the same replica file.
//   N=100000 SHARES=0.02,0.1,0.25,0.4 node bench/merge-threshold.mjs   (after `pnpm turbo run build`)
import { spawn } from "node:child_process"
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { pathToFileURL } from "node:url"
import { Companies, IntercomClient, Tags } from "@intercom-explorer/core"
import { Effect, Layer, Stream } from "effect"

const N = Number(process.env.N ?? 100_000)
const SHARES = (process.env.SHARES ?? "0.02,0.1,0.25,0.4").split(",").map(Number)
const TOKEN = "bench-token"
const here = path.dirname(new URL(import.meta.url).pathname)
const variant = async (name, limit) => {
  const folder = path.join(here, "..", ".variants", name)
  rmSync(folder, { recursive: true, force: true })
  cpSync(path.join(here, "..", "dist"), folder, { recursive: true })
  const swap = path.join(folder, "StagingSwap.js")
  const source = readFileSync(swap, "utf8")
  if (!/export const mergeLimit = [\d.]+;/.test(source)) throw new Error("mergeLimit not found in dist/StagingSwap.js")
  writeFileSync(swap, source.replace(/export const mergeLimit = [\d.]+;/, `export const mergeLimit = ${limit};`))
  return import(pathToFileURL(path.join(folder, "index.js")).href)
}
const merge = await variant("merge", 1)
const rebuild = await variant("rebuild", 0)

const server = spawn(process.execPath, ["--input-type=module", "-e", `
  const { startSimulator } = await import("@intercom-explorer/simulator")
  const sim = await startSimulator({ companies: ${N}, token: ${JSON.stringify(TOKEN)}, rateLimit: 1000000 })
  console.log(sim.url)`], { stdio: ["ignore", "pipe", "inherit"] })
const url = await new Promise((resolve) => server.stdout.once("data", (d) => resolve(String(d).trim())))
const client = IntercomClient.layer({ token: TOKEN, baseUrl: url })
const dir = mkdtempSync(path.join(tmpdir(), "merge-threshold-"))
const base = path.join(dir, "base.sqlite")
const work = path.join(dir, "work.sqlite")

const sync = (module, file) =>
  Effect.runPromise(module.syncReplica().pipe(Effect.provide(Layer.merge(module.Replica.layer({ file, create: true }), client))))
const copy = (from, to) => {
  for (const suffix of ["-wal", "-shm"]) rmSync(`${to}${suffix}`, { force: true })
  copyFileSync(from, to)
}

try {
  await sync(rebuild, base)
  // A checkpointed file: copies of it need no WAL.
  const ids = await Effect.runPromise(Effect.gen(function*() {
    const companies = yield* Companies
    const all = []
    yield* Stream.runForEachArray(companies.scroll(), (page) => Effect.sync(() => all.push(...page.map((c) => c.id))))
    return all
  }).pipe(Effect.provide(client)))
  console.log(`resync of ${N} companies after a share changed (a tag added), merged vs rebuilt`)
  for (const share of SHARES) {
    await Effect.runPromise(Effect.flatMap(Tags, (tags) => tags.tagCompanies("Threshold", ids.slice(0, Math.round(N * share)))).pipe(Effect.provide(client)))
    const times = {}
    for (const [name, module] of [["merge", merge], ["rebuild", rebuild], ["merge", merge], ["rebuild", rebuild]]) {
      copy(base, work)
      const t0 = performance.now()
      const summary = await sync(module, work)
      const ms = performance.now() - t0
      if (summary.mode !== name) throw new Error(`${name} variant ran a ${summary.mode}`)
      ;(times[name] ??= []).push(ms)
    }
    const best = (values) => Math.min(...values)
    console.log(`  ${(share * 100).toFixed(0).padStart(3)}% changed: merge ${best(times.merge).toFixed(0)} ms, rebuild ${best(times.rebuild).toFixed(0)} ms (fastest of 2 each): merge / rebuild ${(best(times.merge) / best(times.rebuild)).toFixed(2)}x`)
  }
} finally {
  server.kill()
  rmSync(dir, { recursive: true, force: true })
}
