import { execFileSync } from "node:child_process"
import { createRequire } from "node:module"
import path from "node:path"

// Builds the command line and the packages it imports (`tsc -b` follows the project references),
// once before all test files. Incremental: a no-op when dist/ is up to date.
export default function setup(): void {
  const cliDir = path.resolve(import.meta.dirname, "../..")
  const tsc = createRequire(path.join(cliDir, "package.json")).resolve("typescript/bin/tsc")
  execFileSync(process.execPath, [tsc, "-b", cliDir], { stdio: "inherit" })
}
