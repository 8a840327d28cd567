// `pnpm bench` for the extension: reports (never asserts) what a user of the extension pays for it.
//
//   bundle      size of the production dist/extension.js (what activation loads), raw and gzip; of
//               dist/engine.js (effect and the client code, loaded on first use) and its largest
//               parts; of dist/demoSimulator.js (loaded when the demo starts)
//   activation  extension.activate() in the VS Code extension host, module loading included
//   demo        click on "Open Demo Workspace" (the signed-out welcome) until the Companies view
//               shows company rows, in the real workbench (code-server + headless chromium):
//               simulator start in the extension host, first page over HTTP, tree rendering
//
//   node bench/run.mjs [--runs N]     (N demo openings, default 3; the first is the cold one)
//
// The extension is built into a scratch copy (package.json, media, production bundle), so the bench
// neither needs nor disturbs dist/, which the tests load.
import * as esbuild from "esbuild"
import { execFileSync, spawnSync } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import zlib from "node:zlib"
import { elapsed, EXTENSION_DIR, locateChromium, locateCodeServer, makeScratch } from "../test-harness/lib/env.mjs"
import { Workbench } from "../test-harness/ui/workbench.mjs"
import { bundleOptions, shippedBuildOptions } from "../esbuild.options.mjs"

const runs = Number(process.argv.includes("--runs") ? process.argv[process.argv.indexOf("--runs") + 1] : 3)
const started = Date.now()
const scratch = makeScratch("intercom-bench")

// ---- bundle -------------------------------------------------------------------------------------
// The production options of esbuild.mjs (minified, no sourcemap), written to the scratch copy.
const extDir = scratch.dir("extension")
fs.copyFileSync(path.join(EXTENSION_DIR, "package.json"), path.join(extDir, "package.json"))
fs.cpSync(path.join(EXTENSION_DIR, "media"), path.join(extDir, "media"), { recursive: true })
const built = await esbuild.build({
  ...shippedBuildOptions,
  outdir: path.join(extDir, "dist"),
  minify: true,
  metafile: true
})
await esbuild.build({ ...bundleOptions, entryPoints: { hostBench: "bench/hostBench.ts" }, outdir: path.join(extDir, "dist") })
const bundle = fs.readFileSync(path.join(extDir, "dist/extension.js"))
const gzip = zlib.gzipSync(bundle, { level: 9 }).byteLength
const engineBundle = fs.statSync(path.join(extDir, "dist/engine.js")).size
const demoBundle = fs.statSync(path.join(extDir, "dist/demoSimulator.js")).size

/** Bytes in the bundle per origin: a package (node_modules or the workspace's packages/) or our src. */
const parts = new Map()
const engineOutput = Object.entries(built.metafile.outputs).find(([file]) => file.endsWith("dist/engine.js"))[1]
for (const output of [engineOutput]) {
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    // pnpm paths look like node_modules/.pnpm/effect@4.../node_modules/effect/dist/...: the last one names it.
    const pkg = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1]
    const workspace = /(?:^|\/)packages\/([^/]+)\//.exec(input)?.[1]
    const origin = pkg ?? (workspace ? `@intercom-explorer/${workspace}` : "extension src/")
    parts.set(origin, (parts.get(origin) ?? 0) + bytesInOutput)
  }
}
const largest = [...parts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5)

/**
 * Evaluating the bundle alone (what `require` costs before activate() runs), in a plain Node child
 * with a stand-in `vscode` module; median of 5 fresh processes.
 */
const requireMs = (() => {
  const probe = `
    const Module = require("node:module"), load = Module._load
    const any = new Proxy(function () {}, { get: (_, p) => (p === "__esModule" ? false : any), apply: () => any, construct: () => any })
    Module._load = function (request, ...rest) { return request === "vscode" ? any : load.call(this, request, ...rest) }
    const t = performance.now(); require(${JSON.stringify(path.join(extDir, "dist/extension.js"))})
    process.stdout.write(String(performance.now() - t))`
  const times = Array.from({ length: 5 }, () => Number(execFileSync(process.execPath, ["-e", probe], { encoding: "utf8" })))
  return times.sort((a, b) => a - b)[2]
})()

