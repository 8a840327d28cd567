import { Companies, type Company, type Segment, Segments, type Tag, Tags } from "@intercom-explorer/core"
import { Console, Effect, Stream } from "effect"
import { Command, Flag } from "effect/cli"
import { intercomLayer } from "../GlobalOptions.js"
import { type Column, renderTable, shortTime } from "../output/Table.js"

const json = Flag.Boolean("json").pipe(
  Flag.withDefault(false),
  Flag.withDescription("Print a JSON array (Intercom's objects as received) instead of a table")
)

const print = <A>(asJson: boolean, columns: ReadonlyArray<Column<A>>, rows: ReadonlyArray<A>, noun: string) =>
  asJson
    ? Console.log(JSON.stringify(rows, null, 2))
    : Console.log(rows.length === 0 ? `no ${noun}` : `${renderTable(columns, rows)}\n\n${rows.length} ${noun}`)

const companyColumns: ReadonlyArray<Column<Company>> = [
  { header: "ID", value: (c) => c.id, maxWidth: 30 },
  { header: "COMPANY_ID", value: (c) => c.company_id, maxWidth: 30 },
  { header: "NAME", value: (c) => c.name },
  { header: "PLAN", value: (c) => c.plan?.name, maxWidth: 20 },
  { header: "USERS", value: (c) => c.user_count, numeric: true },
  { header: "SESSIONS", value: (c) => c.session_count, numeric: true },
  { header: "SPEND", value: (c) => c.monthly_spend, numeric: true },
  { header: "LAST_REQUEST", value: (c) => shortTime(c.last_request_at) }
]

export const companiesList = Command.make(
  "list",
  {
    limit: Flag.Int("limit").pipe(
      Flag.withAlias("n"),
      Flag.withDefault(50),
      Flag.filter((n) => n > 0 && n <= 10_000, (n) => `--limit must be between 1 and 10000, got ${n}`),
      Flag.withDescription("How many companies to show (1-10000; the list API stops at 10,000)")
    ),
    order: Flag.Literals("order", ["desc", "asc"]).pipe(
      Flag.withDefault("desc"),
      Flag.withDescription("By last request: desc (most recent first, the default) or asc")
    ),
    json
  },
  Effect.fn("companies.list")(function*({ json: asJson, limit, order }) {
    const companies = yield* Companies
    const rows = yield* companies.list({ perPage: Math.min(limit, 50), order }).pipe(
      Stream.take(limit),
      Stream.runCollect
    )
    yield* print(asJson, companyColumns, rows, "companies")
  }, Effect.provide(intercomLayer))
).pipe(
  Command.withDescription(
    "List companies page by page (POST /companies/list: companies with users, at most 10,000); use export for all"
  )
)

const tagColumns: ReadonlyArray<Column<Tag>> = [
  { header: "ID", value: (t) => t.id },
  { header: "NAME", value: (t) => t.name, maxWidth: 60 }
]

export const tagsList = Command.make(
  "list",
  { json },
  Effect.fn("tags.list")(function*({ json: asJson }) {
    const tags = yield* Tags
    const rows = yield* tags.list()
    yield* print(asJson, tagColumns, [...rows].sort((a, b) => a.name.localeCompare(b.name)), "tags")
  }, Effect.provide(intercomLayer))
).pipe(Command.withDescription("List the workspace's tags"))

const segmentColumns: ReadonlyArray<Column<Segment>> = [
  { header: "ID", value: (s) => s.id, maxWidth: 30 },
  { header: "NAME", value: (s) => s.name, maxWidth: 50 },
  { header: "TYPE", value: (s) => s.person_type },
  { header: "COUNT", value: (s) => s.count, numeric: true },
  { header: "CREATED", value: (s) => shortTime(s.created_at) }
]

export const segmentsList = Command.make(
  "list",
  {
    count: Flag.Boolean("count").pipe(
      Flag.withDefault(false),
      Flag.withDescription("Ask Intercom to count each segment's members")
    ),
    json
  },
  Effect.fn("segments.list")(function*({ count, json: asJson }) {
    const segments = yield* Segments
    const rows = yield* segments.list({ includeCount: count })
    yield* print(asJson, segmentColumns, rows, "segments")
  }, Effect.provide(intercomLayer))
).pipe(Command.withDescription("List the workspace's segments"))
