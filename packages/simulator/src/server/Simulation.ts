import { Faults } from "./Faults.js"
import { uuid } from "../state/Ids.js"
import type { ResolvedOptions } from "../SimulatorOptions.js"
import { createPrng } from "../seed/Prng.js"
import { RateBudget } from "./RateBudget.js"
import { ScrollSessions } from "./ScrollSessions.js"
import { seedWorkspace } from "../seed/SeedWorkspace.js"
import type { Workspace } from "../state/Workspace.js"

// One running simulation: the workspace (the state), the scroll sessions, the rate budget, the
// armed faults and the request log. The request pipeline, the routes (as `ctx.sim`), the admin
// endpoint and the programmatic handle all reach the same one. No I/O here: the server is built
// around it.

export interface RequestLogEntry {
  readonly method: string
  readonly path: string
  readonly status: number
  readonly ms: number
  /** The request body as sent, for writes (not GET/HEAD), so a test can replay what a client wrote. */
  readonly body?: string
  /** Custom attribute keys the write sent that were dropped as undefined (the body above still has them). */
  readonly droppedCustomAttributes?: ReadonlyArray<string>
}

const REQUEST_LOG_LIMIT = 1000
// Writes are kept far longer: a bulk-apply test reads every write of a thousand-company run.
const WRITE_LOG_LIMIT = 200_000

export class Simulation {
  readonly options: ResolvedOptions
  readonly workspace: Workspace
  readonly scroll: ScrollSessions
  readonly rateBudget: RateBudget
  readonly faults: Faults
  readonly requests: Array<RequestLogEntry> = []
  readonly writes: Array<RequestLogEntry> = []

  constructor(options: ResolvedOptions) {
    this.options = options
    this.workspace = seedWorkspace({
      seed: options.seed,
      companies: options.companies,
      referenceTime: options.referenceTime,
      clock: options.clock,
      ...(options.appId === undefined ? {} : { appId: options.appId })
    })
    this.scroll = new ScrollSessions(options.scrollTtlMs, options.scrollPageSize, options.clock, uuid)
    this.rateBudget = new RateBudget(options.rateLimit, options.rateWindowMs, options.clock)
    this.faults = new Faults(createPrng(options.seed).fork("faults"), options.clock)
  }

  logRequest(entry: RequestLogEntry): void {
    this.requests.push(entry)
    if (this.requests.length > REQUEST_LOG_LIMIT) this.requests.splice(0, this.requests.length - REQUEST_LOG_LIMIT)
    if (entry.body !== undefined) {
      this.writes.push(entry)
      if (this.writes.length > WRITE_LOG_LIMIT) this.writes.splice(0, this.writes.length - WRITE_LOG_LIMIT)
    }
    const dropped = entry.droppedCustomAttributes
    const note = dropped === undefined ? "" : ` (dropped undefined custom attributes: ${dropped.join(", ")})`
    this.options.log?.(`${entry.method} ${entry.path} ${entry.status} ${entry.ms.toFixed(1)}ms${note}`)
  }
}
