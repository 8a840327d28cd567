import { type SimClock, systemClock } from "./SimClock.js"
import type { FaultSpec } from "./server/Faults.js"

// Everything a simulator can be told, with Intercom's real values as defaults.

export interface SimulatorOptions {
  /** Interface to bind. Default 127.0.0.1 (never exposed beyond the machine unless asked). */
  readonly host?: string
  /** Port; 0 (the default) picks a free one. */
  readonly port?: number
  /** The one access token that authenticates. Default "sim-token". */
  readonly token?: string
  /** Seed for the data and for probabilistic faults. Default 1. */
  readonly seed?: number
  /** How many companies to seed. Default 1000. */
  readonly companies?: number
  /** Scroll params idle longer than this expire. Default 60 000 ms (Intercom's one minute). */
  readonly scrollTtlMs?: number
  /** Companies per scroll page. Default 100 (Intercom's documented scroll page size). */
  readonly scrollPageSize?: number
  /** Requests allowed per window. Default 166 (1000/min spread over 10 s windows). */
  readonly rateLimit?: number
  /** Rate-limit window. Default 10 000 ms. */
  readonly rateWindowMs?: number
  /** Faults armed at start, as specs or in the text syntax (see server/FaultSyntax.ts). */
  readonly faults?: ReadonlyArray<FaultSpec | string> | string
  /** The workspace's app id (`app_id` on companies). Default derived from the seed. */
  readonly appId?: string
  /** Unix seconds that seeded timestamps lead up to. Default 2026-01-01T00:00:00Z. */
  readonly referenceTime?: number
  /** The clock in ms; tests inject one to move time without sleeping. */
  readonly clock?: SimClock
  /** One line per request (method, path, status, ms). The token is never passed here. */
  readonly log?: (line: string) => void
}

export interface ResolvedOptions {
  readonly host: string
  readonly port: number
  readonly token: string
  readonly seed: number
  readonly companies: number
  readonly scrollTtlMs: number
  readonly scrollPageSize: number
  readonly rateLimit: number
  readonly rateWindowMs: number
  readonly appId: string | undefined
  readonly referenceTime: number
  readonly clock: SimClock
  readonly log: ((line: string) => void) | undefined
}

export const DEFAULTS = {
  host: "127.0.0.1",
  port: 0,
  token: "sim-token",
  seed: 1,
  companies: 1000,
  scrollTtlMs: 60_000,
  scrollPageSize: 100,
  rateLimit: 166,
  rateWindowMs: 10_000,
  referenceTime: 1_767_225_600
} as const

const positiveInt = (name: string, value: number): number => {
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got ${value}`)
  return value
}

export const resolveOptions = (options: SimulatorOptions): ResolvedOptions => {
  const companies = options.companies ?? DEFAULTS.companies
  if (!Number.isInteger(companies) || companies < 0) throw new Error(`companies must be >= 0, got ${companies}`)
  const port = options.port ?? DEFAULTS.port
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`port must be 0-65535, got ${port}`)
  const token = options.token ?? DEFAULTS.token
  if (token === "") throw new Error("token must not be empty")
  return {
    host: options.host ?? DEFAULTS.host,
    port,
    token,
    seed: options.seed ?? DEFAULTS.seed,
    companies,
    scrollTtlMs: positiveInt("scrollTtlMs", options.scrollTtlMs ?? DEFAULTS.scrollTtlMs),
    scrollPageSize: positiveInt("scrollPageSize", options.scrollPageSize ?? DEFAULTS.scrollPageSize),
    rateLimit: positiveInt("rateLimit", options.rateLimit ?? DEFAULTS.rateLimit),
    rateWindowMs: positiveInt("rateWindowMs", options.rateWindowMs ?? DEFAULTS.rateWindowMs),
    appId: options.appId,
    referenceTime: options.referenceTime ?? DEFAULTS.referenceTime,
    clock: options.clock ?? systemClock,
    log: options.log
  }
}
