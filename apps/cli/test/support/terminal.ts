import { spawn } from "node:child_process"
import { cleanEnv, cliDir } from "./runCli.js"

export interface TerminalResult {
  readonly code: number | null
  /** Everything the terminal showed: the command's stdout and stderr, and the echo of what was typed. */
  readonly screen: string
}

/**
 * Runs a shell command line on a pseudo-terminal (util-linux `script`), so the command sees a TTY on
 * stdin, stdout and stderr (unless the command line redirects them), then types `keys` once `ready`
 * appears on the screen. The terminal echoes typed keys unless the program turned echo off.
 */
export const runOnTerminal = (
  commandLine: string,
  keys: string,
  ready: RegExp,
  env: Record<string, string> = {}
): Promise<TerminalResult> =>
  new Promise((resolve, reject) => {
    const child = spawn("script", ["-qfec", commandLine, "/dev/null"], {
      cwd: cliDir,
      env: { ...cleanEnv(), TERM: "dumb", ...env },
      stdio: ["pipe", "pipe", "pipe"]
    })
    let screen = ""
    let typed = false
    const onOutput = (chunk: string) => {
      screen += chunk
      if (!typed && ready.test(screen)) {
        typed = true
        child.stdin.write(keys)
      }
    }
    child.stdout.setEncoding("utf8").on("data", onOutput)
    child.stderr.setEncoding("utf8").on("data", onOutput)
    child.on("error", reject)
    child.on("close", (code) => resolve({ code, screen }))
  })

/** Whether `script` (util-linux) is there to make a pseudo-terminal. */
export const hasScript = async (): Promise<boolean> =>
  new Promise((resolve) => {
    const child = spawn("script", ["--version"], { stdio: "ignore" })
    child.on("error", () => resolve(false))
    child.on("close", (code) => resolve(code === 0))
  })
