// Runs inside the VS Code extension host next to the extension (the workbench's
// extensionTestsPath), for `pnpm bench`: times the extension's activation where VS Code does it,
// module loading included, then keeps the extension host alive while bench/run.mjs drives the
// workbench (the host stops as soon as run() settles).
import * as fs from "node:fs"
import * as path from "node:path"
import { performance } from "node:perf_hooks"
import * as vscode from "vscode"
import { EXTENSION_ID } from "../src/contributions"

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export async function run(): Promise<void> {
  const dir = process.env["INTERCOM_BENCH_DIR"]
  if (!dir) throw new Error("INTERCOM_BENCH_DIR is not set")
  const extension = vscode.extensions.getExtension(EXTENSION_ID)
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`)
  // Nothing in the bench folder activates it before this (no activation event fires there).
  const wasActive = extension.isActive
  // The extension host runs this while the workbench is still starting up; users open the view
  // later. Measured in the middle of start-up, activation varied 0.4-1.6 s on a 2-core machine.
  await sleep(3_000)
  const started = performance.now()
  await extension.activate()
  const activationMs = performance.now() - started
  fs.writeFileSync(path.join(dir, "host.json"), JSON.stringify({ wasActive, activationMs }))

  const done = path.join(dir, "done")
  const deadline = Date.now() + 10 * 60_000
  while (!fs.existsSync(done) && Date.now() < deadline) await sleep(100)
}
