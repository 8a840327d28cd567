import type { RateLimitStats } from "./server/RateBudget.js"
import type { ScrollStats } from "./server/ScrollSessions.js"
import type { RequestLogEntry, Simulation } from "./server/Simulation.js"
import type { CompanyRecord } from "./state/Records.js"
import { dataAttributeWire } from "./wire/dataAttributes.js"
import type { ParsedCompany } from "./wire/companies.js"

// The read side of a running simulator, for tests and the admin endpoint: what a client would see
// (companies in their wire shape, typed from models' `Company`) plus what only the server knows (scroll and rate-limit
// counters, the request log). Read-only on purpose: state changes go through the API, so a test
// that sets something up exercises the same paths a client does.

interface Named {
  readonly id: string
  readonly name: string
}

interface CompaniesView {
  readonly count: () => number
  readonly ids: () => Array<string>
  readonly get: (id: string) => ParsedCompany | undefined
  readonly byCompanyId: (companyId: string) => ParsedCompany | undefined
  readonly byName: (name: string) => ParsedCompany | undefined
}

export class SimulatorView {
  private readonly sim: Simulation
  readonly companies: CompaniesView

  constructor(sim: Simulation) {
    this.sim = sim
    const ws = sim.workspace
    const wire = (company: CompanyRecord | undefined): ParsedCompany | undefined =>
      company === undefined ? undefined : (JSON.parse(ws.companyJson(company)) as ParsedCompany)
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
    return this.sim.workspace.app.idCode
  }

  /** The tags on a company (by Intercom id), in the order they were applied. */
  tagsOf(companyId: string): Array<Named> {
    const ws = this.sim.workspace
    return ws.tags.taggingsOfCompany(companyId).flatMap((t) => {
      const tag = ws.tags.get(t.tagId)
      return tag === undefined ? [] : [{ id: tag.id, name: tag.name }]
    })
  }

  segmentsOf(companyId: string): Array<Named> {
    const ws = this.sim.workspace
    const company = ws.companies.get(companyId)
    return company === undefined ? [] : ws.segmentsOf(company).map((s) => ({ id: s.id, name: s.name }))
  }

  companiesWithTag(tagId: string): Array<string> {
    return Array.from(this.sim.workspace.tags.companiesWithTag(tagId))
  }

  companiesInSegment(segmentId: string): Array<string> {
    const ws = this.sim.workspace
    const segment = ws.segments.get(segmentId)
    if (segment === undefined) return []
    const ids: Array<string> = []
    for (const company of ws.companies.values()) if (ws.isInSegment(segment, company)) ids.push(company.id)
    return ids
  }

  tags(): Array<Named> {
    return Array.from(this.sim.workspace.tags.values(), (t) => ({ id: t.id, name: t.name }))
  }

  tagByName(name: string): Named | undefined {
    const tag = this.sim.workspace.tags.findByName(name)
    return tag === undefined ? undefined : { id: tag.id, name: tag.name }
  }

  segments(): Array<Named & { readonly count: number }> {
    const ws = this.sim.workspace
    return Array.from(ws.segments.values(), (s) => ({ id: s.id, name: s.name, count: ws.segmentCount(s.id) }))
  }

  segmentByName(name: string): Named | undefined {
    for (const s of this.sim.workspace.segments.values()) if (s.name === name) return { id: s.id, name: s.name }
    return undefined
  }

  contactIds(): Array<string> {
    return Array.from(this.sim.workspace.contacts.values(), (c) => c.id)
  }

  companiesOfContact(contactId: string): Array<string> {
    return [...this.sim.workspace.contacts.companiesOf(contactId)]
  }

  contactsOfCompany(companyId: string): Array<string> {
    return [...this.sim.workspace.contacts.contactsOf(companyId)]
  }

  notesOf(contactId: string): Array<{ readonly id: string; readonly body: string; readonly authorId: string }> {
    return this.sim.workspace.notes.ofContact(contactId).map((n) => ({ id: n.id, body: n.body, authorId: n.authorId }))
  }

  subscriptionsOf(contactId: string): Array<Named & { readonly consentType: string }> {
    return this.sim.workspace.subscriptions
      .preferencesOf(contactId)
      .map((t) => ({ id: t.id, name: t.name, consentType: t.consentType }))
  }

  /** The data attributes of `model` (every model when omitted) as GET /data_attributes sends them, archived ones too. */
  dataAttributes(model?: "company" | "contact"): Array<ReturnType<typeof dataAttributeWire>> {
    return this.sim.workspace.dataAttributes.list(model, true).map(dataAttributeWire)
  }

  counts(): {
    readonly companies: number
    readonly contacts: number
    readonly tags: number
    readonly segments: number
    readonly notes: number
  } {
    const ws = this.sim.workspace
    return {
      companies: ws.companies.size,
      contacts: ws.contacts.size,
      tags: ws.tags.size,
      segments: ws.segments.size,
      notes: ws.notes.size
    }
  }

  get scroll(): ScrollStats & { readonly open: boolean; readonly ttlMs: number; readonly pageSize: number } {
    const s = this.sim.scroll
    return { ...s.stats, open: s.isOpen, ttlMs: s.ttlMs, pageSize: s.pageSize }
  }

  get rateLimit(): RateLimitStats & { readonly limit: number; readonly windowMs: number } {
    const l = this.sim.rateBudget
    return { ...l.stats, limit: l.limit, windowMs: l.windowMs }
  }

  /** The most recent API requests (up to 1000), oldest first. */
  get requests(): ReadonlyArray<RequestLogEntry> {
    return this.sim.requests
  }

  /** Every write (POST, PUT, DELETE) with its body as sent, oldest first (up to 200,000). */
  get writes(): ReadonlyArray<RequestLogEntry> {
    return this.sim.writes
  }

  /** Everything above in one JSON-friendly object (GET /__admin/state). */
  summary(): object {
    return {
      counts: this.counts(),
      app_id: this.sim.workspace.app.idCode,
      scroll: this.scroll,
      rate_limit: this.rateLimit,
      requests: this.sim.requests.length
    }
  }
}
