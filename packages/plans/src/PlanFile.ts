import { Schema } from "effect"

// The plan file: a bulk change as a JSON document a person can review, mail and keep in git.
// Versioned (`version`); a reader refuses a version it does not know. Every value a change sets is
// what the write sends (a plan is set by its name, a custom attribute as text, number, boolean or
// null), so the apply needs nothing but the file and the API.

/** The identifier this package writes in `format`. */
export const PLAN_FORMAT = "intercom-explorer/plan"
/** The plan file version this package writes and reads. */
export const PLAN_VERSION = 1

/** A value a change can hold: what the API sends and takes for company fields and custom attributes. */
export const FieldValue = Schema.Union([Schema.String, Schema.Number, Schema.Boolean, Schema.Null])
export type FieldValue = typeof FieldValue.Type

/**
 * The fields a plan changes: the standard editable ones by their API name, custom attributes as
 * `custom.KEY`. `plan` is the plan's name.
 */
export const STANDARD_FIELDS = ["name", "plan", "size", "website", "industry", "monthly_spend"] as const
export type StandardField = typeof STANDARD_FIELDS[number]

/** One field's change: `before` from the replica when the plan was made (null when unset), `after` what is sent. */
export const FieldChange = Schema.Struct({
  /** `name`, `plan`, `size`, `website`, `industry`, `monthly_spend` or `custom.KEY`. */
  field: Schema.String,
  before: FieldValue,
  after: FieldValue,
  /** Left out of the apply by the reviewer. */
  excluded: Schema.optionalKey(Schema.Boolean)
})
export type FieldChange = typeof FieldChange.Type

/** A tag added to or removed from the company (by the tag's name; tagging creates a missing tag). */
export const TagChange = Schema.Struct({
  tag: Schema.String,
  action: Schema.Literals(["add", "remove"]),
  excluded: Schema.optionalKey(Schema.Boolean)
})
export type TagChange = typeof TagChange.Type

/**
 * One company's operation. `update`: PUT /companies/{id} with the changed fields, then the tag
 * changes. `create`: POST /companies (an upsert by `company_id`), then the tags. `delete` appears
 * only in undo plans (undoing a create). Every request is idempotent, so a resumed apply may send
 * one again without doubling anything.
 */
export const Operation = Schema.Struct({
  /** 1-based position in the plan; the journal's key together with the plan's id. */
  seq: Schema.Number,
  kind: Schema.Literals(["update", "create", "delete"]),
  /** Intercom's id; null for a create (known after it). */
  id: Schema.NullOr(Schema.String),
  /** The company's `company_id` (the upsert key for a create). */
  companyId: Schema.NullOr(Schema.String),
  /** For people reading the plan: the company's name before (or after, for a create). */
  label: Schema.String,
  /** The company's `updated_at` in the replica when the plan was made (unix seconds), when known. */
  updatedAt: Schema.NullOr(Schema.Number),
  changes: Schema.Array(FieldChange),
  tags: Schema.Array(TagChange),
  /** Where it came from: the source row (CSV line number, NDJSON line) when the plan was built from a file. */
  row: Schema.optionalKey(Schema.Number),
  excluded: Schema.optionalKey(Schema.Boolean)
})
export type Operation = typeof Operation.Type

/**
 * Whether the reviewer left the whole operation out: excluded itself, or an update with every
 * change and tag excluded (a create still creates the company, so it is never emptied this way).
 */
export const isExcludedOperation = (op: Operation): boolean =>
  op.excluded === true ||
  (op.kind === "update" && op.changes.every((c) => c.excluded === true) && op.tags.every((t) => t.excluded === true))

export type OperationKind = "update" | "create" | "delete" | "tagChange" | "excluded"

/**
 * What an operation counts as, with the reviewer's exclusions: left out, or an update whose
 * included items are only tags, a tag change (the summary and the extension's groups both use it).
 */
export const operationKind = (op: Operation): OperationKind => {
  if (isExcludedOperation(op)) return "excluded"
  if (op.kind !== "update") return op.kind
  return op.changes.some((c) => c.excluded !== true) ? "update" : "tagChange"
}

