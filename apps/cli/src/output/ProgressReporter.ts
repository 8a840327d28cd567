import type { ScrollProgress } from "@intercom-explorer/core"
import { Duration, Effect, Schedule, type Scope } from "effect"

/*
 * Progress of an export or a sync on stderr, throttled: on a terminal one line rewritten in place a few times a
 * second; otherwise (a pipe, a CI log) a plain line every couple of seconds, so logs stay short.
 */

export interface ProgressSink {
  readonly isTTY: boolean
  readonly write: (text: string) => void
}

export const stderrSink: ProgressSink = {
  isTTY: process.stderr.isTTY === true,
  write: (text) => {
    process.stderr.write(text)
  }
}

export interface ProgressReporter {
  /** The scroll's own counters (`ScrollOptions.onProgress`); cheap, called once per page. */
  readonly onScroll: (progress: ScrollProgress) => void
  /** Companies written to the output (or stored in the replica) so far. */
  readonly onWritten: (count: number) => void
  /** A note after the counters (`reading tags`), or undefined for none. */
  readonly onNote: (note: string | undefined) => void
  /**
   * Stops the ticker and prints `summary` as the last line (nothing when quiet). Without a summary
   * (a failure) it only ends a progress line left open on a terminal, so the error starts clean.
   */
  readonly finish: (summary?: string) => Effect.Effect<void>
}

const number = new Intl.NumberFormat("en-US")

const formatLine = (
  scroll: ScrollProgress | undefined,
  written: number,
  elapsedMs: number,
  verb: string,
  note: string | undefined
): string => {
  const rate = elapsedMs > 0 ? Math.round((written * 1000) / elapsedMs) : 0
  const pages = scroll?.pages ?? 0
  const restarts = scroll?.restarts ?? 0
  const base =
    `${number.format(written)} companies ${verb}, ${number.format(pages)} pages, ` +
    `${formatRestarts(restarts)}, ${number.format(rate)}/s`
  switch (scroll?.phase) {
    case "waiting":
      return `${base} — waiting for another scroll of this app to end (scroll_exists` +
        `${scroll.waits > 0 ? `, wait ${scroll.waits}` : ""})`
    case "restarting":
      return `${base} — restarting the scroll`
    default:
      return note === undefined ? base : `${base} — ${note}`
  }
}

export interface ProgressOptions {
  readonly label: string
  /** What happened to the companies counted: "written" (the default), "stored". */
  readonly verb?: string | undefined
  readonly quiet: boolean
  readonly sink?: ProgressSink | undefined
  readonly now?: (() => number) | undefined
}

/** A reporter whose ticker lives as long as the surrounding scope. */
export const makeProgressReporter = Effect.fnUntraced(function*(
  options: ProgressOptions
): Effect.fn.Return<ProgressReporter, never, Scope.Scope> {
  const now = options.now ?? Date.now
  const started = now()
  let scroll: ScrollProgress | undefined
  let written = 0
  let note: string | undefined
  const line = yield* makeStatusLine({
    quiet: options.quiet,
    sink: options.sink,
    render: () => `${options.label}: ${formatLine(scroll, written, now() - started, options.verb ?? "written", note)}`
  })
  return {
    onScroll: (progress) => {
      scroll = progress
    },
    onWritten: (count) => {
      written = count
    },
    onNote: (text) => {
      note = text
    },
    finish: line.finish
  }
})

export interface StatusLine {
  /** See `ProgressReporter.finish`. */
  readonly finish: (summary?: string) => Effect.Effect<void>
}

/**
 * A status line on stderr re-rendered by a ticker for the surrounding scope's lifetime: rewritten
 * in place on a terminal (5 times a second), a new line every 2 s otherwise (a log stays short).
 */
export const makeStatusLine = Effect.fnUntraced(function*(options: {
  readonly quiet: boolean
  readonly sink?: ProgressSink | undefined
  readonly render: () => string
}): Effect.fn.Return<StatusLine, never, Scope.Scope> {
  const sink = options.sink ?? stderrSink
  let lastRendered = ""
  let finished = false

  const render = () => {
    if (finished) return
    const line = options.render()
    if (line === lastRendered) return
    lastRendered = line
    sink.write(sink.isTTY ? `\r\x1b[2K${line}` : `${line}\n`)
  }

  if (!options.quiet) {
    const every = Duration.millis(sink.isTTY ? 200 : 2000)
    yield* Effect.sync(render).pipe(
      Effect.repeat(Schedule.spaced(every)),
      Effect.delay(every),
      Effect.forkScoped
    )
  }

  return {
    finish: (summary) =>
      Effect.sync(() => {
        if (finished) return
        finished = true
        if (options.quiet) return
        const openLine = sink.isTTY && lastRendered !== ""
        if (summary === undefined) {
          if (openLine) sink.write("\n")
          return
        }
        sink.write(openLine ? `\r\x1b[2K${summary}\n` : `${summary}\n`)
      })
  }
})

/** "12.3 s" / "850 ms". */
export const formatElapsed = (millis: number): string =>
  millis >= 1000 ? `${(millis / 1000).toFixed(1)} s` : `${Math.round(millis)} ms`

export const formatCount = (value: number): string => number.format(value)

/** "1 restart" / "2 restarts". */
export const formatRestarts = (restarts: number): string => `${restarts} restart${restarts === 1 ? "" : "s"}`
