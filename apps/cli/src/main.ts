#!/usr/bin/env node
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as NodeServices from "@effect/platform-node/NodeServices"
import { Cause, Effect, Exit, Runtime } from "effect"
import { getHeapSpaceStatistics, getHeapStatistics } from "node:v8"
import { Command } from "effect/cli"
import { cli, version } from "./Cli.js"
import { redact } from "@intercom-explorer/core"
import { ExitWith, reportCause, secretsOf } from "./ErrorReport.js"
import * as UsagePresenter from "./output/UsagePresenter.js"
import { protectNegatedQuery } from "./QueryArgument.js"
import { isSignalNormalStop } from "./Shutdown.js"

// Benchmarks and tests read from stderr the peak resident set size of this process, the size V8's
// young generation reached and V8's heap limit, which includes 3x the young generation's cap (the
// launcher's --max-semi-space-size=8 makes it 8 MB per semi-space instead of up to 64).
if (process.env.INTERCOM_CLI_REPORT_RSS === "1") {
  process.on("exit", () => {
    const newSpace = getHeapSpaceStatistics().find((space) => space.space_name === "new_space")?.space_size ?? 0
    const kb = (bytes: number) => Math.round(bytes / 1024)
    process.stderr.write(
      `peak-rss-kb=${process.resourceUsage().maxRSS} new-space-kb=${kb(newSpace)} ` +
        `heap-limit-kb=${kb(getHeapStatistics().heap_size_limit)}\n`
    )
  })
}

// `pnpm cli -- companies export ...` hands the separator through; it means nothing here.
const argv = process.argv.slice(2)
const args = protectNegatedQuery(argv[0] === "--" ? argv.slice(1) : argv)
// Read when printing: a token from a file or the prompt is only known once it was read.
const secrets = () => secretsOf(args, process.env)

const main = Command.runWith(cli, { version })(args).pipe(
  Effect.catchCause((cause): Effect.Effect<never, ExitWith> => {
    if (Cause.hasInterruptsOnly(cause)) return Effect.interrupt
    const report = reportCause(cause)
    const print = report.message === undefined
      ? Effect.void
      : Effect.sync(() => process.stderr.write(`error: ${redact(report.message!, secrets())}\n`))
    return Effect.andThen(print, Effect.fail(new ExitWith(report.exitCode)))
  }),
  Effect.provide(UsagePresenter.layer((text) => redact(text, secrets()))),
  Effect.provide(NodeServices.layer)
)

NodeRuntime.runMain(main, {
  disableErrorReporting: true,
  teardown: (exit, onExit) =>
    Exit.isFailure(exit) && Cause.hasInterruptsOnly(exit.cause) && isSignalNormalStop()
      ? onExit(0)
      : Runtime.defaultTeardown(exit, onExit)
})
