import { Effect } from "effect"
import { isEmptyStandardValue, isStandardField, sameValue } from "../FieldValues.js"
import { summarizePlan } from "../PlanCodec.js"
import { NothingToUndo, type PlanError, planError } from "../PlanErrors.js"
import type { FieldChange, Operation, Plan, TagChange } from "../PlanFile.js"
import { plannedChanges } from "../apply/OperationCheck.js"
import { type BeforeImage, Journal, type OperationRecord } from "../journal/Journal.js"

// The inverse of what the journal says a plan applied, built from the before-images the apply
// read just before writing: each change goes back from what the apply wrote to what was there, each
// tag added is removed (and the other way round), a created company is deleted and a deleted one
// created again. Operations the journal records as applied are undone, and so are failed or
// conflicting ones that were sent (a write may have landed before the failure: the undo's own check
// finds a field still at its before-image unchanged and leaves it). Deterministic (its id, its time
// and its order come from the journal), so running the same undo again resumes it.

const emptyBefore: BeforeImage = { existed: true, fields: {}, tags: {} }

interface Inverse {
  readonly op: Omit<Operation, "seq"> | undefined
  readonly warnings: ReadonlyArray<string>
}

const cannotRestore = (op: Operation, id: string | null, field: string) =>
  `${op.label} (${id ?? op.companyId ?? "?"}): ${field} was empty before the apply, and Intercom cannot clear a standard field, so the undo leaves it as the apply set it`

const inverseOf = (op: Operation, record: OperationRecord): Inverse => {
  const before = record.beforeImage ?? emptyBefore
  const id = record.resultId ?? op.id
  const { fields, tags } = plannedChanges(op)
  const base = { id, companyId: op.companyId, label: op.label, updatedAt: record.updatedAt, ...(op.row === undefined ? {} : { row: op.row }) }

  if (op.kind === "create" && !before.existed) {
    if (id === null) return { op: undefined, warnings: [`${op.label} (${op.companyId ?? "?"}): created, but the journal has no id for it, so the undo cannot delete it`] }
    const changes = fields.filter((c) => c.after !== null).map((c): FieldChange => ({ field: c.field, before: c.after, after: null }))
    return { op: { ...base, kind: "delete", changes, tags: [] }, warnings: [] }
  }
  if (op.kind === "delete") {
    const changes = Object.entries(before.fields).filter(([, value]) => value !== null)
      .map(([field, value]): FieldChange => ({ field, before: null, after: value }))
    const restoredTags = Object.entries(before.tags).filter(([, had]) => had).map(([tag]): TagChange => ({ tag, action: "add" }))
    return { op: { ...base, kind: "create", id: null, changes, tags: restoredTags }, warnings: [] }
  }
  const warnings: Array<string> = []
  const changes: Array<FieldChange> = []
  for (const change of fields) {
    if (!(change.field in before.fields)) continue
    const prior = before.fields[change.field] ?? null
    if (sameValue(prior, change.after)) continue
    if (isStandardField(change.field) && isEmptyStandardValue(prior)) {
      warnings.push(cannotRestore(op, id, change.field))
      continue
    }
    changes.push({ field: change.field, before: change.after, after: prior })
  }
  const inverseTags = tags.flatMap((tag): Array<TagChange> => {
    const had = before.tags[tag.tag]
    if (had === undefined) return []
    if (tag.action === "add" && !had) return [{ tag: tag.tag, action: "remove" }]
    if (tag.action === "remove" && had) return [{ tag: tag.tag, action: "add" }]
    return []
  })
  if (changes.length === 0 && inverseTags.length === 0) return { op: undefined, warnings }
  return { op: { ...base, kind: "update", changes, tags: inverseTags }, warnings }
}

/**
 * The undo plan of `plan`: id `undo-<plan.id>`, source `{kind: "undo", of: plan.id}`. Fails with
 * NothingToUndo when the journal has no apply of it, or the apply changed nothing.
 */
export const undoPlanOf = Effect.fn("UndoPlan.undoPlanOf")(function*(plan: Plan): Effect.fn.Return<Plan, PlanError, Journal> {
  const journal = yield* Journal
  const known = yield* journal.find(plan.id)
  if (known === undefined) {
    return yield* planError(new NothingToUndo({ planId: plan.id, detail: "the journal has no apply of it (was it applied with another database?)" }))
  }
  if (known.record.finishedAt === null) {
    return yield* planError(new NothingToUndo({
      planId: plan.id,
      detail: "its apply has not finished (it is running, or was stopped): run the apply again to finish it, then undo"
    }))
  }
  const records = yield* journal.operations(plan.id)
  const bySeq = new Map(plan.operations.map((op) => [op.seq, op]))
  const operations: Array<Operation> = []
  const warnings: Array<string> = []
  for (const record of records) {
    const op = bySeq.get(record.seq)
    const written = record.state === "applied" ||
      ((record.state === "failed" || record.state === "conflict") && record.attempt > 0 && record.beforeImage !== null)
    if (!written || op === undefined) continue
    const inverse = inverseOf(op, record)
    warnings.push(...inverse.warnings)
    if (inverse.op !== undefined) operations.push({ seq: operations.length + 1, ...inverse.op })
  }
  // Intercom's API cannot delete a data attribute (only archive it), so the undo leaves them.
  for (const attribute of yield* journal.attributes(plan.id)) {
    if (attribute.state !== "created") continue
    const id = (attribute.attribute as { id?: unknown } | null)?.id
    warnings.push(
      `custom.${attribute.name} (${attribute.dataType}), created by the apply, stays defined in Intercom: the API cannot delete a data attribute; archive it in Intercom's settings${id === undefined ? "" : ` or with PUT /data_attributes/${String(id)} {"archived": true}`} if it is not wanted`
    )
  }
  if (operations.length === 0 && warnings.length === 0) {
    return yield* planError(new NothingToUndo({ planId: plan.id, detail: "its apply changed no company" }))
  }
  return {
    format: plan.format,
    version: plan.version,
    id: `undo-${plan.id}`,
    createdAt: new Date(known.record.startedAt).toISOString(),
    workspace: plan.workspace,
    source: { kind: "undo", of: plan.id },
    summary: summarizePlan(operations, 0, 0),
    operations,
    invalid: [],
    warnings
  } satisfies Plan
})
