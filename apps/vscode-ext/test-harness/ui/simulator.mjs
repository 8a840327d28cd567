// The Intercom simulator for UI checks, in the check runner's own Node process, so that a check
// can read the simulator's state after driving the workbench. The package exports TypeScript
// sources, so it is bundled on the fly with esbuild (already a dev dependency) into a scratch file.
import * as esbuild from "esbuild"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { pathToFileURL } from "node:url"
import { REPO_DIR } from "../lib/env.mjs"

let loaded

const load = async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "intercom-ui-sim-"))
  const outfile = path.join(dir, "simulator.mjs")
  await esbuild.build({
    entryPoints: [path.join(REPO_DIR, "packages/simulator/src/index.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile,
    conditions: ["@intercom-explorer/source", "module"],
    logLevel: "warning"
  })
  return import(pathToFileURL(outfile).href)
}

/** Starts a simulator (options as @intercom-explorer/simulator's startSimulator). */
export const startSimulator = async (options = {}) => {
  loaded ??= load()
  return (await loaded).startSimulator(options)
}
