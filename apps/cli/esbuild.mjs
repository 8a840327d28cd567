// Bundles the command line into one self-contained file, dist/intercom-explorer.mjs: src/main.ts and
// everything it imports (effect, @effect/platform-node, core, http, models, the simulator), built
// from the workspace packages' TypeScript sources. bin/intercom-explorer.mjs loads it. Being one file
// with no dependencies, it is what `pnpm pack` ships: `npm i -g` of the tarball needs no registry.
//
//   node esbuild.mjs     (part of `pnpm build`)
import * as esbuild from "esbuild"

/**
 * `node:sqlite` (the replica's database) loaded on first use instead of when the bundle loads: only
 * `companies sync` and `companies query` need it, Node 22 prints an ExperimentalWarning whenever it
 * is loaded, and Node 22.12 has it only behind a flag. `new DatabaseSync(...)` returns the real one.
 */
const lazySqlite = {
  name: "lazy-node-sqlite",
  setup(build) {
    build.onResolve({ filter: /^node:sqlite$/ }, () => ({ path: "node:sqlite", namespace: "lazy-sqlite" }))
    build.onLoad({ filter: /.*/, namespace: "lazy-sqlite" }, () => ({
      loader: "js",
      contents: `export class DatabaseSync {
  constructor(...args) {
    return new (process.getBuiltinModule("node:sqlite").DatabaseSync)(...args)
  }
}`
    }))
  }
}

const result = await esbuild.build({
  absWorkingDir: import.meta.dirname,
  entryPoints: { "intercom-explorer": "src/main.ts" },
  outdir: "dist",
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node22",
  // Workspace packages resolve to their sources, as in tests: no build order between them.
  conditions: ["@intercom-explorer/source"],
  // A few CommonJS dependencies call require() for Node's modules; an ES module has none of its own.
  banner: { js: "import { createRequire as __createRequire } from \"node:module\"; const require = __createRequire(import.meta.url);" },
  minify: true,
  // No keepNames: it wraps functions in a bundle-level `__name` helper, and a function sent to a
  // worker thread as text (the replica's staging thread) cannot reach that helper there.
  keepNames: false,
  sourcemap: "linked",
  sourcesContent: false,
  legalComments: "none",
  metafile: true,
  plugins: [lazySqlite],
  logLevel: "warning"
})

const bytes = Object.values(result.metafile.outputs).find((output) => output.entryPoint !== undefined)?.bytes ?? 0
process.stderr.write(`cli: dist/intercom-explorer.mjs ${(bytes / 1024).toFixed(0)} KB\n`)
