import type { RateLimitStats } from "./RateLimiter.js"
import type { ScrollStats } from "./ScrollSessions.js"
import type { RequestLogEntry, SimulatorCore } from "./SimulatorCore.js"

// The read side of a running simulator, for tests and the admin endpoint: what a client would see
// (companies in their wire shape) plus what only the server knows (scroll and rate-limit
// counters, the request log). Read-only on purpose: state changes go through the API, so a test
// that sets something up exercises the same paths a client does.

export interface WireTag {
  readonly type: "tag"
  readonly id: string
  readonly name: string
}

export interface WireSegment {
  readonly type: "segment"
  readonly id: string
  readonly name: string
  readonly created_at: number
  readonly updated_at: number
  readonly person_type: string
  readonly count?: number
}

/** A company exactly as the API serializes it. */
export interface WireCompany {
  readonly type: "company"
  readonly company_id: string
  readonly id: string
  readonly app_id: string
  readonly name: string
  readonly remote_created_at?: number
  readonly created_at: number
  readonly updated_at: number
  readonly last_request_at?: number
  readonly monthly_spend: number
  readonly session_count: number
  readonly user_count: number
  readonly size?: number
  readonly website?: string
  readonly industry?: string
  readonly tags: { readonly type: "tag.list"; readonly tags: ReadonlyArray<WireTag> }
  readonly segments: { readonly type: "segment.list"; readonly segments: ReadonlyArray<WireSegment> }
  readonly plan: { readonly type?: "plan"; readonly id?: string; readonly name?: string }
  readonly custom_attributes: Readonly<Record<string, unknown>>
}

export interface Named {
  readonly id: string
  readonly name: string
}

export interface CompaniesView {
  readonly count: () => number
  readonly ids: () => Array<string>
  readonly get: (id: string) => WireCompany | undefined
  readonly byCompanyId: (companyId: string) => WireCompany | undefined
  readonly byName: (name: string) => WireCompany | undefined
}

export class SimulatorState {
  private readonly core: SimulatorCore
  readonly companies: CompaniesView

  constructor(core: SimulatorCore) {
    this.core = core
    const ws = core.ws
    const wire = (company: Parameters<typeof ws.companyJson>[0] | undefined): WireCompany | undefined =>
      company === undefined ? undefined : (JSON.parse(ws.companyJson(company)) as WireCompany)
    this.companies = {
      count: () => ws.companies.size,
      ids: () => ws.companies.ids(),
      get: (id) => wire(ws.companies.get(id)),
      byCompanyId: (companyId) => wire(ws.companies.getByCompanyId(companyId)),
      byName: (name) => wire(ws.companies.findByName(name))
    }
  }

  /** The workspace's app id: `app_id` on companies, `app.id_code` on GET /me. */
  get appId(): string {
    return this.core.ws.app.idCode
  }

  /** The tags on a company (by Intercom id), in the order they were applied. */
  tagsOf(companyId: string): Array<Named> {
    const ws = this.core.ws
    return ws.tags.taggingsOfCompany(companyId).flatMap((t) => {
      const tag = ws.tags.get(t.tagId)
      return tag === undefined ? [] : [{ id: tag.id, name: tag.name }]
    })
  }

  segmentsOf(companyId: string): Array<Named> {
    const ws = this.core.ws
    const company = ws.companies.get(companyId)
    return company === undefined ? [] : ws.segmentsOf(company).map((s) => ({ id: s.id, name: s.name }))
  }

  companiesWithTag(tagId: string): Array<string> {
    return Array.from(this.core.ws.tags.companiesWithTag(tagId))
  }

  companiesInSegment(segmentId: string): Array<string> {
    const ws = this.core.ws
    const segment = ws.segments.get(segmentId)
    if (segment === undefined) return []
    const ids: Array<string> = []
    for (const company of ws.companies.values()) if (ws.isInSegment(segment, company)) ids.push(company.id)
    return ids
  }

  tags(): Array<Named> {
    return Array.from(this.core.ws.tags.values(), (t) => ({ id: t.id, name: t.name }))
  }

  tagByName(name: string): Named | undefined {
    const tag = this.core.ws.tags.findByName(name)
    return tag === undefined ? undefined : { id: tag.id, name: tag.name }
  }

  segments(): Array<Named & { readonly count: number }> {
    const ws = this.core.ws
    return Array.from(ws.segments.values(), (s) => ({ id: s.id, name: s.name, count: ws.segmentCount(s.id) }))
  }

  segmentByName(name: string): Named | undefined {
    for (const s of this.core.ws.segments.values()) if (s.name === name) return { id: s.id, name: s.name }
    return undefined
  }

  contactIds(): Array<string> {
    return Array.from(this.core.ws.contacts.values(), (c) => c.id)
  }

  companiesOfContact(contactId: string): Array<string> {
    return [...this.core.ws.contacts.companiesOf(contactId)]
  }

  contactsOfCompany(companyId: string): Array<string> {
    return [...this.core.ws.contacts.contactsOf(companyId)]
  }

  notesOf(contactId: string): Array<{ readonly id: string; readonly body: string; readonly authorId: string }> {
    return this.core.ws.notes.ofContact(contactId).map((n) => ({ id: n.id, body: n.body, authorId: n.authorId }))
  }

  subscriptionsOf(contactId: string): Array<Named & { readonly consentType: string }> {
    return this.core.ws.subscriptions
      .preferencesOf(contactId)
      .map((t) => ({ id: t.id, name: t.name, consentType: t.consentType }))
  }

  counts(): {
    readonly companies: number
    readonly contacts: number
    readonly tags: number
    readonly segments: number
    readonly notes: number
  } {
    const ws = this.core.ws
    return {
      companies: ws.companies.size,
      contacts: ws.contacts.size,
      tags: ws.tags.size,
      segments: ws.segments.size,
      notes: ws.notes.size
    }
  }

  get scroll(): ScrollStats & { readonly open: boolean; readonly ttlMs: number; readonly pageSize: number } {
    const s = this.core.scroll
    return { ...s.stats, open: s.isOpen, ttlMs: s.ttlMs, pageSize: s.pageSize }
  }

  get rateLimit(): RateLimitStats & { readonly limit: number; readonly windowMs: number } {
    const l = this.core.limiter
    return { ...l.stats, limit: l.limit, windowMs: l.windowMs }
  }

  /** The most recent API requests (up to 1000), oldest first. */
  get requests(): ReadonlyArray<RequestLogEntry> {
    return this.core.requests
  }

  /** Everything above in one JSON-friendly object (GET /__admin/state). */
  summary(): object {
    return {
      counts: this.counts(),
      app_id: this.core.ws.app.idCode,
      scroll: this.scroll,
      rate_limit: this.rateLimit,
      requests: this.core.requests.length
    }
  }
}
