// Where process.execve is missing (Windows, Node < 22.15): run the command as a child process with
// the flag, sharing this process's stdio. Signals sent to this process are passed on (Ctrl-C on a
// terminal reaches both; the command treats a second SIGINT like the first). Exits as the child did.
import { spawn } from "node:child_process"

export const runWithFlag = (args) => {
  const child = spawn(process.execPath, args, { stdio: "inherit" })
  const forward = (signal) => () => child.kill(signal)
  const handlers = { SIGINT: forward("SIGINT"), SIGTERM: forward("SIGTERM"), SIGHUP: forward("SIGHUP") }
  for (const [signal, handler] of Object.entries(handlers)) process.on(signal, handler)
  child.on("error", (error) => {
    process.stderr.write(`intercom-explorer: cannot start node: ${error.message}\n`)
    process.exit(1)
  })
  child.on("exit", (code, signal) => {
    for (const [name, handler] of Object.entries(handlers)) process.off(name, handler)
    if (signal !== null) process.kill(process.pid, signal)
    else process.exit(code ?? 1)
  })
}
