import type { FieldValue, Operation, Plan } from "@intercom-explorer/plans"
import { formatCount } from "./ProgressReporter.js"
import { type Column, renderTable } from "./Table.js"

/*
 * `plan show`: the summary, the warnings, then one table row per company with every change it
 * makes ("plan: Free -> Pro; +VIP"), then the invalid rows with their reasons. Excluded items are
 * shown struck out as "(excluded)" so a reviewer sees what the file holds, not only what runs.
 */

const value = (v: FieldValue): string => (v === null ? "(empty)" : typeof v === "string" ? JSON.stringify(v) : String(v))

const excludedMark = (excluded: boolean | undefined) => (excluded === true ? " (excluded)" : "")

/** Every change of one operation on one line. */
const changeText = (op: Operation): string =>
  [
    ...op.changes.map((c) => `${c.field}: ${value(c.before)} -> ${value(c.after)}${excludedMark(c.excluded)}`),
    ...op.tags.map((t) => `${t.action === "add" ? "+" : "-"}${t.tag}${excludedMark(t.excluded)}`)
  ].join("; ")

const operationColumns: ReadonlyArray<Column<Operation>> = [
  { header: "#", value: (op) => op.seq, numeric: true },
  { header: "kind", value: (op) => `${op.kind}${excludedMark(op.excluded)}` },
  { header: "company", value: (op) => op.label, maxWidth: 30 },
  { header: "company_id", value: (op) => op.companyId, maxWidth: 24 },
  { header: "changes", value: changeText, maxWidth: 200 }
]

const counted = (count: number, one: string, many = `${one}s`) => `${formatCount(count)} ${count === 1 ? one : many}`

/** The summary line: `3 updates, 1 create, 2 tag changes, 0 deletes, 12 unchanged, 2 invalid rows`. */
export const planSummaryLine = (plan: Plan): string => {
  const s = plan.summary
  return [
    counted(s.updates, "update"),
    counted(s.creates, "create"),
    counted(s.tagChanges, "tag change"),
    ...(s.deletes > 0 ? [counted(s.deletes, "delete")] : []),
    `${formatCount(s.unchanged)} unchanged`,
    counted(s.invalid, "invalid row")
  ].join(", ")
}

const sourceText = (plan: Plan): string => {
  const source = plan.source
  switch (source.kind) {
    case "file":
      return `${source.file} (match ${source.match}${source.create ? ", create missing" : ""})`
    case "query":
      return `query ${JSON.stringify(source.query)}${source.assignments.length === 0 ? "" : `: ${source.assignments.join(", ")}`}`
    case "undo":
      return `undo of plan ${source.of}`
  }
}

/**
 * The custom attributes the apply creates before the writes (Intercom ignores undefined ones):
 * `attributes to create: custom.tier (string), custom.seats (integer, excluded)`; undefined when none.
 */
export const planAttributesLine = (plan: Plan): string | undefined => {
  const attributes = plan.attributes ?? []
  if (attributes.length === 0) return undefined
  const each = attributes.map((a) => `custom.${a.name} (${a.data_type}${a.excluded === true ? ", excluded: not created, its writes left out" : ""})`)
  return `attributes to create before the writes: ${each.join(", ")}`
}

/** The whole review text of a plan. */
export const planReport = (plan: Plan): string => {
  const attributes = planAttributesLine(plan)
  const lines = [
    `plan ${plan.id}, made ${plan.createdAt} from ${sourceText(plan)}`,
    planSummaryLine(plan),
    ...(attributes === undefined ? [] : [attributes]),
    ...plan.warnings.map((warning) => `warning: ${warning}`)
  ]
  if (plan.operations.length > 0) lines.push("", renderTable(operationColumns, plan.operations))
  if (plan.invalid.length > 0) {
    lines.push("", "invalid rows (left out):")
    for (const row of plan.invalid) {
      lines.push(`  row ${row.row}${row.key === null ? "" : ` (${row.key})`}: ${row.reasons.join("; ")}`)
    }
  }
  return lines.join("\n")
}
