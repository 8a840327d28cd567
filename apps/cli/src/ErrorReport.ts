import { ScrollAborted, ScrollBusy } from "@intercom-explorer/core"
import { Cause, Predicate, Runtime } from "effect"
import { CliError } from "effect/cli"
import type { IntercomError } from "./Domain.js"
import { ExitCode } from "./ExitCodes.js"
import { CommandFailure, UsageFailure } from "./Failures.js"
import { connectionTarget } from "./GlobalOptions.js"
import { oneLine } from "./output/OneLine.js"

/*
 * Turns whatever ended a command into one line on stderr and an exit code. The access token is
 * never part of a message: errors carry it redacted, and as a last guard every secret the process
 * was given (the --token value, $INTERCOM_TOKEN) is masked in what is printed.
 */

export interface Report {
  /** One line for stderr, or undefined when it was already shown (parse errors with help). */
  readonly message: string | undefined
  readonly exitCode: number
}

const isIntercomError = (u: unknown): u is IntercomError =>
  Predicate.isTagged(u, "IntercomError") && Predicate.hasProperty(u, "reason")

const where = (error: IntercomError) => `${error.method} ${error.path}`
const requestId = (error: IntercomError) => (error.requestId === undefined ? "" : `, request_id ${error.requestId}`)

/** The message and exit code for an Intercom API failure. */
export const reportIntercomError = (error: IntercomError): Report => {
  const reason = error.reason
  switch (reason._tag) {
    case "Unauthorized":
      return {
        message: `Intercom rejected the access token (401) — check INTERCOM_TOKEN, --token-file or --token`,
        exitCode: ExitCode.Auth
      }
    case "Forbidden":
      return {
        message: `Intercom refused ${where(error)} for this access token (403) — the token lacks the permission` +
          requestId(error),
        exitCode: ExitCode.Auth
      }
    case "NotFound":
      return { message: `not found (404 ${reason.code}): ${where(error)}${requestId(error)}`, exitCode: ExitCode.NotFound }
    case "RateLimited":
      return {
        message: `Intercom's rate limit was exceeded (429) on ${where(error)}: ${reason.description} — try again shortly`,
        exitCode: ExitCode.Busy
      }
    case "ScrollExists":
      return {
        message: "another export of this workspace's companies is running (scroll_exists); Intercom allows one " +
          "at a time — try again in a minute",
        exitCode: ExitCode.Busy
      }
    case "Transport": {
      const at = connectionTarget()
      return {
        message: `cannot reach Intercom${at === undefined ? "" : ` at ${at}`}: ${reason.detail} (${where(error)})`,
        exitCode: ExitCode.Failure
      }
    }
    case "InsecureBaseUrl":
      return { message: reason.detail, exitCode: ExitCode.Usage }
    default:
      return { message: error.message, exitCode: ExitCode.Failure }
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
  if (error instanceof ScrollBusy) return { message: error.message, exitCode: ExitCode.Busy }
  if (error instanceof ScrollAborted) {
    const last = reportIntercomError(error.lastError)
    return last.exitCode === ExitCode.Busy || last.exitCode === ExitCode.Auth
      ? last
      : { message: oneLine(error.message), exitCode: ExitCode.Failure }
  }
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  return { message: `unexpected failure: ${oneLine(text)}`, exitCode: ExitCode.Failure }
}

export const reportCause = (cause: Cause.Cause<unknown>): Report => reportError(Cause.squash(cause))

const remembered = new Set<string>()

/** Adds a secret read later than startup (a token file, the prompt) to what `redact` masks. */
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

export const redact = (text: string, secrets: ReadonlyArray<string>): string =>
  secrets.reduce((acc, secret) => acc.split(secret).join("<redacted>"), text)

/** What `main` fails with once the report is printed: the exit code for `NodeRuntime.runMain`. */
export class ExitWith extends Error {
  override readonly [Runtime.errorExitCode]: number
  override readonly [Runtime.errorReported] = false
  constructor(readonly code: number) {
    super(`exit ${code}`)
    this[Runtime.errorExitCode] = code
  }
}
