// The bundle options shared by esbuild.mjs (the builds), bench/run.mjs (which measures the
// production bundle) and test/unit/bundle.test.ts: no side effects on import.
import fs from "node:fs"
import { createRequire } from "node:module"
import path from "node:path"

const here = path.resolve(import.meta.dirname)

/**
 * The shipped bundles (dist/<name>.js). Activation loads extension.js only; the others are
 * required on first use: engine.js (src/engine.ts: everything that runs on effect and the client
 * packages) by src/lazy.ts, demoSimulator.js by src/demo/DemoWorkspace.ts when the demo starts;
 * replicaWorker.js is the replica's worker thread (src/replica/replicaWorker.ts: reads and syncs of
 * the SQLite replica off the extension host's thread), started by the engine on the first read.
 */
export const shippedEntryPoints = {
  extension: "src/extension.ts",
  engine: "src/engine.ts",
  demoSimulator: "src/demo/demoSimulator.ts",
  replicaWorker: "src/replica/replicaWorker.ts"
}

/**
 * In the shipped build, `require("./engine")` (src/lazy.ts) and `require("./demoSimulator")`
 * (src/demo/DemoWorkspace.ts) stay run-time requires of the bundles next to dist/extension.js
 * instead of pulling those modules in. (The integration-test bundle bundles them in.)
 */
const splitBundles = {
  name: "split-bundles",
  setup(build) {
    build.onResolve({ filter: /^\.\/(engine|demoSimulator)$/ }, (args) =>
      args.kind === "require-call" ? { path: `${args.path}.js`, external: true } : undefined)
  }
}

// ---- effect: one module per name instead of the barrel -----------------------------------------
// `import { Schema } from "effect"` goes through effect's index.js, whose `export * as Schema from
// "./Schema.js"` makes a namespace object: esbuild then keeps every export of Schema.js and what they
// import (JSON Schema, crypto keys, cron, ...), used or not. `import * as Schema from "effect/Schema"`
// keeps only what the code uses. The extension's sources import that way; this plugin gives the
// workspace packages bundled from source (core, http, models, simulator) the same deep imports at
// bundle time, without touching their sources. Only value imports of names the barrel re-exports are
// rewritten; anything else (`import type`, `import * as`, an unknown name) is left as written, and
// then still works, through the barrel. Measured on the production build: effect went from ~480 KB
// to ~140 KB.
const require = createRequire(path.join(here, "package.json"))
const effectDist = path.join(path.dirname(require.resolve("effect/package.json")), "dist")

/** name -> replacement import, per effect barrel ("effect", "effect/http", ...), from its index.js. */
const effectBarrels = new Map()
const effectBarrel = (specifier) => {
  let names = effectBarrels.get(specifier)
  if (names !== undefined) return names
  const sub = specifier === "effect" ? "" : `${specifier.slice("effect/".length)}/`
  const index = path.join(effectDist, sub, "index.js")
  names = new Map()
  if (fs.existsSync(index)) {
    const text = fs.readFileSync(index, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "")
    for (const [, name, file] of text.matchAll(/export \* as (\w+) from "\.\/([\w/]+)\.js"/g)) {
      names.set(name, (local) => `import * as ${local} from "effect/${sub}${file}";`)
    }
    for (const [, list, file] of text.matchAll(/export \{([^}]*)\} from "\.\/([\w/]+)\.js"/g)) {
      for (const name of list.split(",").map((s) => s.trim()).filter(Boolean)) {
        names.set(name, (local) => `import { ${name} as ${local} } from "effect/${sub}${file}";`)
      }
    }
  }
  effectBarrels.set(specifier, names)
  return names
}

const barrelImport = /import\s+(type\s+)?\{([^}]*)\}\s*from\s*"(effect(?:\/[a-z-]+)?)"\s*;?/g

/** Rewrites `import { A, type B, C as D } from "effect"` into one deep import per value name. */
export const deepenEffectImports = (source) =>
  source.replace(barrelImport, (statement, typeOnly, list, specifier) => {
    if (typeOnly) return statement
    const names = effectBarrel(specifier)
    const imports = []
    for (const part of list.split(",").map((s) => s.trim()).filter(Boolean)) {
      if (part.startsWith("type ")) continue
      const [name, local = name] = part.split(/\s+as\s+/)
      const deep = names.get(name)
      if (deep === undefined) return statement
      imports.push(deep(local))
    }
    // Same number of lines, so that source maps and stack traces still point at the right line.
    return imports.join(" ") + "\n".repeat(statement.split("\n").length - 1)
  })

const effectDeepImports = {
  name: "effect-deep-imports",
  setup(build) {
    build.onLoad({ filter: /\.[cm]?ts$/ }, async (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined
      const source = await fs.promises.readFile(args.path, "utf8")
      return { contents: deepenEffectImports(source), loader: "ts", watchFiles: [args.path] }
    })
  }
}

/** @type {import("esbuild").BuildOptions} */
export const bundleOptions = {
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  // `vscode` is provided by the extension host at run time.
  external: ["vscode"],
  // Workspace packages (@intercom-explorer/*) export their TypeScript sources under this condition,
  // so the extension bundles straight from source and needs no prior build of the libraries.
  // "module" is kept because setting `conditions` drops esbuild's default list.
  conditions: ["@intercom-explorer/source", "module"],
  plugins: [effectDeepImports],
  // jsonc-parser's "main" is a UMD build whose run-time requires (./impl/format) a bundle cannot
  // follow; its ES module build bundles like any other.
  alias: { "jsonc-parser": "jsonc-parser/lib/esm/main.js" },
  logLevel: "warning",
  absWorkingDir: here
}

/** The shipped build: dist/extension.js, dist/engine.js, dist/demoSimulator.js and dist/replicaWorker.js (esbuild.mjs, the bench, the bundle test). */
export const shippedBuildOptions = {
  ...bundleOptions,
  entryPoints: shippedEntryPoints,
  plugins: [splitBundles, ...bundleOptions.plugins]
}
