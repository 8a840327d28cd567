#!/usr/bin/env node
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as NodeServices from "@effect/platform-node/NodeServices"
import { Cause, Effect, Exit, Runtime } from "effect"
import { Command } from "effect/cli"
import { cli, version } from "./Cli.js"
import { ExitWith, redact, reportCause, secretsOf } from "./ErrorReport.js"
import * as UsagePresenter from "./output/UsagePresenter.js"
import { isSignalNormalStop } from "./Shutdown.js"

// Benchmarks read the peak resident set size of this process from stderr.
if (process.env.INTERCOM_CLI_REPORT_RSS === "1") {
  process.on("exit", () => process.stderr.write(`peak-rss-kb=${process.resourceUsage().maxRSS}\n`))
}

// `pnpm cli -- companies export ...` hands the separator through; it means nothing here.
const argv = process.argv.slice(2)
const args = argv[0] === "--" ? argv.slice(1) : argv
const secrets = secretsOf(args, process.env)

const main = Command.runWith(cli, { version })(args).pipe(
  Effect.catchCause((cause): Effect.Effect<never, ExitWith> => {
    if (Cause.hasInterruptsOnly(cause)) return Effect.interrupt
    const report = reportCause(cause)
    const print = report.message === undefined
      ? Effect.void
      : Effect.sync(() => process.stderr.write(`error: ${redact(report.message!, secrets)}\n`))
    return Effect.andThen(print, Effect.fail(new ExitWith(report.exitCode)))
  }),
  Effect.provide(UsagePresenter.layer((text) => redact(text, secrets))),
  Effect.provide(NodeServices.layer)
)

NodeRuntime.runMain(main, {
  disableErrorReporting: true,
  teardown: (exit, onExit) =>
    Exit.isFailure(exit) && Cause.hasInterruptsOnly(exit.cause) && isSignalNormalStop()
      ? onExit(0)
      : Runtime.defaultTeardown(exit, onExit)
})
