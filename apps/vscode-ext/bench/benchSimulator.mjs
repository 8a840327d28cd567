// The simulator the extension's benches read from: a child process (packages/simulator, built), so
// that the measured process's CPU and memory are its own, with no rate limit and a throwaway token.
import { spawn } from "node:child_process"
import path from "node:path"
import { REPO_DIR } from "../test-harness/lib/env.mjs"

/** Starts it with `companies` (seed 3); resolves with the child and its URL once it listens. */
export const startBenchSimulator = async (companies, token) => {
  const child = spawn(process.execPath, [path.join(REPO_DIR, "packages/simulator/bin/intercom-simulator.mjs"), "--port", "0", "--companies", String(companies), "--seed", "3", "--rate-limit", "1000000000", "--token", token], {
    stdio: ["ignore", "pipe", "inherit"]
  })
  const url = await new Promise((resolve, reject) => {
    let text = ""
    child.stdout.on("data", (chunk) => {
      text += chunk
      const match = /listening on (\S+)/.exec(text)
      if (match) resolve(match[1])
    })
    child.on("exit", (code) => reject(new Error(`the simulator exited (${code})`)))
  })
  return { child, url }
}
