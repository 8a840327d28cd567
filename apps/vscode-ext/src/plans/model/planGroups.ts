// Pure: which group of the Plan view an operation belongs to, as the plan's summary counts them.
import { type Operation, operationKind } from "@intercom-explorer/plans"

export type OperationGroup = "updates" | "creates" | "tagChanges" | "deletes"

export const GROUP_ORDER: ReadonlyArray<OperationGroup> = ["updates", "creates", "tagChanges", "deletes"]

export const GROUP_LABELS: Record<OperationGroup, string> = {
  updates: "Updates",
  creates: "Creates",
  tagChanges: "Tag changes",
  deletes: "Deletes"
}

const GROUP_OF_KIND = { update: "updates", create: "creates", tagChange: "tagChanges", delete: "deletes" } as const

const withAllIncluded = (op: Operation): Operation => ({
  ...op,
  excluded: false,
  changes: op.changes.map((c) => ({ ...c, excluded: false })),
  tags: op.tags.map((t) => ({ ...t, excluded: false }))
})

/**
 * The summary's kind of the operation (`operationKind`, so an update whose included items are only
 * tags is a tag change). A company left out stays where its included items put it, or where the
 * plan had it when none are; an update with nothing at all to change is an update.
 */
export const groupOf = (op: Operation): OperationGroup => {
  const kind = [op, { ...op, excluded: false }, withAllIncluded(op)].map(operationKind).find((k) => k !== "excluded") ?? "update"
  return GROUP_OF_KIND[kind]
}
