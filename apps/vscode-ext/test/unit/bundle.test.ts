// The shipped bundles: their size budget, and what activation loads. dist/extension.js (what VS Code
// requires to activate) must hold none of effect, and of the client packages only core's effect-free
// light entry (`@intercom-explorer/core/connection`): the rest is in dist/engine.js, required on first
// use (src/lazy.ts), the simulator in dist/demoSimulator.js, and the replica's reads and sync in
// dist/replicaWorker.js, a worker thread the engine starts on first use.
import * as esbuild from "esbuild"
import { execFileSync } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { deepenEffectImports, shippedBuildOptions, shippedEntryPoints } from "../../esbuild.options.mjs"

const extensionDir = path.resolve(import.meta.dirname, "../..")
const outdir = path.join(os.tmpdir(), "intercom-bundle-test")

/** Effect's modules and the client packages (core, http, models), as the metafile names them. */
const isClientCode = (input: string) => /node_modules\/\.pnpm\/effect@|(^|\/)packages\/(core|http|models)\//.test(input)

describe("the shipped bundles", () => {
  let result: esbuild.BuildResult & { outputFiles: Array<esbuild.OutputFile>; metafile: esbuild.Metafile }
  const output = (name: string) => result.outputFiles.find((f) => path.basename(f.path) === name)!
  const inputsOf = (name: string) => Object.keys(result.metafile.outputs[path.relative(extensionDir, output(name).path)]!.inputs)

  beforeAll(async () => {
    result = await esbuild.build({ ...shippedBuildOptions, absWorkingDir: extensionDir, outdir, minify: true, write: false, metafile: true, logLevel: "silent" })
  }, 60_000)

  it("all of them together stay within 542 KB minified", () => {
    const sizes = ["extension.js", "engine.js", "demoSimulator.js"].map((name) => output(name).contents.byteLength)
    // 400 KB until bulk changes (issue 12): the plans package, csv-parse and the Plan view add
    // ~94 KB to engine.js (242 KB -> 335 KB), loaded on first use like the rest of it. 480 -> 490 KB
    // for data attributes (issue 13): core's DataAttributes service in engine.js (~3 KB), the
    // simulator's /data_attributes and its seeded definitions in demoSimulator.js (~6 KB).
    // 490 -> 540 KB for the rest of issue 13 in engine.js (~50 KB, loaded on first use): the company
    // document (its text, edit reading, save, conflict resolution, editor features: ~18 KB),
    // jsonc-parser (~4 KB), contacts and notes (~4 KB), attribute definitions and their prompts
    // (~4 KB), and typed attributes in plans. 540 -> 542 KB (measured 538.8 -> 540.1 KB): the
    // replica's write-through in engine.js stores each company's JSON hash (the sync's change
    // detection), core's pacing fix, and Delete Local Data waiting for a running sync.
    expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(542_000)
    // What activation loads is a fraction of it. 80 -> 82 KB: the company document's file system
    // shim (VS Code asks for it by scheme, so it is registered at activation) and the contact commands.
    // 82 -> 84 KB: the replica's reads became asynchronous (a worker thread), so the view models
    // in extension.js keep what they read, start the reads they lack and drop late answers (measured
    // 80.9 -> 83.9 KB; engine.js fell 401 -> 395 KB meanwhile, the sync having moved to the worker).
    // 84 -> 84.5 KB: Delete Local Data waits for a running sync's thread to let go of the file
    // (measured 84,129 B).
    expect(sizes[0]).toBeLessThanOrEqual(84_500)
  })

  it("dist/replicaWorker.js, the replica's worker thread, stays within 215 KB minified (the total within 755 KB)", () => {
    // A bundle of its own, loaded only into the worker thread: effect, core's client (the sync's
    // own), the replica package and node:sqlite. Measured 211.8 KB; the total budget of the shipped
    // files rises by exactly this file: 540 + 215 = 755 KB.
    const worker = output("replicaWorker.js").contents.byteLength
    expect(worker).toBeLessThanOrEqual(215_000)
    const total = ["extension.js", "engine.js", "demoSimulator.js", "replicaWorker.js"].map((name) => output(name).contents.byteLength)
    expect(total.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(755_000)
  })

  it("the .vsix ships every bundle: each is on .vscodeignore's allow-list", () => {
    const allowed = fs.readFileSync(path.join(extensionDir, ".vscodeignore"), "utf8").split("\n").map((line) => line.trim())
    for (const name of Object.keys(shippedEntryPoints)) expect(allowed).toContain(`!dist/${name}.js`)
  })

  it("the replica's reads and sync run in dist/replicaWorker.js: it holds the sync and node:sqlite, no vscode; engine.js holds no sync", () => {
    const inputs = inputsOf("replicaWorker.js")
    expect(inputs.some((i) => i.includes("packages/replica/src/ReplicaSync.ts"))).toBe(true)
    expect(inputs.some((i) => i.includes("packages/core/src/IntercomClient.ts"))).toBe(true)
    expect(output("replicaWorker.js").text).toContain('require("node:sqlite")')
    expect(output("replicaWorker.js").text).not.toContain('require("vscode")')
    expect(inputsOf("engine.js").some((i) => i.includes("packages/replica/src/ReplicaSync.ts"))).toBe(false)
    expect(inputsOf("extension.js").some((i) => i.includes("src/replica/replicaWorker.ts"))).toBe(false)
  })

  it("dist/extension.js holds no effect, and of the client packages only core's light entry (@intercom-explorer/core/connection)", () => {
    const client = inputsOf("extension.js").filter(isClientCode)
    expect(client.filter((i) => i.includes("node_modules"))).toEqual([])
    // Regions, the base-URL check, redaction and the wording of errors: plain TypeScript.
    expect(client.filter((i) => !/^\.\.\/\.\.\/packages\/(core\/src\/(connection|errors)|http\/src\/connection)\//.test(i))).toEqual([])
    expect(client).toEqual(expect.arrayContaining(["../../packages/http/src/connection/Redaction.ts", "../../packages/core/src/errors/describeError.ts"]))
    expect(inputsOf("extension.js").filter((i) => i.includes("packages/simulator/"))).toEqual([])
  })

  it("dist/engine.js has the client code, and only what it uses of effect", () => {
    const inputs = inputsOf("engine.js")
    expect(inputs.some((i) => i.includes("packages/core/src/services/Companies.ts"))).toBe(true)
    expect(inputs.filter((i) => i.includes("packages/simulator/"))).toEqual([])
    // None of effect's crypto, JSON Schema or HTTP modules: each effect name comes from its own
    // module (esbuild.options.mjs), not through the barrel.
    expect(inputs.filter((i) => /effect\/dist\/(crypto|http|JsonSchema|Cron)/.test(i))).toEqual([])
    expect(output("demoSimulator.js").text).toContain("scroll_param")
  })

  it("node:sqlite (the replica) is required by dist/engine.js only, never at activation", () => {
    expect(output("engine.js").text).toContain('require("node:sqlite")')
    expect(inputsOf("engine.js").some((i) => i.includes("packages/replica/src/Replica.ts"))).toBe(true)
    expect(output("extension.js").text).not.toContain("node:sqlite")
    expect(inputsOf("extension.js").filter((i) => i.includes("packages/replica/"))).toEqual([])
  })

  it("dist/extension.js requires the other two at run time, and loads without them", () => {
    const text = output("extension.js").text
    expect(text).toContain('require("./engine.js")')
    expect(text).toContain('require("./demoSimulator.js")')
    // Loading it runs no require of them (a stand-in `vscode`: anything, callable, constructible).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "intercom-bundle-test-"))
    try {
      fs.writeFileSync(path.join(dir, "extension.js"), text)
      const probe = `
        const Module = require("node:module"), load = Module._load, required = []
        const any = new Proxy(function () {}, { get: (_, p) => (p === "__esModule" ? false : p === "then" ? undefined : any), apply: () => any, construct: () => any })
        Module._load = function (request, ...rest) { required.push(request); return request === "vscode" ? any : load.call(this, request, ...rest) }
        const extension = require(${JSON.stringify(path.join(dir, "extension.js"))})
        if (typeof extension.activate !== "function") throw new Error("no activate()")
        process.stdout.write(JSON.stringify(required.slice(1)))`
      const required = JSON.parse(execFileSync(process.execPath, ["-e", probe], { encoding: "utf8" })) as Array<string>
      expect(required.filter((r) => r.startsWith("."))).toEqual([])
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it("effect imports go to one module each (only value imports of the barrel's names)", () => {
    expect(deepenEffectImports(`import { Effect, type Layer, Schema as S } from "effect"\nx`)).toBe(
      `import * as Effect from "effect/Effect"; import * as S from "effect/Schema";\nx`
    )
    expect(deepenEffectImports(`import {\n  pipe,\n  Stream\n} from "effect"`)).toBe(
      `import { pipe as pipe } from "effect/Function"; import * as Stream from "effect/Stream";\n\n\n`
    )
    expect(deepenEffectImports(`import { HttpClient } from "effect/http"`)).toBe(`import * as HttpClient from "effect/http/HttpClient";`)
    const untouched = [`import type { Effect } from "effect"`, `import { NotInTheBarrel } from "effect"`, `import * as Effect from "effect/Effect"`]
    for (const source of untouched) expect(deepenEffectImports(source)).toBe(source)
  })
})
