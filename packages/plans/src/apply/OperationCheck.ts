import type { Company } from "@intercom-explorer/core"
import { currentValue, hasTag, sameValue } from "../FieldValues.js"
import type { FieldChange, FieldValue, Operation, TagChange } from "../PlanFile.js"
import type { BeforeImage, FieldConflict } from "../journal/Journal.js"

// What an operation still has to do to the company as it is now. A planned field is fine at the
// plan's before (not written yet) or at its after (written, perhaps by an earlier run that was
// killed); anything else means someone else changed it since the plan was made: a conflict. A tag
// is always at one of its two states, so tags never conflict.

export type CheckResult =
  | { readonly _tag: "Conflict"; readonly conflicts: ReadonlyArray<FieldConflict> }
  | { readonly _tag: "Unchanged" }
  | { readonly _tag: "Write"; readonly fields: ReadonlyArray<FieldChange>; readonly tags: ReadonlyArray<TagChange> }

/** The changes and tags the reviewer did not exclude. */
export const plannedChanges = (op: Operation) => ({
  fields: op.changes.filter((c) => c.excluded !== true),
  tags: op.tags.filter((t) => t.excluded !== true)
})

const tagDone = (company: Company | undefined, tag: TagChange): boolean =>
  (company !== undefined && hasTag(company, tag.tag)) === (tag.action === "add")

const valueOf = (company: Company | undefined, field: string): FieldValue =>
  company === undefined ? null : currentValue(company, field)

/** The conflict of an update whose company is gone (deleted or merged since the plan was made). */
export const GONE_FIELD = "company"

/** Checks `op` against `company` (undefined: no such company now). `force` writes over conflicts. */
export const checkOperation = (op: Operation, company: Company | undefined, force: boolean): CheckResult => {
  const { fields, tags } = plannedChanges(op)
  // Nothing to write to, forced or not: a PUT would 404 and an untag would look done.
  if (op.kind === "update" && company === undefined) {
    return { _tag: "Conflict", conflicts: [{ field: GONE_FIELD, planned: op.id, current: null }] }
  }
  if (op.kind === "delete") {
    if (company === undefined) return { _tag: "Unchanged" }
    const conflicts = fields.flatMap((c) => {
      const current = currentValue(company, c.field)
      return sameValue(current, c.before) ? [] : [{ field: c.field, planned: c.before, current }]
    })
    return conflicts.length > 0 && !force ? { _tag: "Conflict", conflicts } : { _tag: "Write", fields: [], tags: [] }
  }
  const conflicts: Array<FieldConflict> = []
  const pending: Array<FieldChange> = []
  for (const change of fields) {
    const current = valueOf(company, change.field)
    if (sameValue(current, change.after)) continue
    if (!sameValue(current, change.before)) conflicts.push({ field: change.field, planned: change.before, current })
    pending.push(change)
  }
  if (conflicts.length > 0 && !force) return { _tag: "Conflict", conflicts }
  const pendingTags = tags.filter((t) => !tagDone(company, t))
  // A create whose company does not exist yet is written even with nothing else to set.
  if (op.kind === "create" && company === undefined) return { _tag: "Write", fields: pending, tags: pendingTags }
  return pending.length === 0 && pendingTags.length === 0 ? { _tag: "Unchanged" } : { _tag: "Write", fields: pending, tags: pendingTags }
}

/**
 * The before-image of `op`'s company as read now: each planned field and tag (for a delete, every
 * tag it carries, so an undo can give them back).
 */
export const beforeImageOf = (op: Operation, company: Company | undefined): BeforeImage => {
  const { fields, tags } = plannedChanges(op)
  const tagNames = op.kind === "delete" ? (company?.tags?.tags ?? []).map((t) => t.name) : tags.map((t) => t.tag)
  return {
    existed: company !== undefined,
    fields: Object.fromEntries(fields.map((c) => [c.field, valueOf(company, c.field)])),
    tags: Object.fromEntries(tagNames.map((name) => [name, company !== undefined && hasTag(company, name)]))
  }
}

/** One line for people: `plan: planned "Pro", now "Enterprise"; custom.tier: ...`. */
export const describeConflicts = (conflicts: ReadonlyArray<FieldConflict>): string =>
  conflicts.map((c) =>
    c.field === GONE_FIELD
      ? `the company (${String(c.planned)}) no longer exists in Intercom`
      : `${c.field}: planned before ${JSON.stringify(c.planned)}, now ${JSON.stringify(c.current)}`
  ).join("; ")
