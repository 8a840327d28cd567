import { createHash } from "node:crypto"
import type { Plan } from "../PlanFile.js"

// A plan's content hash: the journal keys an apply by the plan's id, and the hash tells a resumed
// apply of the same file from another file that reuses the id (or an edited one). Keys are sorted,
// so a file re-saved with another key order is still the same plan.

const canonical = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`
  }
  return JSON.stringify(value)
}

/** sha256 of the plan's canonical JSON, hex. */
export const planHash = (plan: Plan): string => createHash("sha256").update(canonical(plan)).digest("hex")
