// Pure: the assignments of Bulk Edit (set a field, set or clear a custom attribute, add or remove a
// tag) and how they become planFromQuery's options, in the shapes the CLI takes (`--set
// FIELD=VALUE`, `--set custom.KEY=` clears, `--tag NAME`, `--untag NAME`).
import type { PlanFromQueryOptions } from "@intercom-explorer/plans"

export type Assignment =
  | { readonly kind: "set"; readonly field: string; readonly value: string }
  | { readonly kind: "clear"; readonly key: string }
  | { readonly kind: "tag"; readonly name: string }
  | { readonly kind: "untag"; readonly name: string }

/** `custom.KEY` of an attribute key. */
export const customFieldOf = (key: string): string => `custom.${key.trim()}`

/** One line per assignment, as the QuickPick lists them so far. */
export const describeAssignment = (a: Assignment): string => {
  switch (a.kind) {
    case "set":
      return `set ${a.field} = ${a.value}`
    case "clear":
      return `clear ${customFieldOf(a.key)}`
    case "tag":
      return `add tag ${a.name}`
    case "untag":
      return `remove tag ${a.name}`
  }
}

/**
 * The assignments as planFromQuery's options. A later assignment of the same field (or tag) wins
 * over an earlier one; tagging and untagging one name keeps the last.
 */
export const toQueryOptions = (query: string, assignments: ReadonlyArray<Assignment>, ids?: ReadonlyArray<string>): PlanFromQueryOptions => {
  const sets = new Map<string, string>()
  // Keyed case-insensitively, as Intercom names tags: the last of "tag VIP" / "untag vip" wins.
  const tags = new Map<string, { readonly name: string; readonly kind: "tag" | "untag" }>()
  for (const a of assignments) {
    if (a.kind === "set") sets.set(a.field, `${a.field}=${a.value}`)
    else if (a.kind === "clear") sets.set(customFieldOf(a.key), `${customFieldOf(a.key)}=`)
    else {
      const key = a.name.toLowerCase()
      tags.delete(key)
      tags.set(key, { name: a.name, kind: a.kind })
    }
  }
  const named = (kind: "tag" | "untag") => [...tags.values()].flatMap((t) => (t.kind === kind ? [t.name] : []))
  return {
    query,
    set: [...sets.values()],
    tag: named("tag"),
    untag: named("untag"),
    ...(ids === undefined ? {} : { ids })
  }
}

/** The custom attribute's key as typed: blank refused, and no `=` (it would split the assignment). */
export const validateAttributeKeyText = (key: string): string | undefined =>
  key.trim() === "" ? "The attribute name must not be blank." : key.includes("=") ? "The attribute name must not contain \"=\"." : undefined
