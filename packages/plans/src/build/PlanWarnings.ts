import { isEmptyStandardValue, isStandardField } from "../FieldValues.js"
import type { Operation } from "../PlanFile.js"

/**
 * What a reviewer should know before applying: a standard field set where it was empty cannot be
 * emptied again by an undo, because Intercom cannot clear a standard field. One warning per field.
 */
export const planWarnings = (operations: ReadonlyArray<Operation>): ReadonlyArray<string> => {
  const counts = new Map<string, number>()
  for (const operation of operations) {
    if (operation.kind !== "update") continue
    for (const change of operation.changes) {
      if (isStandardField(change.field) && isEmptyStandardValue(change.before) && change.after !== null) {
        counts.set(change.field, (counts.get(change.field) ?? 0) + 1)
      }
    }
  }
  return [...counts].map(([field, n]) =>
    `${field} is set on ${n} ${n === 1 ? "company" : "companies"} where it was empty: an undo cannot empty it again (Intercom cannot clear a standard field)`
  )
}
