import { spawn } from "node:child_process"
import path from "node:path"

export const cliDir = path.resolve(import.meta.dirname, "../..")
export const repoRoot = path.resolve(cliDir, "../..")
/** The command as installed: the launcher, which adds the GC flag and loads the bundle. */
export const binJs = path.join(cliDir, "bin", "intercom-explorer.mjs")
/** The bundle the launcher loads. */
export const bundleJs = path.join(cliDir, "dist", "intercom-explorer.mjs")

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
  /** Written to the child's stdin, which is then closed (default: no stdin at all). */
  readonly input?: string
  /** Run the child as this user (needs root), e.g. so that file permissions apply to it. */
  readonly uid?: number
  readonly gid?: number
}

export const cleanEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith("INTERCOM_")) env[key] = value
  return env
}

/** Runs `command ...args` to completion, collecting stdout and stderr. */
export const run = (command: string, args: ReadonlyArray<string>, options: RunOptions = {}): Promise<CliResult> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? cliDir,
      env: { ...cleanEnv(), ...options.env },
      stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
      ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.gid ?? options.uid })
    })
    let stdout = ""
    let stderr = ""
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk))
    child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk))
    if (options.input !== undefined) child.stdin!.end(options.input)
    child.on("error", reject)
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }))
  })

/** Runs `node bin/intercom-explorer.mjs ...args` to completion. */
export const runCli = (args: ReadonlyArray<string>, options: RunOptions = {}): Promise<CliResult> =>
  run(process.execPath, [binJs, ...args], options)

/** The non-empty lines of a text. */
export const linesOf = (text: string): Array<string> => text.split(/\r?\n/).filter((line) => line.trim() !== "")

/** stderr without the warning `--token` earns (tests that pass --token on purpose). */
export const withoutTokenWarning = (stderr: string): string =>
  stderr.split("\n").filter((line) => !line.startsWith("warning: --token ")).join("\n")

export interface RunningCli {
  readonly pid: number
  /** stderr so far. */
  readonly stderr: () => string
  /** Sends a signal to the command (the launcher execs node in place: same pid). */
  readonly kill: (signal: NodeJS.Signals) => void
  readonly done: Promise<CliResult>
}

/** Starts `node bin/intercom-explorer.mjs ...args` without waiting for it (to signal it mid-run). */
export const startCli = (args: ReadonlyArray<string>, options: RunOptions = {}): RunningCli => {
  const child = spawn(process.execPath, [binJs, ...args], {
    cwd: options.cwd ?? cliDir,
    env: { ...cleanEnv(), ...options.env },
    stdio: ["ignore", "pipe", "pipe"]
  })
  let stdout = ""
  let stderr = ""
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk))
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on("error", reject)
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }))
  })
  return { pid: child.pid!, stderr: () => stderr, kill: (signal) => child.kill(signal), done }
}

/** Resolves once `condition()` holds, polling every 50 ms; rejects after `timeoutMs`. */
export const waitFor = (condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> =>
  new Promise((resolve, reject) => {
    const started = Date.now()
    const poll = () => {
      if (condition()) return resolve()
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`))
      setTimeout(poll, 50)
    }
    poll()
  })
