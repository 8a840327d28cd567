// Bundles the extension and its integration-test suite with esbuild.
//
//   node esbuild.mjs                 development: sourcemaps, not minified (what the tests run)
//   node esbuild.mjs --production    minified, no sourcemaps (what `vsce package` ships)
//   node esbuild.mjs --watch         rebuild on change
//
// Outputs (CommonJS, because VS Code loads `main` with require):
//   dist/extension.js               src/extension.ts and what it imports, except `vscode`: what
//                                   activation loads
//   dist/engine.js                  src/engine.ts: everything that runs on effect and the client
//                                   packages, required by dist/extension.js on first use (src/lazy.ts)
//   dist/demoSimulator.js           the simulator (src/demo/demoSimulator.ts), required when the demo
//                                   workspace starts
//   dist/replicaWorker.js           the replica's worker thread (src/replica/replicaWorker.ts): reads and
//                                   syncs of the SQLite replica, started by the engine on first use (also
//                                   what the integration tests' bundle starts)
//   dist/test/suite/index.js        the Mocha runner + every src/test/suite/*.test.ts, loaded by the
//                                   extension host as extensionTestsPath (never shipped in the .vsix).
//                                   Stack traces in failures point at this bundle: VS Code's extension
//                                   host replaces Error.prepareStackTrace, so Node's source maps do not apply.
import * as esbuild from "esbuild"
import { readdirSync } from "node:fs"
import path from "node:path"
import { bundleOptions, shippedBuildOptions } from "./esbuild.options.mjs"

const here = import.meta.dirname
const production = process.argv.includes("--production")
const watch = process.argv.includes("--watch")

const common = {
  ...bundleOptions,
  minify: production,
  sourcemap: production ? false : "linked",
  sourcesContent: false
}

// `virtual:test-files` = every src/test/suite/*.test.ts, each behind a function. The runner calls them
// after Mocha has installed its globals (suite/test), which a plain import would run too early.
// A new test file is picked up by the next build with no list to edit.
const suiteDir = path.join(here, "src/test/suite")
const testFilesPlugin = {
  name: "test-files",
  setup(build) {
    build.onResolve({ filter: /^virtual:test-files$/ }, () => ({ path: "test-files", namespace: "test-files" }))
    build.onLoad({ filter: /.*/, namespace: "test-files" }, () => {
      const files = readdirSync(suiteDir).filter((f) => f.endsWith(".test.ts")).sort()
      const entries = files.map((f) => `  { name: ${JSON.stringify(f)}, load: () => require(${JSON.stringify(path.join(suiteDir, f))}) }`)
      return {
        contents: `export const testFiles = [\n${entries.join(",\n")}\n];\n`,
        loader: "js",
        resolveDir: suiteDir,
        watchDirs: [suiteDir]
      }
    })
  }
}

const builds = [
  { ...common, ...shippedBuildOptions, outdir: "dist" },
  {
    ...common,
    entryPoints: { index: "src/test/suite/index.ts" },
    outdir: "dist/test/suite",
    minify: false,
    sourcemap: "linked",
    plugins: [...bundleOptions.plugins, testFilesPlugin],
    // Mocha's parallel mode (worker files found with require.resolve) is never used in the extension host.
    logOverride: { "require-resolve-not-external": "silent" }
  }
]

const started = Date.now()
if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch()
  console.log("esbuild: watching src/ ...")
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)))
  console.log(`esbuild: ${production ? "production" : "development"} bundles in dist/ (${Date.now() - started} ms)`)
}
