import type { Types } from "effect"
import { parseDuration } from "./DurationText.js"
import { parseFaults } from "./server/FaultSyntax.js"
import type { FaultSpec } from "./server/Faults.js"
import { DEFAULTS, type SimulatorOptions } from "./SimulatorOptions.js"

// Command-line arguments → SimulatorOptions. Pure, so it is tested without spawning anything.

export const USAGE = `Usage: intercom-simulator [options]

A local, stateful Intercom API (2.11) for demos, tests and benchmarks.

Options:
  --port <n>             port to listen on (default ${DEFAULTS.port}: any free port)
  --host <addr>          interface to bind (default ${DEFAULTS.host})
  --companies <n>        companies to seed (default ${DEFAULTS.companies})
  --token <token>        the access token to accept (default "${DEFAULTS.token}")
  --seed <n>             seed for the data and for probabilistic faults (default ${DEFAULTS.seed})
  --scroll-ttl <t>       idle scroll expiry, seconds or 500ms/2s (default ${DEFAULTS.scrollTtlMs / 1000})
  --scroll-page-size <n> companies per scroll page (default ${DEFAULTS.scrollPageSize})
  --rate-limit <n>       requests per window (default ${DEFAULTS.rateLimit})
  --rate-window <t>      rate-limit window, seconds or 500ms/2s (default ${DEFAULTS.rateWindowMs / 1000})
  --faults <spec>        faults to arm, e.g. "scroll-expire@nth=3,truncate-body@p=0.05" (repeatable)
  --app-id <id>          the workspace's app id (default derived from the seed)
  --log                  log each request to stderr
  -h, --help             show this help

Fault syntax: kind[@option&option...], comma-separated. Kinds: scroll-restart-500, scroll-expire,
rate-limit-burst, latency, drop-connection, truncate-body. Options: once | nth=N | p=P (seeded),
times=N, delay=MS, count=N, fraction=F, hold, method=M, path=/prefix or path=~regex.

When ready it prints "listening on http://HOST:PORT" on stdout. Ctrl-C stops it.
Admin endpoint (no token): GET /__admin/state, GET|POST|DELETE /__admin/faults.`

interface CliConfig {
  readonly help: boolean
  readonly log: boolean
  readonly options: SimulatorOptions
}

const integer = (flag: string, text: string): number => {
  const n = Number(text)
  if (text.trim() === "" || !Number.isInteger(n)) throw new Error(`${flag} needs an integer, got '${text}'`)
  return n
}

/** Milliseconds from "60" (seconds), "2s" or "500ms". */
const seconds = (flag: string, text: string): number => {
  const ms = parseDuration(text, "s")
  if (ms === undefined) throw new Error(`${flag} needs a duration like 60, 2s or 500ms, got '${text}'`)
  return Math.round(ms)
}

export const parseCliArgs = (argv: ReadonlyArray<string>): CliConfig => {
  const options: Types.Mutable<SimulatorOptions> = {}
  const faults: Array<FaultSpec> = []
  let help = false
  let log = false
  const args = [...argv]
  while (args.length > 0) {
    const arg = args.shift() ?? ""
    if (arg === "--") continue // pnpm may pass its separator through
    if (arg === "-h" || arg === "--help") {
      help = true
      continue
    }
    if (arg === "--log") {
      log = true
      continue
    }
    if (!arg.startsWith("--")) throw new Error(`unexpected argument '${arg}'`)
    const eq = arg.indexOf("=")
    const flag = eq < 0 ? arg : arg.slice(0, eq)
    let value: string
    if (eq >= 0) value = arg.slice(eq + 1)
    else {
      const next = args.shift()
      if (next === undefined) throw new Error(`${flag} needs a value`)
      value = next
    }
    switch (flag) {
      case "--port":
        options.port = integer(flag, value)
        break
      case "--host":
        options.host = value
        break
      case "--companies":
        options.companies = integer(flag, value)
        break
      case "--token":
        options.token = value
        break
      case "--seed":
        options.seed = integer(flag, value)
        break
      case "--scroll-ttl":
        options.scrollTtlMs = seconds(flag, value)
        break
      case "--scroll-page-size":
        options.scrollPageSize = integer(flag, value)
        break
      case "--rate-limit":
        options.rateLimit = integer(flag, value)
        break
      case "--rate-window":
        options.rateWindowMs = seconds(flag, value)
        break
      case "--faults":
        faults.push(...parseFaults(value))
        break
      case "--app-id":
        options.appId = value
        break
      default:
        throw new Error(`unknown option '${flag}'`)
    }
  }
  if (faults.length > 0) options.faults = faults
  return { help, log, options }
}
