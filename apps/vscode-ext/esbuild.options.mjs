// The bundle options shared by esbuild.mjs (the builds), bench/run.mjs (which measures the
// production bundle) and test/unit/bundle.test.ts: no side effects on import.
import fs from "node:fs"
import { createRequire } from "node:module"
import path from "node:path"

const here = path.resolve(import.meta.dirname)

/**
 * The shipped bundles (dist/<name>.js). The simulator is a bundle of its own: the extension loads
 * it with `require("./demoSimulator.js")` when the demo workspace starts (src/demo/DemoWorkspace.ts),
 * so activation neither parses nor runs it.
 */
export const shippedEntryPoints = {
  extension: "src/extension.ts",
  demoSimulator: "src/demo/demoSimulator.ts"
}

/** `require("./demoSimulator.js")` stays a run-time require of the bundle next to dist/extension.js. */
const demoSimulatorExternal = {
  name: "demo-simulator-external",
  setup(build) {
    build.onResolve({ filter: /^\.\/demoSimulator\.js$/ }, (args) => ({ path: args.path, external: true }))
  }
}

// ---- deep imports: each name from the module that defines it, not through a barrel -------------
// Two kinds of barrel cost the bundle (and activation) much more than the code that is used:
//
// - effect's index.js: `import { Schema } from "effect"` reads `export * as Schema from "./Schema.js"`,
//   a namespace object, so esbuild keeps every export of Schema.js and what they import (JSON Schema,
//   crypto keys, ...). `import * as Schema from "effect/Schema"` keeps only what the code uses.
// - the workspace packages' index.ts (`export * from "./x.js"`): harmless while a barrel is evaluated
//   at load, but code reached through `require()` (src/lazy.ts) is wrapped in an initializer, and a
//   wrapped barrel initializes every module it re-exports, used or not (http's index alone brings
//   effect's HTTP client modules along).
//
// So at bundle time, `import { A, type B, C as D } from "<barrel>"` becomes one import per value name
// from the module that defines it, for the extension's sources and for the packages bundled from
// source (core, http, models, simulator), without touching their sources. A name that cannot be
// traced (or `import type`, `import * as`) is left as written: it then still works, through the
// barrel. Measured on the production bundle: effect went from ~480 KB to ~140 KB.
const require = createRequire(path.join(here, "package.json"))
const effectDist = path.join(path.dirname(require.resolve("effect/package.json")), "dist")

const stripComments = (text) => text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "")

/** name -> replacement import, per effect barrel ("effect", "effect/http", ...), from its index.js. */
const effectBarrels = new Map()
const effectBarrel = (specifier) => {
  let names = effectBarrels.get(specifier)
  if (names !== undefined) return names
  const sub = specifier === "effect" ? "" : `${specifier.slice("effect/".length)}/`
  const index = path.join(effectDist, sub, "index.js")
  names = new Map()
  if (fs.existsSync(index)) {
    const text = stripComments(fs.readFileSync(index, "utf8"))
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

const namedImport = /import\s+(type\s+)?\{([^}]*)\}\s*from\s*"([^"]+)"\s*;?/g

/** The value names of an import list: `A, type B, C as D` -> [["A", "A"], ["C", "D"]]. */
const valueNames = (list) =>
  list.split(",").map((s) => s.trim()).filter((s) => s !== "" && !s.startsWith("type ")).map((s) => {
    const [name, local = name] = s.split(/\s+as\s+/)
    return [name, local]
  })

/** Same number of lines as the statement replaced, so that source maps still point at the right line. */
const sameLines = (statement, imports) => imports.join(" ") + "\n".repeat(statement.split("\n").length - 1)

/** Rewrites `import { A, type B, C as D } from "effect"` into one deep import per value name. */
export const deepenEffectImports = (source) =>
  source.replace(namedImport, (statement, typeOnly, list, specifier) => {
    if (typeOnly || !/^effect(\/[a-z-]+)?$/.test(specifier)) return statement
    const names = effectBarrel(specifier)
    const imports = []
    for (const [name, local] of valueNames(list)) {
      const deep = names.get(name)
      if (deep === undefined) return statement
      imports.push(deep(local))
    }
    return sameLines(statement, imports)
  })

