// Pure: which group of the Plan view an operation belongs to, as the plan's summary counts them.
import type { Operation } from "@intercom-explorer/plans"

export type OperationGroup = "updates" | "creates" | "tagChanges" | "deletes"

export const GROUP_ORDER: ReadonlyArray<OperationGroup> = ["updates", "creates", "tagChanges", "deletes"]

export const GROUP_LABELS: Record<OperationGroup, string> = {
  updates: "Updates",
  creates: "Creates",
  tagChanges: "Tag changes",
  deletes: "Deletes"
}

/** A company whose only change is to its tags is a tag change (the summary counts it so too). */
export const groupOf = (op: Operation): OperationGroup =>
  op.kind === "create" ? "creates" : op.kind === "delete" ? "deletes" : op.changes.length === 0 ? "tagChanges" : "updates"
