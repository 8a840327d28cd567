import type { SimClock } from "../SimClock.js"
import type { Prng } from "../seed/Prng.js"

// Fault injection. A fault names what goes wrong (kind), which requests it applies to (match) and
// when it fires among them (trigger): once on the first match, once on the Nth match, or on each
// match with a probability drawn from the seeded PRNG, so a failing run replays exactly with the
// same --seed. The server asks `evaluate` once per API request and applies what fired.

export const FAULT_KINDS = [
  "scroll-restart-500",
  "scroll-expire",
  "rate-limit-burst",
  "latency",
  "drop-connection",
  "truncate-body"
] as const

export type FaultKind = (typeof FAULT_KINDS)[number]

export interface FaultMatch {
  /** HTTP method, case-insensitive. */
  readonly method?: string
  /** A path prefix (`/companies` matches `/companies/scroll`), or a regular expression. */
  readonly path?: string | RegExp
}

export interface FaultSpec {
  readonly kind: FaultKind
  /** Defaults: scroll faults match `GET /companies/scroll`; the others match every API request. */
  readonly match?: FaultMatch
  /** Fire on the first matching request, then retire. The default trigger. */
  readonly once?: boolean
  /** Fire on the Nth matching request (1-based, counted from injection), then retire. */
  readonly nth?: number
  /** Fire on each matching request with this probability (seeded), until cleared or `times` fired. */
  readonly probability?: number
  /** With `probability`: retire after firing this many times. */
  readonly times?: number
  /** latency: how long to hold the request before handling it (default 1000 ms). */
  readonly delayMs?: number
  /** rate-limit-burst: refuse this many requests; without it, refuse until the window resets. */
  readonly count?: number
  /** scroll-restart-500: keep the scroll lock until the TTL, so a restart meets scroll_exists. */
  readonly holdLock?: boolean
  /** drop-connection / truncate-body: the share of the body that is sent (default 0.5). */
  readonly fraction?: number
}

export interface FiredFault {
  readonly id: string
  readonly kind: FaultKind
  readonly method: string
  readonly path: string
  readonly at: number
}

export interface FaultInfo {
  readonly id: string
  readonly spec: FaultSpec
  /** Matching requests seen since injection. */
  readonly seen: number
  readonly fired: number
}

interface Active {
  readonly id: string
  readonly spec: FaultSpec
  readonly method: string | undefined
  readonly path: string | RegExp | undefined
  seen: number
  fired: number
}

export interface ArmedFault {
  readonly id: string
  readonly spec: FaultSpec
}

const HISTORY_LIMIT = 1000

const isPositiveInt = (n: unknown): n is number => typeof n === "number" && Number.isInteger(n) && n > 0

/** Throws a readable message for a spec that could never behave as its author meant. */
export const validateFaultSpec = (spec: FaultSpec): void => {
  if (!FAULT_KINDS.includes(spec.kind)) {
    throw new Error(`unknown fault kind '${String(spec.kind)}' (expected one of ${FAULT_KINDS.join(", ")})`)
  }
  const triggers = [spec.once === true, spec.nth !== undefined, spec.probability !== undefined].filter(Boolean)
  if (triggers.length > 1) throw new Error("a fault takes one trigger: once, nth or probability")
  if (spec.nth !== undefined && !isPositiveInt(spec.nth)) throw new Error("nth must be a positive integer")
  if (spec.probability !== undefined && !(spec.probability >= 0 && spec.probability <= 1)) {
    throw new Error("probability must be between 0 and 1")
  }
  if (spec.times !== undefined && !isPositiveInt(spec.times)) throw new Error("times must be a positive integer")
  if (spec.count !== undefined && !isPositiveInt(spec.count)) throw new Error("count must be a positive integer")
  if (spec.delayMs !== undefined && !(spec.delayMs >= 0)) throw new Error("delayMs must be >= 0")
  if (spec.fraction !== undefined && !(spec.fraction >= 0 && spec.fraction < 1)) {
    throw new Error("fraction must be in [0, 1)")
  }
}

export class Faults {
  readonly history: Array<FiredFault> = []
  private readonly active: Array<Active> = []
  private readonly prng: Prng
  private readonly clock: SimClock
  private nextId = 1

  constructor(prng: Prng, clock: SimClock) {
    this.prng = prng
    this.clock = clock
  }

  /** Arms a fault and returns its id (for `remove`). */
  inject(spec: FaultSpec): string {
    validateFaultSpec(spec)
    const scrollKind = spec.kind === "scroll-restart-500" || spec.kind === "scroll-expire"
    const id = `fault-${this.nextId++}`
    this.active.push({
      id,
      spec,
      method: (spec.match?.method ?? (scrollKind ? "GET" : undefined))?.toUpperCase(),
      path: spec.match?.path ?? (scrollKind ? "/companies/scroll" : undefined),
      seen: 0,
      fired: 0
    })
    return id
  }

  remove(id: string): boolean {
    const at = this.active.findIndex((f) => f.id === id)
    if (at < 0) return false
    this.active.splice(at, 1)
    return true
  }

  clear(): void {
    this.active.length = 0
  }

  list(): ReadonlyArray<FaultInfo> {
    return this.active.map((f) => ({ id: f.id, spec: f.spec, seen: f.seen, fired: f.fired }))
  }

  /** The faults that fire for this request; retires the ones that are done. */
  evaluate(method: string, path: string): ReadonlyArray<ArmedFault> {
    if (this.active.length === 0) return []
    const fired: Array<ArmedFault> = []
    for (const fault of [...this.active]) {
      if (!this.matches(fault, method, path)) continue
      fault.seen++
      const { spec } = fault
      let fire: boolean
      let retire: boolean
      if (spec.nth !== undefined) {
        fire = fault.seen === spec.nth
        retire = fire
      } else if (spec.probability !== undefined) {
        fire = this.prng.next() < spec.probability
        retire = fire && spec.times !== undefined && fault.fired + 1 >= spec.times
      } else {
        fire = true
        retire = true
      }
      if (!fire) continue
      fault.fired++
      fired.push({ id: fault.id, spec })
      this.record({ id: fault.id, kind: spec.kind, method, path, at: this.clock() })
      if (retire) this.remove(fault.id)
    }
    return fired
  }

  private matches(fault: Active, method: string, path: string): boolean {
    if (fault.method !== undefined && fault.method !== method) return false
    if (fault.path === undefined) return true
    if (typeof fault.path === "string") {
      // A prefix on segment boundaries: "/companies" covers "/companies/scroll", not "/companiesX".
      const prefix = fault.path.endsWith("/") ? fault.path : `${fault.path}/`
      return path === fault.path || path.startsWith(prefix)
    }
    return fault.path.test(path)
  }

  private record(entry: FiredFault): void {
    this.history.push(entry)
    if (this.history.length > HISTORY_LIMIT) this.history.splice(0, this.history.length - HISTORY_LIMIT)
  }
}
