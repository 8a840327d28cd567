#!/usr/bin/env node
// The `intercom-simulator` bin. A committed launcher (not dist/main.js itself) so that the bin exists
// when pnpm links it at install time, before anything is built.
import { existsSync } from "node:fs"

const main = new URL("../dist/main.js", import.meta.url)
if (!existsSync(main)) {
  process.stderr.write("intercom-simulator: not built yet; run `./run build` (or `pnpm build`) at the repository root\n")
  process.exit(1)
}
await import(main.href)