/** A source row left out, with every reason (the models' validation messages, naming the column). */
export const InvalidRow = Schema.Struct({
  /** The file's line number (CSV: the record's first line; the header is line 1). */
  row: Schema.Number,
  /** The match key's value, when the row had one. */
  key: Schema.NullOr(Schema.String),
  reasons: Schema.Array(Schema.String)
})
export type InvalidRow = typeof InvalidRow.Type

export const PlanSource = Schema.Union([
  Schema.Struct({
    kind: Schema.Literal("file"),
    /** The file's name as given (never its contents). */
    file: Schema.String,
    format: Schema.Literals(["csv", "ndjson"]),
    match: Schema.Literals(["company_id", "id"]),
    create: Schema.Boolean
  }),
  Schema.Struct({
    kind: Schema.Literal("query"),
    query: Schema.String,
    /** The assignments as given, in order: `set plan=Pro`, `set custom.tier=gold`, `tag VIP`, `untag Churned`. */
    assignments: Schema.Array(Schema.String)
  }),
  Schema.Struct({
    kind: Schema.Literal("undo"),
    /** The id of the plan this one takes back. */
    of: Schema.String
  })
])
export type PlanSource = typeof PlanSource.Type

export const PlanSummary = Schema.Struct({
  creates: Schema.Number,
  updates: Schema.Number,
  /** Companies whose only change is to their tags are counted here, not in `updates`. */
  tagChanges: Schema.Number,
  deletes: Schema.Number,
  unchanged: Schema.Number,
  invalid: Schema.Number
})
export type PlanSummary = typeof PlanSummary.Type

/**
 * A custom attribute the plan writes that Intercom does not define: Intercom ignores writes to an
 * undefined attribute, so the apply creates it (POST /data_attributes, model company) before any
 * company write, with the type inferred from the plan's values. Excluded by the reviewer: not
 * created, and the plan's writes of the key are left out (Intercom would drop them anyway).
 */
export const AttributeToCreate = Schema.Struct({
  /** The key, as in `custom.KEY`. */
  name: Schema.String,
  data_type: Schema.Literals(["string", "integer", "float", "boolean", "date"]),
  excluded: Schema.optionalKey(Schema.Boolean)
})
export type AttributeToCreate = typeof AttributeToCreate.Type

/** The attributes the apply creates: the plan's, less those the reviewer excluded. */
export const attributesToCreate = (plan: Plan): ReadonlyArray<AttributeToCreate> =>
  (plan.attributes ?? []).filter((a) => a.excluded !== true)

/**
 * The plan as the apply runs it: every change of an excluded attribute's key is left out too (an
 * update left with nothing then counts as excluded), since Intercom would drop the write.
 */
export const withAttributeExclusions = (plan: Plan): Plan => {
  const dropped = new Set((plan.attributes ?? []).filter((a) => a.excluded === true).map((a) => `custom.${a.name}`))
  if (dropped.size === 0) return plan
  const operations = plan.operations.map((op) =>
    op.changes.some((c) => dropped.has(c.field) && c.excluded !== true)
      ? { ...op, changes: op.changes.map((c) => (dropped.has(c.field) ? { ...c, excluded: true } : c)) }
      : op
  )
  return { ...plan, operations }
}

export const Plan = Schema.Struct({
  format: Schema.Literal(PLAN_FORMAT),
  version: Schema.Literal(PLAN_VERSION),
  /** A random id, the journal's key: the same file applied twice resumes instead of repeating. */
  id: Schema.String,
  /** ISO 8601. */
  createdAt: Schema.String,
  /** The workspace the plan was made against (the replica's app id); apply refuses another. */
  workspace: Schema.Struct({ appId: Schema.NullOr(Schema.String) }),
  source: PlanSource,
  summary: PlanSummary,
  operations: Schema.Array(Operation),
  invalid: Schema.Array(InvalidRow),
  /** Things a reviewer should know that are not errors (e.g. a field Intercom cannot clear, so an undo cannot restore it). */
  warnings: Schema.Array(Schema.String),
  /** Custom attributes to create before the writes (absent when none: plans without it read as before). */
  attributes: Schema.optionalKey(Schema.Array(AttributeToCreate))
})
export type Plan = typeof Plan.Type
