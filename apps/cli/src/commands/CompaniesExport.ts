import { Companies, type Company, exportPreamble, type ExportFormat, formatCompanies, type UndecodableCompany } from "@intercom-explorer/core"
import { Console, Effect, Option, Stream } from "effect"
import { Command, Flag } from "effect/cli"
import { intercomLayer } from "../GlobalOptions.js"
import { writeExport } from "../output/ExportTarget.js"
import { oddCompanyLine } from "../output/OddCompanyLine.js"
import { formatCount, formatElapsed, formatRestarts, makeProgressReporter } from "../output/ProgressReporter.js"

/** `--format` when given, else from the file's extension (`.csv` is CSV), else NDJSON. */
export const resolveFormat = (format: Option.Option<ExportFormat>, out: string): ExportFormat =>
  Option.getOrElse(format, () => (/\.csv$/i.test(out) ? "csv" : "ndjson"))

const flags = {
  format: Flag.Literals("format", ["ndjson", "csv"]).pipe(
    Flag.withMetavar("ndjson|csv"),
    Flag.optional,
    Flag.withDescription("ndjson (one JSON object per line) or csv (with a header); default from --out's extension")
  ),
  out: Flag.String("out").pipe(
    Flag.withAlias("o"),
    Flag.withMetavar("FILE"),
    Flag.withDefault("-"),
    Flag.withDescription(
      "File to write (- for stdout, the default). Written to a temporary file and renamed when complete"
    )
  ),
  quiet: Flag.Boolean("quiet").pipe(
    Flag.withAlias("q"),
    Flag.withDefault(false),
    Flag.withDescription("No progress on stderr")
  ),
  // The benchmark's baseline (see collectThenWrite); not for use.
  inMemory: Flag.Boolean("in-memory").pipe(Flag.withDefault(false), Flag.withHidden)
}

/** Pages of companies as text, in the export's order; counts what went by. */
const toText = <E, R>(
  format: ExportFormat,
  companies: Stream.Stream<Company, E, R>,
  onWritten: (count: number) => void
) => {
  let count = 0
  const body = companies.pipe(
    Stream.mapArray((page) => {
      count += page.length
      onWritten(count)
      return [formatCompanies(format, page)] as const
    })
  )
  const head = exportPreamble(format)
  return { text: head === "" ? body : Stream.concat(Stream.succeed(head), body), count: () => count }
}

/**
 * The benchmark's baseline, the naive export: collect every company (`Stream.runCollect`), build
 * the whole file in memory, then write it. Same output, memory proportional to the workspace.
 */
const collectThenWrite = <E, R>(
  format: ExportFormat,
  companies: Stream.Stream<Company, E, R>,
  onWritten: (count: number) => void
) => toText(format, Stream.unwrap(Effect.map(Stream.runCollect(companies), Stream.fromArray)), onWritten)

export const companiesExport = Command.make(
  "export",
  flags,
  Effect.fn("companies.export")(function*({ format: formatFlag, inMemory, out, quiet }) {
    const format = resolveFormat(formatFlag, out)
    const companies = yield* Companies
    const started = Date.now()
    const progress = yield* makeProgressReporter({ label: "exporting", quiet })
    let pages = 0
    let restarts = 0
    const odd: Array<UndecodableCompany> = []
    const scroll = companies.scroll({
      onProgress: (p) => {
        pages = p.pages
        restarts = p.restarts
        progress.onScroll(p)
      },
      // One company that does not decode never sinks the export: it is left out and listed.
      onUndecodable: (company) => {
        odd.push(company)
        progress.onNote(`${formatCount(odd.length)} odd left out`)
      }
    })

    const { count, text } = inMemory
      ? collectThenWrite(format, scroll, progress.onWritten)
      : toText(format, scroll, progress.onWritten)

    yield* writeExport(out, text).pipe(Effect.onError(() => progress.finish()))
    const where = out === "-" ? "stdout" : out
    yield* progress.finish(
      `exported ${formatCount(count())} companies as ${format} (${formatCount(pages)} pages, ` +
        `${formatRestarts(restarts)}${odd.length === 0 ? "" : `, ${formatCount(odd.length)} odd left out`}) ` +
        `to ${where} in ${formatElapsed(Date.now() - started)}`
    )
    for (const company of odd) yield* Console.error(oddCompanyLine(company, "left out of the export"))
  }, Effect.scoped, Effect.provide(intercomLayer))
).pipe(
  Command.withDescription(
    "Export every company exactly once (through the scroll API) as NDJSON or CSV. Progress goes to stderr. " +
      "CSV columns: id, company_id, name, plan, size, website, industry, monthly_spend, user_count, session_count, " +
      "created_at, updated_at, last_request_at (ISO 8601), tags (names joined with ;), custom_attributes (JSON)."
  ),
  Command.withExamples([
    { command: "intercom-explorer companies export --format ndjson --out companies.ndjson", description: "NDJSON to a file" },
    { command: "intercom-explorer companies export --format csv --out - > companies.csv", description: "CSV to stdout" }
  ])
)
