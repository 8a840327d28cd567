import * as NodeSink from "@effect/platform-node/NodeSink"
import { Effect, Exit, FileSystem, Path, Schema, Stream } from "effect"
import { createWriteStream, type WriteStream } from "node:fs"
import { CommandFailure } from "../Failures.js"

/*
 * Where an export goes. A file is written under a temporary name in the same directory and
 * renamed onto the target only when the export completed, so an interrupted or failed export never
 * leaves a half file that looks complete (an existing target is left untouched until then).
 * `-` streams to stdout instead. Both honour backpressure: the producer waits while the OS buffers
 * are full, so memory stays flat however large the export is.
 */

/** The reader of stdout went away (`| head`): for a query the end of the output, for an export a failure. */
export class StdoutClosed extends Schema.TaggedError<StdoutClosed>()("StdoutClosed", {}) {
  override get message(): string {
    return "cannot write to stdout: the reader closed the pipe"
  }
}

const isEpipe = (error: unknown) =>
  error !== null && typeof error === "object" && "code" in error && error.code === "EPIPE"

const describe = (error: unknown): string => {
  if (error !== null && typeof error === "object" && "code" in error) {
    const code = String(error.code)
    if (code === "ENOENT") return "no such directory"
    if (code === "EACCES" || code === "EPERM") return "permission denied"
    if (code === "EISDIR") return "is a directory"
    if (code === "ENOSPC") return "no space left on the device"
    if (code === "EPIPE") return "the reader closed the pipe"
    return code
  }
  return error instanceof Error ? error.message : String(error)
}

/** Waits (a bounded while) for the file descriptor to be closed, so the rename or removal is clean. */
const waitClosed = (stream: WriteStream | undefined) =>
  Effect.callback<void>((resume) => {
    if (stream === undefined || stream.closed) return resume(Effect.void)
    stream.once("close", () => resume(Effect.void))
  }).pipe(Effect.timeoutOption("5 seconds"), Effect.asVoid)

/** The temporary sibling a file export is written to before the rename. */
export const partialPathOf = (path: Path.Path, out: string): string =>
  path.join(path.dirname(out), `.${path.basename(out)}.${process.pid}.partial`)

/** Streams `text` to stdout with backpressure; a closed pipe is `StdoutClosed`. */
export const writeStdout = <E, R>(text: Stream.Stream<string, E, R>): Effect.Effect<void, E | StdoutClosed | CommandFailure, R> =>
  Stream.run(
    text,
    NodeSink.fromWritable({
      evaluate: () => process.stdout,
      onError: (error): StdoutClosed | CommandFailure =>
        isEpipe(error) ? new StdoutClosed() : new CommandFailure({ message: `cannot write to stdout: ${describe(error)}` }),
      endOnDone: false
    })
  )

/** Writes `text` to `out` (`-` is stdout), with the temp-file-then-rename rule for files. */
export const writeExport = <E, R>(
  out: string,
  text: Stream.Stream<string, E, R>
): Effect.Effect<void, E | CommandFailure, R | FileSystem.FileSystem | Path.Path> => {
  if (out === "-") {
    // An export cut short is a failure: the exit code tells the reader the output is incomplete.
    return writeStdout(text).pipe(
      Effect.mapError((error) => (error instanceof StdoutClosed ? new CommandFailure({ message: error.message }) : error))
    )
  }
  return Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const path = yield* Path.Path
    const target = path.resolve(out)
    const partial = partialPathOf(path, target)
    let file: WriteStream | undefined
    const sink = NodeSink.fromWritable({
      evaluate: () => {
        file = createWriteStream(partial, { flags: "w", mode: 0o644 })
        return file
      },
      onError: (error) => new CommandFailure({ message: `cannot write ${out}: ${describe(error)}` })
    })
    yield* Stream.run(text, sink).pipe(
      Effect.andThen(waitClosed(file)),
      Effect.andThen(
        fs.rename(partial, target).pipe(
          Effect.mapError((error) => new CommandFailure({ message: `cannot rename the export onto ${out}: ${error.message}` }))
        )
      ),
      Effect.onExit((exit) =>
        Exit.isSuccess(exit)
          ? Effect.void
          : waitClosed(file).pipe(Effect.andThen(fs.remove(partial, { force: true })), Effect.ignore)
      )
    )
  })
}
