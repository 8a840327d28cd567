// dist/replicaWorker.js as the unit tests start it: built once per test file with the shipped
// build's options into a temporary folder (vitest runs the sources; a worker thread needs a file).
import * as esbuild from "esbuild"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { bundleOptions, shippedEntryPoints } from "../../esbuild.options.mjs"

const extensionDir = path.resolve(import.meta.dirname, "../..")

/** Builds the worker; returns its file and a cleanup. */
export const buildReplicaWorker = async (): Promise<{ readonly file: string; readonly remove: () => void }> => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "intercom-replica-worker-"))
  await esbuild.build({
    ...bundleOptions,
    absWorkingDir: extensionDir,
    entryPoints: { replicaWorker: shippedEntryPoints.replicaWorker },
    outdir: dir,
    logLevel: "silent"
  })
  return { file: path.join(dir, "replicaWorker.js"), remove: () => fs.rmSync(dir, { recursive: true, force: true }) }
}
