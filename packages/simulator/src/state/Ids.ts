import { randomUUID } from "node:crypto"
import type { Prng } from "../seed/Prng.js"

// Intercom ids come in two shapes: 24-hex object ids (companies, contacts, segments) whose first
// 8 hex digits are the creation time, and small decimal strings (tags, notes, plans, subscription
// types). Reproducing both keeps clients honest about treating ids as opaque strings.

export interface IdFactory {
  readonly objectId: (createdAtSeconds: number) => string
  /** The next decimal id of a sequence; sequences are per kind, e.g. "tag" or "note". */
  readonly sequence: (kind: string) => string
}

const hex = (n: number, width: number): string => n.toString(16).padStart(width, "0").slice(-width)

export const createIdFactory = (prng: Prng, firstSequenceValues: Readonly<Record<string, number>> = {}): IdFactory => {
  const counters = new Map<string, number>(Object.entries(firstSequenceValues))
  let objectCounter = prng.int(0, 0xffffff)
  const machine = hex(prng.int(0, 0xffffffff), 8) + hex(prng.int(0, 0xff), 2)
  return {
    objectId: (createdAtSeconds) => {
      objectCounter = (objectCounter + 1) & 0xffffff
      return hex(createdAtSeconds, 8) + machine + hex(objectCounter, 6)
    },
    sequence: (kind) => {
      const next = counters.get(kind) ?? 1
      counters.set(kind, next + 1)
      return String(next)
    }
  }
}

/** Request ids and scroll params need uniqueness, not reproducibility. */
export const uuid = (): string => randomUUID()
