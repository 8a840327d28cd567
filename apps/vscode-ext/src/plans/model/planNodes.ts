// Pure: a plan as the Plan view's nodes. A summary line, the custom attributes the apply creates
// first ("tier: string"), then one group per kind (Updates, Creates, Tag changes, Deletes, Invalid
// rows, Warnings) -> company -> field "old -> new" / "+ tag" / "- tag"; an invalid row expands to its
// reasons. The tree provider renders what `presentationOf` says.
import { type FieldValue, isExcludedOperation, type Operation, type Plan, type PlanSource } from "@intercom-explorer/plans"
import { excludedCount, type ExclusionTarget, isIncluded, operationOf } from "./exclusion"
import { GROUP_LABELS, GROUP_ORDER, groupOf, type OperationGroup } from "./planGroups"

export type PlanNode =
  | { readonly kind: "summary"; readonly id: string }
  | { readonly kind: "group"; readonly id: string; readonly group: OperationGroup }
  | { readonly kind: "attributeGroup"; readonly id: string }
  | { readonly kind: "attribute"; readonly id: string; readonly name: string }
  | { readonly kind: "invalidGroup"; readonly id: string }
  | { readonly kind: "warningGroup"; readonly id: string }
  | { readonly kind: "operation"; readonly id: string; readonly seq: number }
  | { readonly kind: "field"; readonly id: string; readonly seq: number; readonly field: string }
  | { readonly kind: "tag"; readonly id: string; readonly seq: number; readonly tag: string; readonly action: "add" | "remove" }
  | { readonly kind: "invalidRow"; readonly id: string; readonly row: number }
  | { readonly kind: "reason"; readonly id: string; readonly text: string }
  | { readonly kind: "warning"; readonly id: string; readonly text: string }
  /** The companies of a group past the ones shown. */
  | { readonly kind: "more"; readonly id: string; readonly count: number }

/** Companies shown per group: the view stays quick; the plan file holds them all. */
export const MAX_SHOWN_PER_GROUP = 2_000

export interface NodePresentation {
  readonly label: string
  readonly description: string
  readonly tooltip: string
  readonly expandable: boolean
  /** Checked when it will be applied; undefined for rows that cannot be excluded. */
  readonly included: boolean | undefined
  /** `planOperation`, `planField`, `planTag`, with `.excluded` when left out (menus read it). */
  readonly contextValue: string
  readonly icon: string
}

/** A value as the view shows it: text as is, numbers and booleans as written, null as "(not set)". */
export const formatValue = (value: FieldValue): string => (value === null ? "(not set)" : typeof value === "string" ? value : String(value))

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/** "3 updates · 1 create · 1 tag change · 2 unchanged · 3 invalid": the non-zero counts. */
export const summaryText = (plan: Plan): string => {
  const s = plan.summary
  const parts = [
    s.updates > 0 ? plural(s.updates, "update", "updates") : "",
    s.creates > 0 ? plural(s.creates, "create", "creates") : "",
    s.tagChanges > 0 ? plural(s.tagChanges, "tag change", "tag changes") : "",
    s.deletes > 0 ? plural(s.deletes, "delete", "deletes") : "",
    s.unchanged > 0 ? `${s.unchanged} unchanged` : "",
    s.invalid > 0 ? `${s.invalid} invalid` : ""
  ].filter((p) => p !== "")
  const excluded = excludedCount(plan)
  if (excluded > 0) parts.push(`${excluded} excluded`)
  return parts.length === 0 ? "nothing to change" : parts.join(" · ")
}

/** What the plan was made from, in a few words. */
export const sourceText = (source: PlanSource): string => {
  switch (source.kind) {
    case "file":
      return source.file.split(/[\\/]/).pop() ?? source.file
    case "query":
      return source.query.trim() === "" ? "all companies" : source.query
    case "undo":
      return `Undo of plan ${source.of}`
  }
}

const operationId = (seq: number) => `op/${seq}`

