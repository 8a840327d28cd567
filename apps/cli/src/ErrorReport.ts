import { describeError, type IntercomError, isIntercomError } from "@intercom-explorer/core"
import { PlanError } from "@intercom-explorer/plans"
import { ReplicaError } from "@intercom-explorer/replica"
import { Cause, Runtime } from "effect"
import { CliError } from "effect/cli"
import { ExitCode } from "./ExitCodes.js"
import { CommandFailure, UsageFailure } from "./Failures.js"
import { connectionTarget } from "./GlobalOptions.js"
import { oneLine } from "./output/OneLine.js"

/*
 * Turns whatever ended a command into one line on stderr and an exit code. The words are core's
 * `describeError`; the exit code is the CLI's own. The access token is never part of a message:
 * errors carry it redacted, and as a last guard `main` masks every secret the process was given
 * (the --token value, $INTERCOM_TOKEN) with core's `redact`.
 */

export interface Report {
  /** One line for stderr, or undefined when it was already shown (parse errors with help). */
  readonly message: string | undefined
  readonly exitCode: number
}

/** What a person can do about a rejected token, from the command line. */
const whenUnauthorized = "check INTERCOM_TOKEN, --token-file or --token"

/** The exit code for an Intercom API failure, by its reason. */
const exitCodeOf = (error: IntercomError): number => {
  switch (error.reason._tag) {
    case "Unauthorized":
    case "Forbidden":
      return ExitCode.Auth
    case "NotFound":
      return ExitCode.NotFound
    case "RateLimited":
    case "ScrollExists":
    case "ScrollBusy":
      return ExitCode.Busy
    case "InsecureBaseUrl":
      return ExitCode.Usage
    case "ScrollAborted": {
      // A scroll that gave up on a busy workspace or a refused token exits as that failure would.
      const last = exitCodeOf(error.reason.lastError)
      return last === ExitCode.Busy || last === ExitCode.Auth ? last : ExitCode.Failure
    }
    default:
      return ExitCode.Failure
  }
}

/** The message and exit code for an Intercom API failure. */
export const reportIntercomError = (error: IntercomError): Report => ({
  message: describeError(error, { whenUnauthorized, target: connectionTarget() }),
  exitCode: exitCodeOf(error)
})

/** The exit code for a replica failure: what the user can fix on the command line is a usage error. */
const replicaExitCode = (error: ReplicaError): number => {
  switch (error.reason._tag) {
    case "InvalidQuery":
    case "ReplicaMissing":
    case "WrongWorkspace":
      return ExitCode.Usage
    case "SyncInProgress":
      return ExitCode.Busy
    default:
      return ExitCode.Failure
  }
}

/** The message and exit code for a replica failure (the replica's own sentence). */
export const reportReplicaError = (error: ReplicaError): Report => ({
  message: error.reason._tag === "InvalidQuery" ? `invalid query: ${oneLine(error.message)}` : oneLine(error.message),
  exitCode: replicaExitCode(error)
})

/** The exit code for a plan failure: a bad source, plan file or workspace is the user's to fix (usage). */
const planExitCode = (error: PlanError): number => {
  switch (error.reason._tag) {
    case "ApplyInProgress":
      return ExitCode.Busy
    // Stopped by Intercom (a refused token, rows failing one after another), or files and SQLite.
    case "ApplyStopped":
    case "JournalFailure":
    case "OutputFailure":
      return ExitCode.Failure
    default:
      return ExitCode.Usage
  }
}

/** Report for one error value (the squashed cause). */
export const reportError = (error: unknown): Report => {
  if (CliError.isCliError(error)) {
    // ShowHelp: the presenter already printed help and the parse errors.
    if (error._tag === "ShowHelp") return { message: undefined, exitCode: ExitCode.Usage }
    return { message: oneLine(error.message), exitCode: ExitCode.Usage }
  }
  if (error instanceof UsageFailure || error instanceof CommandFailure) {
    return { message: oneLine(error.message), exitCode: error.exitCode }
  }
  if (isIntercomError(error)) return reportIntercomError(error)
  if (error instanceof ReplicaError) return reportReplicaError(error)
  if (error instanceof PlanError) return { message: oneLine(error.message), exitCode: planExitCode(error) }
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  return { message: `unexpected failure: ${oneLine(text)}`, exitCode: ExitCode.Failure }
}

export const reportCause = (cause: Cause.Cause<unknown>): Report => reportError(Cause.squash(cause))

const remembered = new Set<string>()

/** Adds a secret read later than startup (a token file, the prompt) to what `main` masks. */
export const rememberSecret = (secret: string): void => {
  if (secret.length >= 4) remembered.add(secret)
}

/** The secrets this process was given, from argv and the environment, and those remembered since. */
export const secretsOf = (argv: ReadonlyArray<string>, env: NodeJS.ProcessEnv): ReadonlyArray<string> => {
  const secrets: Array<string> = [...remembered]
  argv.forEach((arg, i) => {
    if (arg === "--token" && argv[i + 1] !== undefined) secrets.push(argv[i + 1]!)
    else if (arg.startsWith("--token=")) secrets.push(arg.slice("--token=".length))
  })
  if (env.INTERCOM_TOKEN !== undefined) secrets.push(env.INTERCOM_TOKEN)
  return secrets.filter((s) => s.length >= 4)
}

/** What `main` fails with once the report is printed: the exit code for `NodeRuntime.runMain`. */
export class ExitWith extends Error {
  override readonly [Runtime.errorExitCode]: number
  override readonly [Runtime.errorReported] = false
  constructor(readonly code: number) {
    super(`exit ${code}`)
    this[Runtime.errorExitCode] = code
  }
}
