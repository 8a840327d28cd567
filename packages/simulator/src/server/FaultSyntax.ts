import type { Types } from "effect"
import { parseDuration } from "../DurationText.js"
import { FAULT_KINDS, type FaultKind, type FaultMatch, type FaultSpec, validateFaultSpec } from "./Faults.js"

// The text form of faults, shared by the command line (`--faults`) and the admin endpoint:
//
//   faults  := fault ("," fault)*
//   fault   := kind ("@" option (("&" | ";") option)*)?
//   option  := "once" | "hold" | "nth=" N | "p=" P | "probability=" P | "times=" N
//            | "delay=" MS | "count=" N | "fraction=" F | "method=" METHOD | "path=" PATH
//
// PATH is a prefix (`path=/companies`), or a regular expression after a tilde
// (`path=~^/companies/[^/]+$`). Examples:
//
//   scroll-expire@nth=3                     the 3rd scroll request finds its scroll expired
//   truncate-body@p=0.05                    5% of responses arrive cut in half
//   latency@delay=250&path=/companies       the first /companies… request waits 250 ms
//   latency@p=1&delay=250&path=/companies   every /companies* request waits 250 ms
//   rate-limit-burst@nth=10&count=5         the 10th request starts a burst of five 429s
//   scroll-restart-500@nth=2&hold           the 2nd scroll page is a 500 and the lock stays held

const parsePath = (text: string): string | RegExp => (text.startsWith("~") ? new RegExp(text.slice(1)) : text)

const parseNumber = (key: string, text: string): number => {
  const value = Number(text)
  if (text.trim() === "" || !Number.isFinite(value)) throw new Error(`fault option ${key} needs a number, got '${text}'`)
  return value
}

/** The `delay` option in milliseconds, from `250`, `250ms` or `2s`. */
const delayMs = (text: string): number => {
  const ms = parseDuration(text, "ms")
  if (ms === undefined) throw new Error(`expected a duration like 250, 250ms or 2s, got '${text}'`)
  return ms
}

const parseFault = (text: string): FaultSpec => {
  const [kindText = "", optionText] = text.trim().split(/@(.*)/s, 2)
  const kind = kindText.trim() as FaultKind
  if (!FAULT_KINDS.includes(kind)) {
    throw new Error(`unknown fault kind '${kindText}' (expected one of ${FAULT_KINDS.join(", ")})`)
  }
  const spec: Types.Mutable<FaultSpec> = { kind }
  const match: Types.Mutable<FaultMatch> = {}
  for (const option of (optionText ?? "").split(/[&;]/).filter((o) => o.trim() !== "")) {
    const eq = option.indexOf("=")
    const key = (eq < 0 ? option : option.slice(0, eq)).trim()
    const value = eq < 0 ? "" : option.slice(eq + 1).trim()
    switch (key) {
      case "once":
        spec.once = true
        break
      case "hold":
        spec.holdLock = true
        break
      case "nth":
        spec.nth = parseNumber(key, value)
        break
      case "p":
      case "probability":
        spec.probability = parseNumber(key, value)
        break
      case "times":
        spec.times = parseNumber(key, value)
        break
      case "count":
        spec.count = parseNumber(key, value)
        break
      case "delay":
        spec.delayMs = delayMs(value)
        break
      case "fraction":
        spec.fraction = parseNumber(key, value)
        break
      case "method":
        match.method = value.toUpperCase()
        break
      case "path":
        match.path = parsePath(value)
        break
      default:
        throw new Error(`unknown fault option '${key}' in '${text}'`)
    }
  }
  if (match.method !== undefined || match.path !== undefined) spec.match = match
  validateFaultSpec(spec)
  return spec
}

export const parseFaults = (text: string): Array<FaultSpec> =>
  text
    .split(",")
    .filter((part) => part.trim() !== "")
    .map(parseFault)

/**
 * A fault from JSON (the admin endpoint): either `{"spec": "kind@..."}` in the text form, or the
 * FaultSpec object itself with `match.path` as a string (a leading `~` makes it a regex).
 */
export const faultFromJson = (value: unknown): FaultSpec => {
  if (typeof value !== "object" || value === null) throw new Error("a fault must be a JSON object")
  const record = value as Record<string, unknown>
  if (typeof record["spec"] === "string") return parseFault(record["spec"])
  const matchValue = record["match"]
  const spec: Types.Mutable<FaultSpec> = { ...(record as unknown as FaultSpec) }
  delete (spec as { match?: unknown }).match
  if (typeof matchValue === "object" && matchValue !== null) {
    const m = matchValue as Record<string, unknown>
    const match: Types.Mutable<FaultMatch> = {}
    if (typeof m["method"] === "string") match.method = m["method"]
    if (typeof m["path"] === "string") match.path = parsePath(m["path"])
    spec.match = match
  }
  validateFaultSpec(spec)
  return spec
}

/** The JSON-friendly form of a spec (regexes back to `~source`). */
export const faultToJson = (spec: FaultSpec): object => {
  const path = spec.match?.path
  return {
    ...spec,
    ...(spec.match === undefined
      ? {}
      : { match: { ...spec.match, ...(path instanceof RegExp ? { path: `~${path.source}` } : {}) } })
  }
}
