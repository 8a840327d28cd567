import { spawn } from "node:child_process"
import path from "node:path"

export const cliDir = path.resolve(import.meta.dirname, "../..")
export const mainJs = path.join(cliDir, "dist", "main.js")

export interface CliResult {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

export interface RunOptions {
  /** Extra environment; INTERCOM_* variables of the test process are never inherited. */
  readonly env?: Record<string, string>
  readonly cwd?: string
}

const cleanEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith("INTERCOM_")) env[key] = value
  return env
}

/** Runs `node dist/main.js ...args` to completion. */
export const runCli = (args: ReadonlyArray<string>, options: RunOptions = {}): Promise<CliResult> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [mainJs, ...args], {
      cwd: options.cwd ?? cliDir,
      env: { ...cleanEnv(), ...options.env },
      stdio: ["ignore", "pipe", "pipe"]
    })
    let stdout = ""
    let stderr = ""
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk))
    child.on("error", reject)
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }))
  })

/** The non-empty lines of a text. */
export const linesOf = (text: string): Array<string> => text.split(/\r?\n/).filter((line) => line.trim() !== "")
