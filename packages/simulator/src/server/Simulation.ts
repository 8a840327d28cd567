import { Faults } from "./Faults.js"
import { uuid } from "./Ids.js"
import type { ResolvedOptions } from "./Options.js"
import { createPrng } from "./Prng.js"
import { RateLimiter } from "./RateLimiter.js"
import { ScrollSessions } from "./ScrollSessions.js"
import { seedWorkspace } from "./seed/SeedData.js"
import type { Workspace } from "./Workspace.js"

// The running parts of one simulator, shared by the HTTP layer, the admin endpoint and the
// programmatic handle. No I/O here: the server is built around it.

export interface RequestLogEntry {
  readonly method: string
  readonly path: string
  readonly status: number
  readonly ms: number
}

const REQUEST_LOG_LIMIT = 1000

export class SimulatorCore {
  readonly options: ResolvedOptions
  readonly ws: Workspace
  readonly scroll: ScrollSessions
  readonly limiter: RateLimiter
  readonly faults: Faults
  readonly requests: Array<RequestLogEntry> = []

  constructor(options: ResolvedOptions) {
    this.options = options
    this.ws = seedWorkspace({
      seed: options.seed,
      companies: options.companies,
      referenceTime: options.referenceTime,
      clock: options.clock,
      ...(options.appId === undefined ? {} : { appId: options.appId })
    })
    this.scroll = new ScrollSessions(options.scrollTtlMs, options.scrollPageSize, options.clock, uuid)
    this.limiter = new RateLimiter(options.rateLimit, options.rateWindowMs, options.clock)
    this.faults = new Faults(createPrng(options.seed).fork("faults"), options.clock)
  }

  logRequest(entry: RequestLogEntry): void {
    this.requests.push(entry)
    if (this.requests.length > REQUEST_LOG_LIMIT) this.requests.splice(0, this.requests.length - REQUEST_LOG_LIMIT)
    this.options.log?.(`${entry.method} ${entry.path} ${entry.status} ${entry.ms.toFixed(1)}ms`)
  }
}
