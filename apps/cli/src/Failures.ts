import { Schema } from "effect"
import { ExitCode } from "./ExitCodes.js"

/** The command line itself was wrong (exit 2): the message says what to change. */
export class UsageFailure extends Schema.TaggedError<UsageFailure>()("UsageFailure", {
  message: Schema.String
}) {
  get exitCode(): number {
    return ExitCode.Usage
  }
}

/** A command could not do its job for a reason of its own (exit 1 unless said otherwise). */
export class CommandFailure extends Schema.TaggedError<CommandFailure>()("CommandFailure", {
  message: Schema.String,
  code: Schema.optional(Schema.Number)
}) {
  get exitCode(): number {
    return this.code ?? ExitCode.Failure
  }
}
