import { Effect, FileSystem, Option, type Path, Redacted, Terminal } from "effect"
import { Prompt } from "effect/cli"
import { ExitCode } from "./ExitCodes.js"
import { rememberSecret } from "./ErrorReport.js"
import { CommandFailure, UsageFailure } from "./Failures.js"
import * as StderrTerminal from "./output/StderrTerminal.js"

/*
 * Where the access token comes from, first match wins: `--token` (works, but warns: shells and
 * process lists keep it), `--token-file FILE`, `$INTERCOM_TOKEN`, else a hidden prompt when stdin is
 * a terminal. Whatever the source, the value is `Redacted` at once and remembered as a secret, so
 * the last-guard redaction of printed messages masks it too. No message ever quotes a token file.
 */

export type TokenSource = "--token" | "--token-file" | "INTERCOM_TOKEN" | "prompt"

export interface Token {
  readonly value: Redacted.Redacted<string>
  readonly source: TokenSource
}

export interface TokenInputs {
  readonly flag: Option.Option<Redacted.Redacted<string>>
  readonly file: Option.Option<string>
  readonly env: Option.Option<string>
  /** Whether a person can be asked: stdin is a terminal. */
  readonly interactive: boolean
}

export const tokenFlagWarning = "warning: --token leaves the access token in your shell history and in process lists " +
  "(ps); prefer INTERCOM_TOKEN, --token-file FILE or the prompt"

export const noTokenMessage = "no access token: set INTERCOM_TOKEN, pass --token-file FILE, or run in a terminal " +
  "to be prompted for it"

/** Token files are a line; anything this long is the wrong file. */
const maxTokenFileBytes = 4096

const token = (value: string, source: TokenSource): Token => {
  rememberSecret(value)
  return { value: Redacted.make(value, { label: "IntercomToken" }), source }
}

const fileFailure = (file: string, problem: string) => new UsageFailure({ message: `--token-file ${file}: ${problem}` })

/** The token in FILE: its content without the trailing newline (or any surrounding whitespace). */
export const readTokenFile = Effect.fn("TokenSource.readTokenFile")(
  function*(file: string): Effect.fn.Return<Token, UsageFailure, FileSystem.FileSystem> {
    const fs = yield* FileSystem.FileSystem
    const bytes = yield* fs.readFile(file).pipe(
      Effect.mapError((error) => {
        const reason = error.reason
        if (reason._tag === "NotFound") return fileFailure(file, "no such file")
        if (reason._tag === "PermissionDenied") return fileFailure(file, "permission denied, cannot read it")
        const code = reason._tag === "BadArgument" ? "bad argument" : reason.syscall ?? reason._tag
        return fileFailure(file, `cannot read it (${code}${isDirectoryError(reason) ? ": a directory" : ""})`)
      })
    )
    if (bytes.length > maxTokenFileBytes) {
      return yield* fileFailure(file, `${bytes.length} bytes, too long for an access token; is it the right file?`)
    }
    const value = new TextDecoder().decode(bytes).replace(/^\uFEFF/, "").trim()
    if (value === "") return yield* fileFailure(file, "the file is empty; it must hold the access token")
    if (/\s/.test(value)) {
      return yield* fileFailure(file, "more than one word or line; it must hold the access token alone")
    }
    return token(value, "--token-file")
  }
)

const isDirectoryError = (reason: { readonly cause?: unknown }): boolean =>
  typeof reason.cause === "object" && reason.cause !== null && "code" in reason.cause && reason.cause.code === "EISDIR"

/** Asks for the token on stderr, typed without echo. Esc, Ctrl-C or Ctrl-D cancel (exit 130). */
export const promptForToken: Effect.Effect<Token, CommandFailure, FileSystem.FileSystem | Path.Path> = Prompt.Hidden({
  message: "Intercom access token (input hidden)",
  validate: (value) =>
    value.trim() === "" ? Effect.fail("the token is empty: paste it, or press Esc to cancel") : Effect.succeed(value)
}).pipe(
  Effect.map((value) => token(Redacted.value(value).trim(), "prompt")),
  Effect.catchIf(
    Terminal.isQuitError,
    () => Effect.fail(new CommandFailure({ message: "cancelled: no access token given", code: ExitCode.Interrupted }))
  ),
  Effect.provide(StderrTerminal.layer)
)

/** The token from the first source that has one; `noTokenMessage` (exit 2) when none has. */
export const resolveToken = Effect.fn("TokenSource.resolveToken")(
  function*(inputs: TokenInputs): Effect.fn.Return<
    Token,
    UsageFailure | CommandFailure,
    FileSystem.FileSystem | Path.Path
  > {
    const flag = Option.filter(inputs.flag, (value) => Redacted.value(value).trim() !== "")
    if (Option.isSome(flag) && Option.isSome(inputs.file)) {
      return yield* new UsageFailure({ message: "give the access token one way: --token or --token-file, not both" })
    }
    if (Option.isSome(flag)) return token(Redacted.value(flag.value).trim(), "--token")
    if (Option.isSome(inputs.file)) return yield* readTokenFile(inputs.file.value)
    if (Option.isSome(inputs.env)) return token(inputs.env.value.trim(), "INTERCOM_TOKEN")
    if (inputs.interactive) return yield* promptForToken
    return yield* new UsageFailure({ message: noTokenMessage })
  }
)
