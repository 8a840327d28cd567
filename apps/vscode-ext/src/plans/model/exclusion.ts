// Pure: the reviewer's exclusions. A company, one of its fields or one of its tag changes, or a
// custom attribute the plan would create, can be left out of the apply and taken back in; the plan
// records it as `excluded: true` (the key goes when included again, so a plan nobody touched stays
// as it was built). An attribute left out takes its key's changes with it (the plans package's
// `withAttributeExclusions`: Intercom would drop them), which the summary counts.
import {
  type FieldChange,
  isExcludedOperation,
  type Operation,
  type Plan,
  type PlanSummary,
  type TagChange,
  withAttributeExclusions
} from "@intercom-explorer/plans"

export type ExclusionTarget =
  | { readonly kind: "operation"; readonly seq: number }
  | { readonly kind: "field"; readonly seq: number; readonly field: string }
  | { readonly kind: "tag"; readonly seq: number; readonly tag: string; readonly action: "add" | "remove" }
  | { readonly kind: "attribute"; readonly name: string }

/** The plan package's `summarizePlan`, given so that this module stays pure. */
export type Summarize = (operations: ReadonlyArray<Operation>, invalid: number, unchanged: number) => PlanSummary

const flagged = <A extends { readonly excluded?: boolean }>(item: A, excluded: boolean): A => {
  const { excluded: _, ...rest } = item
  return (excluded ? { ...rest, excluded: true } : rest) as A
}

const matchesTag = (t: TagChange, target: { readonly tag: string; readonly action: "add" | "remove" }) =>
  t.tag === target.tag && t.action === target.action

/** The operation with this seq: at its place (seq is 1-based and in order), else searched. */
export const operationOf = (plan: Plan, seq: number): Operation | undefined => {
  const at = plan.operations[seq - 1]
  return at?.seq === seq ? at : plan.operations.find((o) => o.seq === seq)
}

/** Whether the item will be applied: its company is included and (for a field or tag) so is it. */
export const isIncluded = (plan: Plan, target: ExclusionTarget): boolean => {
  if (target.kind === "attribute") return plan.attributes?.find((a) => a.name === target.name)?.excluded !== true
  const op = operationOf(plan, target.seq)
  if (op === undefined || isExcludedOperation(op)) return false
  switch (target.kind) {
    case "operation":
      return true
    case "field":
      return op.changes.find((c) => c.field === target.field)?.excluded !== true
    case "tag":
      return op.tags.find((t) => matchesTag(t, target))?.excluded !== true
  }
}

const excludeOne = (op: Operation, target: Exclude<ExclusionTarget, { readonly kind: "attribute" }>, excluded: boolean): Operation => {
  switch (target.kind) {
    case "operation": {
      // Taking back a company whose every item was left out (still left out, by the plans package's rule) takes its items back too.
      if (excluded || !isExcludedOperation(flagged(op, false))) return flagged(op, excluded)
      return flagged({ ...op, changes: op.changes.map((c) => flagged(c, false)), tags: op.tags.map((t) => flagged(t, false)) }, false)
    }
    case "field":
    case "tag": {
      const changes: ReadonlyArray<FieldChange> = target.kind === "field"
        ? op.changes.map((c) => (c.field === target.field ? flagged(c, excluded) : c))
        : op.changes
      const tags: ReadonlyArray<TagChange> = target.kind === "tag"
        ? op.tags.map((t) => (matchesTag(t, target) ? flagged(t, excluded) : t))
        : op.tags
      const next = { ...op, changes, tags }
      // An update with nothing left to send is left out as a whole; including an item includes its company.
      if (!excluded) return flagged(next, false)
      return isExcludedOperation(next) ? flagged(next, true) : next
    }
  }
}

/** The plan with the item excluded (or included again), its summary counted again. */
export const withExclusion = (plan: Plan, target: ExclusionTarget, excluded: boolean, summarize: Summarize): Plan => {
  const next: Plan = target.kind === "attribute"
    ? { ...plan, attributes: (plan.attributes ?? []).map((a) => (a.name === target.name ? flagged(a, excluded) : a)) }
    : { ...plan, operations: plan.operations.map((op) => (op.seq === target.seq ? excludeOne(op, target, excluded) : op)) }
  // Counted as the apply runs it: the changes of an attribute left out are left out too.
  return { ...next, summary: summarize(withAttributeExclusions(next).operations, plan.invalid.length, plan.summary.unchanged) }
}

/** How many operations the reviewer left out (as the journal counts them). */
export const excludedCount = (plan: Plan): number => withAttributeExclusions(plan).operations.filter(isExcludedOperation).length