// ---- activation and Open Demo Workspace -> first row ------------------------------------------
// Needs code-server (provisioned here as `pnpm test` does; instant once installed) and chromium;
// without them the bench still reports the bundle, and says why the rest is missing.
const benchDir = scratch.dir("bench")
let cs
let host
const demoTimes = []
let note = ""
try {
  spawnSync("bash", [path.join(EXTENSION_DIR, "test-harness/provision-code-server.sh")], { stdio: ["ignore", "ignore", "inherit"] })
  locateChromium()
  cs = locateCodeServer()
} catch (error) {
  note = `no workbench timings: ${error.message.split("\n")[0]}`
}
const wb = cs === undefined ? undefined : await Workbench.start({
  extension: "dev",
  developmentPath: extDir,
  extensionTestsPath: path.join(extDir, "dist/hostBench.js"),
  env: { INTERCOM_BENCH_DIR: benchDir },
  artifacts: path.join(EXTENSION_DIR, "artifacts/bench")
})
try {
  if (wb === undefined) throw new Error(note)
  const hostFile = path.join(benchDir, "host.json")
  for (let i = 0; i < 600 && !fs.existsSync(hostFile); i++) await new Promise((r) => setTimeout(r, 100))
  host = JSON.parse(fs.readFileSync(hostFile, "utf8"))

  await wb.openContainer("Intercom")
  for (let i = 0; i < runs; i++) {
    const button = wb.welcomeButton("Companies", "Open Demo Workspace")
    await button.waitFor()
    const t0 = Date.now()
    await button.click()
    // A company row: the tree may first show a loading row; rows with a label other than that count.
    await wb.treeRows("Companies").nth(1).waitFor({ timeout: 60_000 })
    demoTimes.push(Date.now() - t0)
    if (i === 0) await wb.screenshot("demo-first-rows")
    await wb.runCommand("Intercom: Stop Demo Workspace")
  }
} catch (error) {
  if (wb !== undefined) {
    note = `stopped early: ${error.message.split("\n")[0]}`
    await wb.screenshot("bench-FAILED").catch(() => {})
  }
} finally {
  fs.writeFileSync(path.join(benchDir, "done"), "")
  await wb?.stop()
  scratch.dispose()
}

// ---- report -------------------------------------------------------------------------------------
const fmt = (n) => n.toLocaleString("en-US")
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const rows = [
  ["bundle dist/extension.js (production, minified; what activation loads)", `${fmt(bundle.byteLength)} B (gzip ${fmt(gzip)} B)`],
  ["bundle dist/engine.js (effect and the client code, loaded on first use)", `${fmt(engineBundle)} B`],
  ...largest.map(([origin, bytes]) => [`  of which ${origin}`, `${fmt(bytes)} B`]),
  ["bundle dist/demoSimulator.js (loaded when the demo starts)", `${fmt(demoBundle)} B`],
  ["bundle evaluation (require in plain Node, vscode stubbed; median of 5)", `${requireMs.toFixed(0)} ms`],
  [
    "activation: activate() in the extension host, module load included",
    host ? `${host.activationMs.toFixed(0)} ms${host.wasActive ? " (already active: not measured)" : ""}` : "n/a"
  ],
  ["Open Demo Workspace -> first company rows, cold (first click)", demoTimes.length > 0 ? `${fmt(demoTimes[0])} ms` : "n/a"],
  [
    `Open Demo Workspace -> first company rows, warm (median of ${Math.max(0, demoTimes.length - 1)})`,
    demoTimes.length > 1 ? `${fmt(median(demoTimes.slice(1)))} ms` : "n/a"
  ]
]
const width = Math.max(...rows.map(([k]) => k.length))
console.log(`\nintercom-explorer bench (code-server ${cs?.version ?? "n/a"}, Node ${process.version}; reported, not asserted)`)
for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`)
if (demoTimes.length > 0) console.log(`  (all demo openings: ${demoTimes.map((t) => `${fmt(t)} ms`).join(", ")})`)
if (note) console.log(`  note: ${note}`)
console.log(`  (bench took ${elapsed(started)})`)