/** The children of a node (the root's when undefined), in the view's order. */
export const childrenOf = (plan: Plan, node?: PlanNode): Array<PlanNode> => {
  if (node === undefined) {
    const groups = GROUP_ORDER.filter((g) => plan.operations.some((op) => groupOf(op) === g))
    return [
      { kind: "summary", id: "summary" },
      ...((plan.attributes ?? []).length > 0 ? [{ kind: "attributeGroup", id: "group/attributes" } as const] : []),
      ...groups.map((group): PlanNode => ({ kind: "group", id: `group/${group}`, group })),
      ...(plan.invalid.length > 0 ? [{ kind: "invalidGroup", id: "group/invalid" } as const] : []),
      ...(plan.warnings.length > 0 ? [{ kind: "warningGroup", id: "group/warnings" } as const] : [])
    ]
  }
  switch (node.kind) {
    case "group": {
      const ops = plan.operations.filter((op) => groupOf(op) === node.group)
      const shown = ops.slice(0, MAX_SHOWN_PER_GROUP).map((op): PlanNode => ({ kind: "operation", id: operationId(op.seq), seq: op.seq }))
      return ops.length > shown.length ? [...shown, { kind: "more", id: `${node.id}/~more`, count: ops.length - shown.length }] : shown
    }
    case "attributeGroup":
      return (plan.attributes ?? []).map((a): PlanNode => ({ kind: "attribute", id: `attribute/${a.name}`, name: a.name }))
    case "invalidGroup":
      return plan.invalid.map((row) => ({ kind: "invalidRow", id: `invalid/${row.row}`, row: row.row }))
    case "warningGroup":
      return plan.warnings.map((text, i) => ({ kind: "warning", id: `warning/${i}`, text }))
    case "invalidRow":
      return (plan.invalid.find((r) => r.row === node.row)?.reasons ?? []).map((text, i) => ({ kind: "reason", id: `${node.id}/${i}`, text }))
    case "operation": {
      const op = operationOf(plan, node.seq)
      if (op === undefined) return []
      return [
        ...op.changes.map((c): PlanNode => ({ kind: "field", id: `${node.id}/field/${c.field}`, seq: op.seq, field: c.field })),
        ...op.tags.map((t): PlanNode => ({ kind: "tag", id: `${node.id}/tag/${t.action}/${t.tag}`, seq: op.seq, tag: t.tag, action: t.action }))
      ]
    }
    default:
      return []
  }
}

/** The item of a node that can be excluded, if it is one. */
export const exclusionTargetOf = (node: PlanNode): ExclusionTarget | undefined => {
  switch (node.kind) {
    case "operation":
      return { kind: "operation", seq: node.seq }
    case "field":
      return { kind: "field", seq: node.seq, field: node.field }
    case "tag":
      return { kind: "tag", seq: node.seq, tag: node.tag, action: node.action }
    case "attribute":
      return { kind: "attribute", name: node.name }
    default:
      return undefined
  }
}

const operationDescription = (op: Operation): string => {
  const key = op.companyId === null ? "" : `company_id ${op.companyId}`
  const row = op.row === undefined ? "" : `row ${op.row}`
  return [key, row].filter((p) => p !== "").join(" · ")
}

const withExcluded = (context: string, included: boolean) => (included ? context : `${context}.excluded`)

