import { execFileSync } from "node:child_process"
import path from "node:path"

// Bundles the command line (esbuild.mjs: dist/intercom-explorer.mjs, from the workspace's sources),
// once before all test files. The tests run it through its launcher, bin/intercom-explorer.mjs.
export default function setup(): void {
  const cliDir = path.resolve(import.meta.dirname, "../..")
  execFileSync(process.execPath, [path.join(cliDir, "esbuild.mjs")], { cwd: cliDir, stdio: "inherit" })
}