/**
 * The value exports of a workspace source file, each traced to the file that declares it:
 * name -> { file, name } (what to import from where). Declarations, `export { a as b }`, `export
 * { a } from`, `export * from` (a name two star exports give is ambiguous, as in TypeScript, and
 * dropped). `resolve(specifier, fromFile)` gives the file an import specifier points to. Files are
 * read once per build (`cache` holds the promises: onLoad callbacks run concurrently); `visiting`
 * cuts a cycle of re-exports short instead of waiting on itself.
 */
const exportsOf = (file, resolve, cache, visiting = new Set()) => {
  if (visiting.has(file)) return Promise.resolve(new Map())
  let names = cache.get(file)
  if (names === undefined) {
    names = readExports(file, resolve, cache, new Set([...visiting, file]))
    cache.set(file, names)
  }
  return names
}

const readExports = async (file, resolve, cache, visiting) => {
  const names = new Map()
  if (!/\.[cm]?ts$/.test(file) || !fs.existsSync(file)) return names
  const text = stripComments(await fs.promises.readFile(file, "utf8"))
  const declared = /export\s+(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?:const|let|var|function\*?|class|enum)\s+([A-Za-z_$][\w$]*)/g
  for (const [, name] of text.matchAll(declared)) names.set(name, { file, name })
  for (const [, typeOnly, list, from] of text.matchAll(/export\s+(type\s+)?\{([^}]*)\}(?:\s*from\s*"([^"]+)")?/g)) {
    if (typeOnly) continue
    const target = from === undefined ? undefined : await resolve(from, file)
    for (const [name, exported] of valueNames(list)) {
      // `export { a as b }` of something this file has: imported as `b` from this file.
      if (target === undefined) names.set(exported, from === undefined ? { file, name: exported } : undefined)
      else names.set(exported, (await exportsOf(target, resolve, cache, visiting)).get(name))
    }
  }
  const starred = new Map()
  for (const [, from] of text.matchAll(/export\s+\*\s+from\s*"([^"]+)"/g)) {
    const target = await resolve(from, file)
    if (target === undefined) continue
    for (const [name, traced] of await exportsOf(target, resolve, cache, visiting)) {
      if (names.has(name) && !starred.has(name)) continue // a local export wins over a star export
      if (starred.has(name) && starred.get(name) !== traced?.file) names.set(name, undefined)
      else names.set(name, traced)
      starred.set(name, traced?.file)
    }
  }
  return names
}

/** Rewrites `import { ... } from "@intercom-explorer/<package>"` to imports from the declaring files. */
const deepenWorkspaceImports = async (source, importer, resolve, cache) => {
  const statements = [...source.matchAll(namedImport)].filter(([, typeOnly, , specifier]) => !typeOnly && specifier.startsWith("@intercom-explorer/"))
  let out = source
  for (const [statement, , list, specifier] of statements) {
    const barrel = await resolve(specifier, importer)
    if (barrel === undefined) continue
    const exported = await exportsOf(barrel, resolve, cache)
    const byFile = new Map()
    const traced = valueNames(list).every(([name, local]) => {
      const target = exported.get(name)
      if (target === undefined) return false
      byFile.set(target.file, [...(byFile.get(target.file) ?? []), `${target.name} as ${local}`])
      return true
    })
    if (!traced) continue
    const imports = [...byFile].map(([file, names]) => `import { ${names.join(", ")} } from ${JSON.stringify(file)};`)
    out = out.replace(statement, sameLines(statement, imports))
  }
  return out
}

const deepImports = {
  name: "deep-imports",
  setup(build) {
    const cache = new Map()
    const resolved = new Map()
    const resolve = async (specifier, fromFile) => {
      const key = `${path.dirname(fromFile)}\0${specifier}`
      if (!resolved.has(key)) {
        const result = await build.resolve(specifier, { resolveDir: path.dirname(fromFile), kind: "import-statement" })
        resolved.set(key, result.errors.length === 0 && !result.external && path.isAbsolute(result.path) ? result.path : undefined)
      }
      return resolved.get(key)
    }
    build.onLoad({ filter: /\.[cm]?ts$/ }, async (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined
      const source = await fs.promises.readFile(args.path, "utf8")
      const contents = await deepenWorkspaceImports(deepenEffectImports(source), args.path, resolve, cache)
      return { contents, loader: "ts", watchFiles: [args.path] }
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
  plugins: [demoSimulatorExternal, deepImports],
  logLevel: "warning",
  absWorkingDir: here
}
