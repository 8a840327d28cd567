import * as vscode from "vscode"
import { redact } from "@intercom-explorer/core/connection"

/** The part of `vscode.LogOutputChannel` the Log writes to; tests pass a recording sink. */
export type LogSink = Pick<vscode.LogOutputChannel, "trace" | "debug" | "info" | "warn" | "error" | "show" | "dispose">

/**
 * The extension's only logger: the "Intercom" log output channel (Output view, and "Intercom: Show
 * Logs"). Every message passes through `redact`, with the secrets registered here (the access token
 * once it is read or stored) plus the bearer-token patterns, so no code path can log a credential by
 * accident, including errors that echo request headers.
 */
export class Log implements vscode.Disposable {
  private readonly secrets = new Set<string>()

  constructor(private readonly sink: LogSink) {}

  static create(): Log {
    // `log: true` gives a LogOutputChannel: levels, timestamps and the user's log-level setting for free.
    return new Log(vscode.window.createOutputChannel("Intercom", { log: true }))
  }

  /** Registers a secret that must never appear in the log, e.g. the token just read from SecretStorage. */
  addSecret(secret: string): void {
    this.secrets.add(secret)
  }

  /** Forgets a secret (after sign-out); its pattern-based redaction still applies. */
  removeSecret(secret: string): void {
    this.secrets.delete(secret)
  }

  /** The exact text that would be written for these arguments; the redaction is applied here. */
  format(message: string, ...args: ReadonlyArray<unknown>): string {
    const parts = [message, ...args.map(formatArg)]
    return redact(parts.join(" "), this.secrets)
  }

  trace(message: string, ...args: ReadonlyArray<unknown>): void {
    this.sink.trace(this.format(message, ...args))
  }
  debug(message: string, ...args: ReadonlyArray<unknown>): void {
    this.sink.debug(this.format(message, ...args))
  }
  info(message: string, ...args: ReadonlyArray<unknown>): void {
    this.sink.info(this.format(message, ...args))
  }
  warn(message: string, ...args: ReadonlyArray<unknown>): void {
    this.sink.warn(this.format(message, ...args))
  }
  error(message: string, ...args: ReadonlyArray<unknown>): void {
    this.sink.error(this.format(message, ...args))
  }

  show(): void {
    this.sink.show(true)
  }

  dispose(): void {
    this.sink.dispose()
  }
}

// Arguments are stringified here, not by the channel, so that their text goes through redaction too.
const formatArg = (arg: unknown): string => {
  if (arg instanceof Error) return arg.stack ?? `${arg.name}: ${arg.message}`
  if (typeof arg === "string") return arg
  try {
    return JSON.stringify(arg) ?? String(arg)
  } catch {
    return String(arg)
  }
}
