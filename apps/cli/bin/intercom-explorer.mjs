#!/usr/bin/env node
// The `intercom-explorer` command. A committed launcher, so the bin exists when a package manager
// links it at install time; the program is the bundle `pnpm build` makes, dist/intercom-explorer.mjs.
//
// The export's memory profile needs V8's young generation capped (--max-semi-space-size=8, see
// README "Memory"). V8 reads that flag only when the process starts, so when it is missing this
// launcher replaces itself with `node --max-semi-space-size=8 <this file> ...args` (process.execve:
// same process id, stdio and signals; a child process where execve does not exist). Started with
// the flag (or with a --max-semi-space-size of the user's own), it loads the bundle directly.
// The re-execution costs one bare Node start (about 40 ms); `./run cli` and `pnpm cli` pass the flag.
import { existsSync } from "node:fs"
import module from "node:module"
import { fileURLToPath } from "node:url"

const bundle = new URL("../dist/intercom-explorer.mjs", import.meta.url)
const semiSpaceFlag = "--max-semi-space-size=8"

const hasSemiSpaceFlag = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/)]
  .some((arg) => arg.startsWith("--max-semi-space-size"))

if (!existsSync(bundle)) {
  process.stderr.write("intercom-explorer: not built yet; run `./run build` (or `pnpm build`) at the repository root\n")
  process.exit(1)
}

if (hasSemiSpaceFlag) {
  // V8's compiled code of the bundle, cached on disk by Node (in the temp directory): about a
  // quarter of the start-up time from the second run on. NODE_DISABLE_COMPILE_CACHE=1 turns it off.
  module.enableCompileCache?.()
  await import(bundle.href)
} else {
  const args = [...process.execArgv, semiSpaceFlag, fileURLToPath(import.meta.url), ...process.argv.slice(2)]
  // INTERCOM_CLI_RELAUNCH=spawn takes the child-process path where execve exists too (its tests).
  if (typeof process.execve === "function" && process.env.INTERCOM_CLI_RELAUNCH !== "spawn") {
    process.execve(process.execPath, [process.execPath, ...args], process.env)
  } else {
    const { runWithFlag } = await import("./relaunch.mjs")
    runWithFlag(args)
  }
}
