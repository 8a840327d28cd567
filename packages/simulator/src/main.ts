#!/usr/bin/env node
// The command line: `intercom-simulator --port 4010 --companies 1000 --token secret`.
// stdout carries exactly one line, "listening on http://HOST:PORT", once the server accepts
// connections, so scripts can wait for it; everything else goes to stderr. The token is never
// printed unless it is the well-known default.
import { performance } from "node:perf_hooks"
import { parseCliArgs, USAGE } from "./CliArgs.js"
import { DEFAULTS } from "./SimulatorOptions.js"
import { startSimulator } from "./startSimulator.js"

const main = async (): Promise<void> => {
  let config
  try {
    config = parseCliArgs(process.argv.slice(2))
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`)
    process.exit(2)
  }
  if (config.help) {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  const started = performance.now()
  const sim = await startSimulator({
    ...config.options,
    ...(config.log ? { log: (line: string) => process.stderr.write(`${line}\n`) } : {})
  })
  const counts = sim.state.counts()
  const token = config.options.token === undefined ? `token "${DEFAULTS.token}"` : "token from --token"
  process.stderr.write(
    `seeded ${counts.companies} companies, ${counts.contacts} contacts, ${counts.tags} tags, ${counts.segments} segments, ` +
      `${counts.notes} notes in ${Math.round(performance.now() - started)} ms; ${token}\n`
  )
  process.stdout.write(`listening on ${sim.url}\n`)

  // Keep handling the signals after the first: a terminal's Ctrl-C reaches every process in the
  // group, and pnpm forwards it again to its child, so a second SIGINT is normal and must not
  // kill the process before close() has finished.
  let stopping = false
  const stop = (): void => {
    if (stopping) return
    stopping = true
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1)
    )
  }
  process.on("SIGINT", stop)
  process.on("SIGTERM", stop)
}

main().catch((error: unknown) => {
  process.stderr.write(`simulator failed to start: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