/** How one node shows: label, description ("old → new"), tooltip, check state, menus. `title` names the plan on its summary line. */
export const presentationOf = (plan: Plan, node: PlanNode, title?: string): NodePresentation => {
  const plain = (label: string, description: string, icon: string, expandable: boolean, tooltip = `${label}${description === "" ? "" : `: ${description}`}`): NodePresentation =>
    ({ label, description, tooltip, expandable, included: undefined, contextValue: node.kind, icon })
  switch (node.kind) {
    case "summary":
      return plain(title ?? sourceText(plan.source), summaryText(plan), "checklist", false, `Plan ${plan.id}, made ${plan.createdAt}\n${summaryText(plan)}`)
    case "group": {
      const ops = plan.operations.filter((op) => groupOf(op) === node.group)
      const left = ops.filter((op) => !isExcludedOperation(op)).length
      return plain(GROUP_LABELS[node.group], left === ops.length ? String(ops.length) : `${left} of ${ops.length}`, "folder", true)
    }
    case "attributeGroup": {
      const attributes = plan.attributes ?? []
      const left = attributes.filter((a) => a.excluded !== true).length
      return plain(
        "Attributes to create",
        left === attributes.length ? String(attributes.length) : `${left} of ${attributes.length}`,
        "symbol-key",
        true,
        "Custom attributes Intercom does not define (it ignores writes to them): the apply creates them before any company write"
      )
    }
    case "attribute": {
      const attribute = plan.attributes?.find((a) => a.name === node.name)
      const included = isIncluded(plan, { kind: "attribute", name: node.name })
      const label = `${node.name}: ${attribute?.data_type ?? "?"}`
      return {
        label,
        description: included ? "" : "not created: its writes are left out",
        tooltip: included
          ? `custom.${node.name} is created as ${attribute?.data_type ?? "?"} before the writes. Uncheck to leave it out, with every write of it (Intercom would drop them).`
          : `custom.${node.name} is not created, and no company gets it (Intercom ignores writes to an undefined attribute).`,
        expandable: false,
        included,
        contextValue: withExcluded("planAttribute", included),
        icon: "symbol-key"
      }
    }
    case "invalidGroup":
      return plain("Invalid rows", `${plan.invalid.length} left out`, "warning", true)
    case "warningGroup":
      return plain("Warnings", String(plan.warnings.length), "info", true)
    case "invalidRow": {
      const row = plan.invalid.find((r) => r.row === node.row)
      const reasons = row?.reasons ?? []
      return { ...plain(`Row ${node.row}`, [row?.key ?? "", reasons.join("; ")].filter((p) => p !== "").join(" · "), "error", reasons.length > 0), tooltip: reasons.join("\n") }
    }
    case "reason":
      return plain(node.text, "", "circle-small", false, node.text)
    case "warning":
      return plain(node.text, "", "info", false, node.text)
    case "more":
      return plain(`${node.count} more`, "listed in the plan file (Open Plan File)", "ellipsis", false)
    case "operation": {
      const op = operationOf(plan, node.seq)
      const included = isIncluded(plan, { kind: "operation", seq: node.seq })
      const label = op?.label ?? `#${node.seq}`
      return {
        label,
        description: op === undefined ? "" : operationDescription(op),
        tooltip: `${label}${included ? "" : " (excluded: it will not be written)"}\nClick to see its before/after JSON.`,
        expandable: op !== undefined && op.changes.length + op.tags.length > 0,
        included,
        contextValue: withExcluded("planOperation", included),
        icon: op?.kind === "create" ? "add" : op?.kind === "delete" ? "trash" : "organization"
      }
    }
    case "field": {
      const change = operationOf(plan, node.seq)?.changes.find((c) => c.field === node.field)
      const included = isIncluded(plan, { kind: "field", seq: node.seq, field: node.field })
      const dropped = plan.attributes?.some((a) => a.excluded === true && `custom.${a.name}` === node.field) === true
      const description = change === undefined
        ? ""
        : `${formatValue(change.before)} → ${formatValue(change.after)}${dropped ? " (attribute not created: not written)" : ""}`
      return { label: node.field, description, tooltip: `${node.field}: ${description}`, expandable: false, included, contextValue: withExcluded("planField", included), icon: "symbol-field" }
    }
    case "tag": {
      const included = isIncluded(plan, { kind: "tag", seq: node.seq, tag: node.tag, action: node.action })
      const label = `${node.action === "add" ? "+" : "-"} ${node.tag}`
      return { label, description: "", tooltip: `${node.action === "add" ? "Add" : "Remove"} the tag ${node.tag}`, expandable: false, included, contextValue: withExcluded("planTag", included), icon: "tag" }
    }
  }
}
