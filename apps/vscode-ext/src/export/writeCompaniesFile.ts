import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Stream from "effect/Stream"
import { type FileHandle, open, rename, rm } from "node:fs/promises"
import * as path from "node:path"
import { type Company, exportPreamble, type ExportFormat, formatCompanies } from "@intercom-explorer/core"

// The CSV and NDJSON formats are core's (`CompanyExportFormat`), shared with the CLI's export; this
// module writes them to a file.

/** The file extension and save-dialog filter of a format. */
export const exportFileType = (format: ExportFormat): { readonly extension: string; readonly label: string } =>
  format === "csv" ? { extension: "csv", label: "CSV" } : { extension: "ndjson", label: "NDJSON" }

/** The export file could not be written, renamed or cleaned up. */
export class ExportWriteError extends Data.TaggedError("ExportWriteError")<{
  readonly message: string
  readonly cause: unknown
}> {}

export interface ExportSummary {
  readonly companies: number
  readonly bytes: number
}

/**
 * The temporary sibling an export is written to. Same directory, so the final rename is atomic and
 * never crosses file systems; a dot name, so it stays out of the way while the export runs.
 */
const partialPathOf = (target: string): string =>
  path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.partial`)

const describe = (error: unknown): string => {
  const code = error !== null && typeof error === "object" && "code" in error ? String(error.code) : undefined
  if (code === "ENOENT") return "no such folder"
  if (code === "EACCES" || code === "EPERM") return "permission denied"
  if (code === "EISDIR") return "it is a folder"
  if (code === "ENOSPC") return "no space left on the device"
  return code ?? (error instanceof Error ? error.message : String(error))
}

const io = <A>(what: string, run: () => Promise<A>) =>
  Effect.tryPromise({ try: run, catch: (cause) => new ExportWriteError({ message: `${what}: ${describe(cause)}`, cause }) })

/**
 * Streams `companies` into `target` as NDJSON or CSV. The text goes to a temporary file that is
 * renamed onto `target` only after the last company was written, so a cancelled or failed export
 * (interruption, scroll error, full disk) leaves no half file that looks complete, and an existing
 * `target` stays untouched until then. Each scroll page is one awaited write: the stream pulls the
 * next page only when the disk has taken the previous one, so memory stays flat however large the
 * workspace is.
 */
export const writeCompaniesFile = <E, R>(
  companies: Stream.Stream<Company, E, R>,
  format: ExportFormat,
  target: string
): Effect.Effect<ExportSummary, E | ExportWriteError, R> => {
  const partial = partialPathOf(target)
  let closed = false
  const close = (file: FileHandle) =>
    closed ? Effect.void : io(`cannot close ${partial}`, () => ((closed = true), file.close()))

  return Effect.acquireUseRelease(
    io(`cannot create ${target}`, () => open(partial, "w", 0o644)),
    (file) =>
      Effect.gen(function*() {
        let count = 0
        let bytes = 0
        const write = (text: string) =>
          io(`cannot write ${target}`, async () => {
            // FileHandle.write may write less than asked; writeFile on a handle loops until done.
            await file.writeFile(text)
            bytes += Buffer.byteLength(text)
          })
        yield* write(exportPreamble(format))
        yield* Stream.runForEachArray(companies, (batch) => {
          count += batch.length
          return write(formatCompanies(format, batch))
        })
        yield* close(file)
        yield* io(`cannot move the export onto ${target}`, () => rename(partial, target))
        return { companies: count, bytes } satisfies ExportSummary
      }),
    // Interrupted (Cancel), failed, or done: the handle is closed (FileHandle.close waits for a write
    // in flight), and unless the rename happened the temporary file is removed.
    (file, exit) =>
      close(file).pipe(
        Effect.ignore,
        Effect.andThen(Exit.isSuccess(exit) ? Effect.void : Effect.ignore(io("", () => rm(partial, { force: true }))))
      )
  )
}
