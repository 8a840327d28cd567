import { planFromFile, planFromQuery, readPlanFile, writePlanFile } from "@intercom-explorer/plans"
import { Replica } from "@intercom-explorer/replica"
import { Console, Effect, Option } from "effect"
import { Argument, Command, Flag } from "effect/cli"
import { UsageFailure } from "../Failures.js"
import { planAttributesLine, planReport, planSummaryLine } from "../output/PlanReport.js"
import { planReplicaFile } from "../plans/PlanLocation.js"
import { dbFlag } from "../replica/ReplicaLocation.js"

const repeated = (name: string, metavar: string, description: string) =>
  Flag.String(name).pipe(Flag.withMetavar(metavar), Flag.atLeast(0), Flag.withDescription(description))

const flags = {
  from: Flag.String("from").pipe(
    Flag.withMetavar("FILE.csv|FILE.ndjson"),
    Flag.optional,
    Flag.withDescription(
      "Companies to change, one per row: columns name, plan, size, website, industry, monthly_spend, custom.KEY " +
        "(or a known custom attribute's name), tags (';'-separated, added); an empty cell leaves the field as it is"
    )
  ),
  match: Flag.Literals("match", ["company_id", "id"]).pipe(
    Flag.withDefault("company_id"),
    Flag.withDescription("The column that finds each row's company in the replica (default company_id)")
  ),
  create: Flag.Boolean("create").pipe(
    Flag.withDefault(false),
    Flag.withDescription("Rows whose company_id is not in the replica become creates (otherwise they are invalid)")
  ),
  map: repeated("map", "COLUMN=FIELD", "Read COLUMN as FIELD (a field, custom.KEY, tags or ignore); repeatable"),
  query: Flag.String("query").pipe(
    Flag.withMetavar("QUERY"),
    Flag.optional,
    Flag.withDescription("The companies to change: a replica query, as `companies query` takes it")
  ),
  set: repeated("set", "FIELD=VALUE", "With --query: set a field or custom.KEY (custom.KEY= clears it); repeatable"),
  tag: repeated("tag", "NAME", "With --query: add this tag; repeatable"),
  untag: repeated("untag", "NAME", "With --query: remove this tag; repeatable"),
  out: Flag.String("out").pipe(Flag.withMetavar("PLAN.json"), Flag.optional, Flag.withDescription("Where to write the plan")),
  db: dbFlag
}

/** `--map COLUMN=FIELD`... as a mapping. */
const mappingOf = (pairs: ReadonlyArray<string>) =>
  Effect.gen(function*() {
    const mapping: Record<string, string> = {}
    for (const pair of pairs) {
      const at = pair.indexOf("=")
      if (at <= 0 || at === pair.length - 1) {
        return yield* new UsageFailure({ message: `--map ${pair}: expected COLUMN=FIELD, e.g. --map "Plan name=plan"` })
      }
      mapping[pair.slice(0, at)] = pair.slice(at + 1)
    }
    return mapping
  })

const buildPlan = Effect.fnUntraced(function*(options: {
  readonly from: Option.Option<string>
  readonly query: Option.Option<string>
  readonly match: "company_id" | "id"
  readonly create: boolean
  readonly map: ReadonlyArray<string>
  readonly set: ReadonlyArray<string>
  readonly tag: ReadonlyArray<string>
  readonly untag: ReadonlyArray<string>
}) {
  const { from, query } = options
  if (Option.isSome(from) && Option.isSome(query)) {
    return yield* new UsageFailure({ message: "plan takes either --from FILE or --query QUERY, not both" })
  }
  if (Option.isSome(from)) {
    if (options.set.length + options.tag.length + options.untag.length > 0) {
      return yield* new UsageFailure({ message: "--set, --tag and --untag go with --query; a file's columns say what to set" })
    }
    return yield* planFromFile({ file: from.value, match: options.match, create: options.create, mapping: yield* mappingOf(options.map) })
  }
  if (Option.isSome(query)) {
    if (options.set.length + options.tag.length + options.untag.length === 0) {
      return yield* new UsageFailure({ message: "plan --query needs at least one --set, --tag or --untag" })
    }
    return yield* planFromQuery({ query: query.value, set: options.set, tag: options.tag, untag: options.untag })
  }
  return yield* new UsageFailure({ message: "plan needs --from FILE.csv|FILE.ndjson or --query QUERY (or: plan show PLAN.json)" })
})

const planShow = Command.make(
  "show",
  {
    plan: Argument.String("plan").pipe(Argument.withMetavar("PLAN.json"), Argument.withDescription("A plan file written by `plan`"))
  },
  Effect.fn("plan.show")(function*({ plan }) {
    yield* Console.log(planReport(yield* readPlanFile(plan)))
  })
).pipe(
  Command.withDescription("Print a plan for review: the summary, then every company's changes (old -> new), then the invalid rows"),
  Command.withExamples([{ command: "intercom-explorer plan show plan.json | less", description: "review a plan" }])
)

export const planCommand = Command.make(
  "plan",
  flags,
  Effect.fn("plan")(function*(options) {
    if (Option.isNone(options.out)) {
      return yield* new UsageFailure({ message: "plan needs --out PLAN.json (where to write the plan)" })
    }
    const file = yield* planReplicaFile(options.db)
    const plan = yield* buildPlan(options).pipe(Effect.provide(Replica.layer({ file })))
    yield* writePlanFile(options.out.value, plan)
    const attributes = planAttributesLine(plan)
    if (attributes !== undefined) yield* Console.error(attributes)
    yield* Console.error(`${planSummaryLine(plan)}; wrote ${options.out.value} (review: plan show ${options.out.value})`)
  })
).pipe(
  Command.withDescription(
    "Make a plan: the field-by-field changes to many companies, from a CSV/NDJSON file or a replica query with " +
      "assignments, checked with the edit rules (invalid rows listed with reasons, left out) and compared with the " +
      "replica (before -> after). Nothing is written to Intercom: review it with `plan show`, then `apply` it."
  ),
  Command.withSubcommands([planShow]),
  Command.withExamples([
    { command: "intercom-explorer plan --from changes.csv --out plan.json", description: "a plan from a CSV keyed by company_id" },
    { command: "intercom-explorer plan --query 'plan:Trial seen>90d' --set plan=Churned --tag Dormant --out plan.json", description: "a plan from a query" }
  ])
)
