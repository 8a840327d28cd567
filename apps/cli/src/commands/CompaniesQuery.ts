import { parseQuery, Replica } from "@intercom-explorer/replica"
import { Console, Effect, Option } from "effect"
import { Argument, Command, Flag } from "effect/cli"
import { endpointSettings } from "../GlobalOptions.js"
import { type QueryFormat, queryText } from "../output/CompanyQueryOutput.js"
import { StdoutClosed, writeStdout } from "../output/ExportTarget.js"
import { formatCount } from "../output/ProgressReporter.js"
import { dbFlag, explicitReplicaFile, syncedReplicaFile } from "../replica/ReplicaLocation.js"

const config = {
  query: Argument.String("query").pipe(
    Argument.withDescription(
      "The query, e.g. 'plan:Pro spend>1000 tag:VIP -tag:Churn sort:-spend' (quote it; empty: every company). " +
        "A query starting with - goes after --: companies query -- '-tag:Churn'"
    ),
    Argument.withDefault("")
  ),
  format: Flag.Literals("format", ["table", "ndjson", "csv"]).pipe(
    Flag.withMetavar("table|ndjson|csv"),
    Flag.withDefault("table"),
    Flag.withDescription(
      "table (the main columns, the default), ndjson (each company as Intercom sent it) or csv (as `companies export`)"
    )
  ),
  limit: Flag.Int("limit").pipe(
    Flag.withAlias("n"),
    Flag.withMetavar("N"),
    Flag.filter((n) => n > 0, (n) => `--limit must be a positive number, got ${n}`),
    Flag.optional,
    Flag.withDescription("At most N companies, the first in the query's order (default: all)")
  ),
  count: Flag.Boolean("count").pipe(
    Flag.withDefault(false),
    Flag.withDescription("Print only the number of matching companies (at most --limit)")
  ),
  db: dbFlag
}

/** The table's last line: how many were shown of how many matched. */
const footer = (total: number, limit: number | undefined): string => {
  if (total === 0) return "no companies match"
  const shown = limit === undefined ? total : Math.min(total, limit)
  return shown < total
    ? `${formatCount(shown)} of ${formatCount(total)} companies (--limit ${limit})`
    : `${formatCount(total)} ${total === 1 ? "company" : "companies"}`
}

/** Prints the answer from the open replica. */
const answer = Effect.fnUntraced(function*(query: string, format: QueryFormat, limit: number | undefined, count: boolean) {
  const replica = yield* Replica
  if (count) {
    const total = yield* replica.count(query)
    return yield* Console.log(String(limit === undefined ? total : Math.min(total, limit)))
  }
  // A bad query fails before any output (the CSV header included).
  yield* parseQuery(query)
  // The table's footer needs the total.
  const total = format === "table" ? yield* replica.count(query) : undefined
  const terminalWidth = process.stdout.isTTY === true ? process.stdout.columns : undefined
  // A reader that stops early (`| head`) ends the output; no error, no footer.
  const complete = yield* writeStdout(queryText(format, replica.streamRaw(query, { limit }), { terminalWidth })).pipe(
    Effect.as(true),
    Effect.catchIf((error) => error instanceof StdoutClosed, () => Effect.succeed(false))
  )
  if (complete && total !== undefined) yield* Console.log(`${total === 0 ? "" : "\n"}${footer(total, limit)}`)
})

export const companiesQuery = Command.make(
  "query",
  config,
  Effect.fn("companies.query")(function*({ count, db, format, limit, query }) {
    // No token, no request: the replica file is --db, $INTERCOM_EXPLORER_DB, or the one synced for this API root.
    const file = explicitReplicaFile(db) ?? (yield* syncedReplicaFile((yield* endpointSettings).apiRoot))
    yield* answer(query, format, Option.getOrUndefined(limit), count).pipe(Effect.provide(Replica.layer({ file })))
  })
).pipe(
  Command.withDescription(
    "Answer a query from the local replica (run `companies sync` first): no network, no token. Results come in the " +
      "query's sort order (sort:KEY / sort:-KEY; default by name). Terms: bare words (name or company_id), " +
      "name: company_id:/cid: plan: industry: website: (* wildcard), size spend users sessions (: > >= < <= A..B), " +
      "created updated seen (a day YYYY-MM-DD or an age like seen>90d), tag: segment:, custom.KEY, has:FIELD, no:FIELD, " +
      "-TERM (not), OR. A bad query exits 2 with the term and its column."
  ),
  Command.withExamples([
    { command: "intercom-explorer companies query 'plan:Pro spend>1000 sort:-spend'", description: "a table" },
    { command: "intercom-explorer companies query 'tag:VIP' --format ndjson > vip.ndjson", description: "as Intercom sent them" },
    { command: "intercom-explorer companies query 'seen>90d' --count", description: "only the number" }
  ])
)
