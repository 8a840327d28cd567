// Pure: one company's before and after, as the JSON the diff editor shows side by side. Only what
// the plan touches: its fields (custom ones under custom_attributes) and its planned tags (true when
// the company carries the tag). An excluded item keeps its before value on the after side: the
// diff shows what the apply will write. A create has no before; a delete no after.
import type { FieldValue, Operation } from "@intercom-explorer/plans"

const CUSTOM = "custom."

interface Side {
  readonly [key: string]: unknown
}

const side = (op: Operation, which: "before" | "after"): Side | null => {
  if ((which === "before" && op.kind === "create") || (which === "after" && op.kind === "delete")) return null
  const skipped = op.excluded === true
  const fields: Record<string, FieldValue> = {}
  const custom: Record<string, FieldValue> = {}
  for (const c of op.changes) {
    const value = which === "before" || skipped || c.excluded === true ? c.before : c.after
    if (c.field.startsWith(CUSTOM)) custom[c.field.slice(CUSTOM.length)] = value
    else fields[c.field] = value
  }
  const tags: Record<string, boolean> = {}
  for (const t of op.tags) {
    const applied = which === "after" && !skipped && t.excluded !== true
    tags[t.tag] = applied ? t.action === "add" : t.action === "remove"
  }
  return {
    ...(op.id === null ? {} : { id: op.id }),
    ...(op.companyId === null ? {} : { company_id: op.companyId }),
    ...fields,
    ...(Object.keys(custom).length > 0 ? { custom_attributes: custom } : {}),
    ...(op.tags.length > 0 ? { tags } : {})
  }
}

/** The JSON text of one side of the operation (2-space, with a final newline). */
export const companyJson = (op: Operation, which: "before" | "after"): string => `${JSON.stringify(side(op, which), null, 2)}\n`
