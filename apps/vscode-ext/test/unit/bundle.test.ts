// The production bundle: its size budget, and that loading it (what activation pays before
// activate() runs) evaluates none of effect and of the client packages. Those are reached only
// through `lazy` (src/lazy.ts), which esbuild turns into initializers that run on first use.
import * as esbuild from "esbuild"
import { execFileSync } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { describe, expect, it } from "vitest"
import { bundleOptions, deepenEffectImports, shippedEntryPoints } from "../../esbuild.options.mjs"

const extensionDir = path.resolve(import.meta.dirname, "../..")
const build = (minify: boolean) =>
  esbuild.build({
    ...bundleOptions,
    absWorkingDir: extensionDir,
    entryPoints: shippedEntryPoints,
    outdir: path.join(os.tmpdir(), "intercom-bundle-test"),
    minify,
    write: false,
    metafile: true,
    logLevel: "silent"
  })
const output = (result: esbuild.BuildResult & { outputFiles: Array<esbuild.OutputFile> }, name: string) =>
  result.outputFiles.find((f) => f.path.endsWith(`${path.sep}${name}`))!

/** Effect's modules and the workspace packages (core, http, models), as the metafile names them. */
const isHeavy = (input: string) => /node_modules\/\.pnpm\/effect@|(^|\/)packages\/(core|http|models)\//.test(input)

describe("the production bundle", () => {
  it("dist/extension.js stays within 400 KB, and the simulator is a bundle of its own", async () => {
    const result = await build(true)
    const extension = output(result, "extension.js")
    expect(extension.contents.byteLength).toBeLessThanOrEqual(400_000)
    const inputs = Object.keys(result.metafile.outputs[path.relative(extensionDir, extension.path)]!.inputs)
    expect(inputs.some((i) => i.includes("packages/simulator/"))).toBe(false)
    expect(output(result, "demoSimulator.js").text).toContain("scroll_param")
    // Only what the code uses: none of effect's crypto, JSON Schema or HTTP server modules.
    expect(inputs.filter((i) => /effect\/dist\/(crypto|http|JsonSchema)/.test(i))).toEqual([])
  }, 60_000)

  it("loading dist/extension.js evaluates no effect or client-package module", async () => {
    const result = await build(false)
    const extension = output(result, "extension.js")
    const inputs = Object.keys(result.metafile.outputs[path.relative(extensionDir, extension.path)]!.inputs)
    const heavy = inputs.filter(isHeavy)
    expect(heavy.length).toBeGreaterThan(50)
    // Each of them is wrapped in a lazy initializer (`__esm({ "<path>"() {...} })`) ...
    const unwrapped = heavy.filter((input) => !extension.text.includes(`${JSON.stringify(input)}() {`))
    expect(unwrapped).toEqual([])
    // ... and none of those initializers runs when the bundle is loaded.
    const helper = /var __esm = \((\w+), res(?:, err)?\) => function __init\(\) \{/.exec(extension.text)
    expect(helper, "esbuild's __esm helper").not.toBeNull()
    const fn = helper![1]!
    const traced = extension.text.replace(helper![0], `${helper![0]}\n  if (${fn}) globalThis.__inits.push(__getOwnPropNames(${fn})[0]);`)
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "intercom-bundle-test-"))
    try {
      fs.writeFileSync(path.join(dir, "extension.js"), traced)
      // A stand-in `vscode` module: anything, callable, constructible.
      const probe = `
        globalThis.__inits = []
        const Module = require("node:module"), load = Module._load
        const any = new Proxy(function () {}, { get: (_, p) => (p === "__esModule" ? false : p === "then" ? undefined : any), apply: () => any, construct: () => any })
        Module._load = function (request, ...rest) { return request === "vscode" ? any : load.call(this, request, ...rest) }
        const extension = require(${JSON.stringify(path.join(dir, "extension.js"))})
        if (typeof extension.activate !== "function") throw new Error("no activate()")
        process.stdout.write(JSON.stringify(globalThis.__inits))`
      const inits = JSON.parse(execFileSync(process.execPath, ["-e", probe], { encoding: "utf8" })) as Array<string>
      // http's Region.ts (the region table, no imports) is what the settings check at activation.
      expect(inits.filter(isHeavy)).toEqual(["../../packages/http/src/Region.ts"])
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }, 60_000)

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
