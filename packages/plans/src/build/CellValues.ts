import type { CustomAttributeType } from "@intercom-explorer/replica"
import { customKey, isCustomField } from "../FieldValues.js"

// A source cell as the value a write sends. CSV cells are text, typed by what the field holds:
// size and monthly_spend are numbers when they are digits, a custom attribute takes the type its
// values have in the replica (so "42" stays a number where the attribute holds numbers). NDJSON
// values keep their JSON types. An empty cell leaves the field as it is: a CSV cannot say "clear",
// and Intercom cannot clear a standard field anyway.

export type CellValue =
  | { readonly kind: "leave" }
  | { readonly kind: "set"; readonly value: unknown }
  | { readonly kind: "invalid"; readonly reason: string }

const LEAVE: CellValue = { kind: "leave" }

const DIGITS = /^-?\d+$/
const NUMBER = /^-?\d+(\.\d+)?$/

/** A CSV cell's value for `field`. */
export const csvCellValue = (field: string, text: string, known: ReadonlyMap<string, CustomAttributeType>): CellValue => {
  if (text === "") return LEAVE
  if (field === "size" || field === "monthly_spend") return { kind: "set", value: DIGITS.test(text) ? Number(text) : text }
  if (!isCustomField(field)) return { kind: "set", value: text }
  const key = customKey(field)
  switch (known.get(key)) {
    case "number":
      return NUMBER.test(text.trim())
        ? { kind: "set", value: Number(text.trim()) }
        : { kind: "invalid", reason: `${key} holds numbers in this workspace` }
    case "boolean": {
      const lower = text.trim().toLowerCase()
      return lower === "true" || lower === "false"
        ? { kind: "set", value: lower === "true" }
        : { kind: "invalid", reason: `${key} holds true/false in this workspace` }
    }
    default:
      return { kind: "set", value: text }
  }
}

/**
 * An NDJSON value for `field`: absent leaves it; null leaves a standard field (Intercom sends null
 * for unset ones, and cannot clear them) and clears a custom attribute; `plan` may be Intercom's
 * `{name}` object.
 */
export const jsonCellValue = (field: string, value: unknown): CellValue => {
  if (value === undefined) return LEAVE
  if (isCustomField(field)) return { kind: "set", value }
  if (value === null || value === "") return LEAVE
  if (field === "plan" && typeof value === "object" && !Array.isArray(value)) {
    const name = (value as { name?: unknown }).name
    return name === undefined || name === null ? LEAVE : { kind: "set", value: name }
  }
  return { kind: "set", value }
}

/** The tag names of a tags cell: `;`-separated text, an array of names, or Intercom's `{tags: [{name}]}`. */
export const tagNames = (value: unknown): ReadonlyArray<string> | undefined => {
  if (value === undefined || value === null) return []
  if (typeof value === "string") return value.split(";").map((name) => name.trim()).filter((name) => name !== "")
  const list = Array.isArray(value) ? value : (value as { tags?: unknown }).tags
  if (!Array.isArray(list)) return undefined
  const names: Array<string> = []
  for (const item of list) {
    const name = typeof item === "string" ? item : (item as { name?: unknown } | null)?.name
    if (typeof name !== "string") return undefined
    if (name.trim() !== "") names.push(name.trim())
  }
  return names
}

/** How a cell is shown in a reason: CSV text as it is, NDJSON as JSON. */
export const shownCell = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value) ?? "")
