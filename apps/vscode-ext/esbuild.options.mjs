// The bundle options shared by esbuild.mjs (the builds) and bench/run.mjs (which measures the
// production bundle): no side effects on import.
import path from "node:path"

/** @type {import("esbuild").BuildOptions} */
export const bundleOptions = {
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  // The API module is provided by the extension host at run time.
  external: ["vscode"],
  // Workspace packages (@intercom-explorer/*) export their TypeScript sources under this condition,
  // so the extension bundles straight from source and needs no prior build of the libraries.
  // "module" is kept because setting `conditions` drops esbuild's default list.
  conditions: ["@intercom-explorer/source", "module"],
  logLevel: "warning",
  absWorkingDir: path.resolve(import.meta.dirname)
}
