// Bundles the command line into one self-contained file, dist/intercom-explorer.mjs: src/main.ts and
// everything it imports (effect, @effect/platform-node, core, http, models, the simulator), built
// from the workspace packages' TypeScript sources. bin/intercom-explorer.mjs loads it. Being one file
// with no dependencies, it is what `pnpm pack` ships: `npm i -g` of the tarball needs no registry.
//
//   node esbuild.mjs     (part of `pnpm build`)
import * as esbuild from "esbuild"

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
  keepNames: true,
  sourcemap: "linked",
  sourcesContent: false,
  legalComments: "none",
  metafile: true,
  logLevel: "warning"
})

const bytes = Object.values(result.metafile.outputs).find((output) => output.entryPoint !== undefined)?.bytes ?? 0
process.stderr.write(`cli: dist/intercom-explorer.mjs ${(bytes / 1024).toFixed(0)} KB\n`)
