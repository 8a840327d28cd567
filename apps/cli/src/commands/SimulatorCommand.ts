import {
  DEFAULTS,
  parseDuration,
  parseFaults,
  type Simulator,
  type SimulatorOptions,
  startSimulator
} from "@intercom-explorer/simulator"
import { Console, Effect, Option, Redacted, type Types } from "effect"
import { Command, Flag } from "effect/cli"
import { CommandFailure, UsageFailure } from "../Failures.js"
import { TokenFileFlag, TokenFlag } from "../GlobalOptions.js"
import { stopOnSignalIsSuccess } from "../Shutdown.js"
import { readTokenFile } from "../TokenSource.js"

/*
 * `simulator`: the same flags as the simulator's own command line (`pnpm simulator`), with
 * `--token` being the global flag (here: the token the simulator accepts).
 */

/** Milliseconds from "60" (seconds), "2s" or "500ms", as the simulator's own CLI reads them. */
export const parseSeconds = (text: string): Option.Option<number> =>
  Option.map(Option.fromUndefinedOr(parseDuration(text, "s")), Math.round)

const int = (name: string, description: string) => Flag.Int(name).pipe(Flag.optional, Flag.withDescription(description))

const duration = (name: string, description: string) =>
  Flag.String(name).pipe(
    Flag.withMetavar("SECONDS|Nms|Ns"),
    Flag.filterMap(parseSeconds, (text) => `--${name} needs a duration like 60, 2s or 500ms, got '${text}'`),
    Flag.optional,
    Flag.withDescription(description)
  )

const flags = {
  port: Flag.Int("port").pipe(
    Flag.withDefault(DEFAULTS.port),
    Flag.withDescription("Port to listen on (default 0: any free port)")
  ),
  host: Flag.String("host").pipe(
    Flag.withDefault(DEFAULTS.host),
    Flag.withDescription("Interface to bind (127.0.0.1: this machine only)")
  ),
  companies: int("companies", `Companies to seed (default ${DEFAULTS.companies})`),
  seed: int("seed", `Seed for the data and for probabilistic faults (default ${DEFAULTS.seed})`),
  scrollTtl: duration("scroll-ttl", `Idle scroll expiry (default ${DEFAULTS.scrollTtlMs / 1000} s)`),
  scrollPageSize: int("scroll-page-size", `Companies per scroll page (default ${DEFAULTS.scrollPageSize})`),
  rateLimit: int("rate-limit", `Requests per window (default ${DEFAULTS.rateLimit})`),
  rateWindow: duration("rate-window", `Rate-limit window (default ${DEFAULTS.rateWindowMs / 1000} s)`),
  faults: Flag.String("faults").pipe(
    Flag.atLeast(0),
    Flag.withDescription(`Faults to arm, e.g. "scroll-expire@nth=3,truncate-body@p=0.05" (repeatable)`)
  ),
  appId: Flag.String("app-id").pipe(Flag.optional, Flag.withDescription("The workspace's app id")),
  log: Flag.Boolean("log").pipe(Flag.withDefault(false), Flag.withDescription("Log each request to stderr"))
}

type Flags = Command.Command.Config.Infer<typeof flags>

export const toSimulatorOptions = (
  input: Flags,
  token: Option.Option<Redacted.Redacted<string>>
): Effect.Effect<SimulatorOptions, UsageFailure> =>
  Effect.try({
    try: () => {
      const options: Types.Mutable<SimulatorOptions> = { port: input.port, host: input.host }
      if (Option.isSome(input.companies)) options.companies = input.companies.value
      if (Option.isSome(input.seed)) options.seed = input.seed.value
      if (Option.isSome(input.scrollTtl)) options.scrollTtlMs = input.scrollTtl.value
      if (Option.isSome(input.scrollPageSize)) options.scrollPageSize = input.scrollPageSize.value
      if (Option.isSome(input.rateLimit)) options.rateLimit = input.rateLimit.value
      if (Option.isSome(input.rateWindow)) options.rateWindowMs = input.rateWindow.value
      if (Option.isSome(input.appId)) options.appId = input.appId.value
      if (input.faults.length > 0) options.faults = input.faults.flatMap((text) => parseFaults(text))
      if (Option.isSome(token)) options.token = Redacted.value(token.value)
      if (input.log) options.log = (line) => process.stderr.write(`${line}\n`)
      return options
    },
    catch: (error) => new UsageFailure({ message: error instanceof Error ? error.message : String(error) })
  })

const errorCode = (error: unknown): string | undefined =>
  error !== null && typeof error === "object" && "code" in error ? String(error.code) : undefined

const start = (options: SimulatorOptions) =>
  Effect.tryPromise({
    try: () => startSimulator(options),
    catch: (error) => {
      const code = errorCode(error)
      if (code === "EADDRINUSE") {
        return new CommandFailure({ message: `port ${options.port} is already in use (pass --port 0 for a free one)` })
      }
      if (code !== undefined) return new CommandFailure({ message: `cannot listen on ${options.host}: ${code}` })
      // Option validation ("companies must be >= 0") comes back as a plain Error.
      return new UsageFailure({ message: error instanceof Error ? error.message : String(error) })
    }
  })

export const simulatorCommand = Command.make(
  "simulator",
  flags,
  Effect.fn("simulator")(function*(input) {
    const tokenFile = yield* TokenFileFlag
    const token = Option.isSome(tokenFile)
      ? Option.some((yield* readTokenFile(tokenFile.value)).value)
      : yield* TokenFlag
    const options = yield* toSimulatorOptions(input, token)
    const started = Date.now()
    const simulator: Simulator = yield* Effect.acquireRelease(start(options), (sim) => Effect.promise(() => sim.close()))
    const counts = simulator.state.counts()
    // The token is only shown when it is the well-known default, never one passed in.
    const tokenNote = Option.isSome(tokenFile)
      ? "token from --token-file"
      : Option.isSome(token)
      ? "token from --token"
      : `token "${DEFAULTS.token}"`
    yield* Console.error(
      `seeded ${counts.companies} companies, ${counts.contacts} contacts, ${counts.tags} tags, ` +
        `${counts.segments} segments, ${counts.notes} notes in ${Date.now() - started} ms; ${tokenNote}; Ctrl-C stops it`
    )
    yield* Console.log(`listening on ${simulator.url}`)
    yield* stopOnSignalIsSuccess
    return yield* Effect.never
  }, Effect.scoped)
).pipe(
  Command.withDescription(
    "Start the local Intercom simulator (a stateful, wire-compatible Intercom API for demos and tests) and " +
      `serve until Ctrl-C. It prints "listening on http://HOST:PORT" on stdout when ready. --token or --token-file ` +
      `sets the token it accepts (default "${DEFAULTS.token}")`
  ),
  Command.withExamples([
    {
      command: "intercom-explorer simulator --port 4010 --companies 100000 --rate-limit 100000",
      description: "A large workspace without rate limiting"
    }
  ])
)
