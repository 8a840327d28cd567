import { type SimClock, unixSeconds } from "../SimClock.js"
import { CompanyStore } from "./CompanyStore.js"
import { ContactStore } from "./ContactStore.js"
import { DataAttributeStore } from "./DataAttributeStore.js"
import type {
  AdminRecord,
  AppRecord,
  CompanyRecord,
  ConsentType,
  CustomAttributes,
  DataAttributeModel,
  DataAttributeRecord,
  DataAttributeType,
  NoteRecord,
  SegmentRecord,
  TagRecord
} from "./Records.js"
import type { IdFactory } from "./Ids.js"
import { NoteStore } from "./NoteStore.js"
import { SegmentStore } from "./SegmentStore.js"
import { matchesRule, ruleDependsOnAttribute, ruleDependsOnTag } from "./SegmentRules.js"
import { SubscriptionStore } from "./SubscriptionStore.js"
import { TagStore } from "./TagStore.js"
import { companyWire } from "../wire/companies.js"
import { contactWire, type ContactWire } from "../wire/contacts.js"

// One Intercom workspace: the stores plus every operation that touches more than one of them.
// Mutations go through here so that the per-company JSON cache (what makes a 100k scroll cheap) is
// invalidated exactly when a company's serialized form can change: its own fields, its tags, a tag
// rename, its user count. Segment membership follows from those, so it needs no extra bookkeeping.

export interface CompanyChanges {
  readonly name?: string
  readonly plan?: string
  readonly size?: number
  readonly website?: string
  readonly industry?: string
  readonly customAttributes?: CustomAttributes
  readonly monthlySpend?: number
  readonly remoteCreatedAt?: number
  readonly touchLastRequest?: boolean
}

export class Workspace {
  readonly companies: CompanyStore
  readonly tags = new TagStore()
  readonly segments = new SegmentStore()
  readonly contacts = new ContactStore()
  readonly notes = new NoteStore()
  readonly subscriptions = new SubscriptionStore()
  readonly dataAttributes = new DataAttributeStore()
  readonly admins = new Map<string, AdminRecord>()

  private readonly json = new Map<string, string>()
  /** Bumped on every mutation; derived views (sorted lists, segment counts) are cached per value. */
  private generation = 0
  private sortedCache: { generation: number; ids: ReadonlyArray<string> } | undefined
  private countCache: { generation: number; counts: Map<string, number> } | undefined

  readonly app: AppRecord
  readonly ids: IdFactory
  private readonly clock: SimClock

  constructor(app: AppRecord, ids: IdFactory, clock: SimClock, firstPlanId: number) {
    this.app = app
    this.ids = ids
    this.clock = clock
    this.companies = new CompanyStore(firstPlanId)
  }

  now(): number {
    return unixSeconds(this.clock)
  }

  get defaultAdmin(): AdminRecord {
    const first = this.admins.values().next()
    if (first.done === true) throw new Error("the workspace has no admin")
    return first.value
  }

  // ---- serialization ------------------------------------------------------------------------

  /** The company's JSON, cached until something it shows changes. */
  companyJson(company: CompanyRecord): string {
    const cached = this.json.get(company.id)
    if (cached !== undefined) return cached
    const tags: Array<TagRecord> = []
    for (const tagging of this.tags.taggingsOfCompany(company.id)) {
      const tag = this.tags.get(tagging.tagId)
      if (tag !== undefined) tags.push(tag)
    }
    const text = JSON.stringify(
      companyWire(company, this.app.idCode, this.contacts.userCount(company.id), tags, this.segmentsOf(company))
    )
    this.json.set(company.id, text)
    return text
  }

  contactJson(contactId: string): ContactWire | undefined {
    const contact = this.contacts.get(contactId)
    if (contact === undefined) return undefined
    const prefs = this.subscriptions.preferencesOf(contactId)
    return contactWire(contact, this.app.idCode, {
      companyIds: this.contacts.companiesOf(contactId),
      tagIds: this.tags.taggingsOfContact(contactId).map((t) => t.tagId),
      noteIds: this.notes.ofContact(contactId).map((n) => n.id),
      optedIn: prefs.filter((t) => t.consentType === "opt_in").map((t) => t.id),
      optedOut: prefs.filter((t) => t.consentType === "opt_out").map((t) => t.id)
    })
  }

  private changed(companyId?: string): void {
    this.generation++
    if (companyId !== undefined) this.json.delete(companyId)
  }

  // ---- segments -----------------------------------------------------------------------------

  isInSegment(segment: SegmentRecord, company: CompanyRecord): boolean {
    return matchesRule(segment.rule, company, (tagId) => this.tags.companyHasTag(company.id, tagId))
  }

  segmentsOf(company: CompanyRecord): Array<SegmentRecord> {
    const result: Array<SegmentRecord> = []
    for (const segment of this.segments.values()) if (this.isInSegment(segment, company)) result.push(segment)
    return result
  }

  /** Member counts of every segment, computed in one pass and kept until the next mutation. */
  segmentCount(segmentId: string): number {
    if (this.countCache?.generation !== this.generation) {
      const counts = new Map<string, number>()
      const segments = Array.from(this.segments.values())
      for (const segment of segments) counts.set(segment.id, 0)
      for (const company of this.companies.values()) {
        for (const segment of segments) {
          if (this.isInSegment(segment, company)) counts.set(segment.id, (counts.get(segment.id) ?? 0) + 1)
        }
      }
      this.countCache = { generation: this.generation, counts }
    }
    return this.countCache.counts.get(segmentId) ?? 0
  }

  segmentsDependingOnTag(tagId: string): Array<SegmentRecord> {
    return Array.from(this.segments.values()).filter((s) => ruleDependsOnTag(s.rule, tagId))
  }

  // ---- company lists ------------------------------------------------------------------------

  /** Company ids by `last_request_at` descending (never-seen last), ties by id; cached. */
  companiesByLastRequest(): ReadonlyArray<string> {
    if (this.sortedCache?.generation !== this.generation) {
      const rows = Array.from(this.companies.values(), (c) => ({ id: c.id, at: c.lastRequestAt ?? -1 }))
      rows.sort((a, b) => b.at - a.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      this.sortedCache = { generation: this.generation, ids: rows.map((r) => r.id) }
    }
    return this.sortedCache.ids
  }

  // ---- company mutations --------------------------------------------------------------------

  createCompany(companyId: string, changes: CompanyChanges): CompanyRecord {
    const now = this.now()
    const company: CompanyRecord = {
      id: this.ids.objectId(now),
      companyId,
      name: "",
      remoteCreatedAt: undefined,
      createdAt: now,
      updatedAt: now,
      lastRequestAt: undefined,
      monthlySpend: 0,
      sessionCount: 0,
      size: undefined,
      website: undefined,
      industry: undefined,
      plan: undefined,
      customAttributes: {}
    }
    this.apply(company, changes)
    this.companies.add(company)
    this.changed(company.id)
    return company
  }

  updateCompany(company: CompanyRecord, changes: CompanyChanges): CompanyRecord {
    this.apply(company, changes)
    company.updatedAt = this.now()
    this.changed(company.id)
    return company
  }

  private apply(company: CompanyRecord, changes: CompanyChanges): void {
    if (changes.name !== undefined) company.name = changes.name
    if (changes.plan !== undefined) company.plan = this.companies.plan(changes.plan)
    if (changes.size !== undefined) company.size = changes.size
    if (changes.website !== undefined) company.website = changes.website
    if (changes.industry !== undefined) company.industry = changes.industry
    if (changes.monthlySpend !== undefined) company.monthlySpend = changes.monthlySpend
    if (changes.remoteCreatedAt !== undefined) company.remoteCreatedAt = changes.remoteCreatedAt
    if (changes.customAttributes !== undefined) {
      // Intercom merges custom attributes: keys not sent keep their values.
      company.customAttributes = { ...company.customAttributes, ...changes.customAttributes }
    }
    if (changes.touchLastRequest === true) company.lastRequestAt = this.now()
  }

  /** Removes the company, its tags and its contact links. */
  deleteCompany(company: CompanyRecord): void {
    this.companies.remove(company.id)
    this.tags.dropCompany(company.id)
    this.contacts.dropCompany(company.id)
    this.changed(company.id)
  }

  // ---- tags ---------------------------------------------------------------------------------

  createTag(name: string): TagRecord {
    const tag: TagRecord = { id: this.ids.sequence("tag"), name, createdAt: this.now() }
    this.tags.add(tag)
    this.changed()
    return tag
  }

  renameTag(tag: TagRecord, name: string): void {
    tag.name = name
    for (const companyId of this.tags.companiesWithTag(tag.id)) this.json.delete(companyId)
    this.changed()
  }

  deleteTag(tag: TagRecord): void {
    for (const companyId of this.tags.remove(tag.id)) this.json.delete(companyId)
    this.changed()
  }

  tagCompany(tag: TagRecord, company: CompanyRecord, adminId: string): void {
    if (this.tags.tagCompany(company.id, { tagId: tag.id, appliedAt: this.now(), appliedBy: adminId })) {
      this.changed(company.id)
    }
  }

  untagCompany(tag: TagRecord, company: CompanyRecord): void {
    if (this.tags.untagCompany(company.id, tag.id)) this.changed(company.id)
  }

  tagContact(tag: TagRecord, contactId: string, adminId: string): void {
    this.tags.tagContact(contactId, { tagId: tag.id, appliedAt: this.now(), appliedBy: adminId })
    this.changed()
  }

  untagContact(tag: TagRecord, contactId: string): void {
    this.tags.untagContact(contactId, tag.id)
    this.changed()
  }

  // ---- data attributes ----------------------------------------------------------------------
  // Defining or archiving an attribute changes no company's JSON: values live on the companies.

  createDataAttribute(definition: {
    readonly model: DataAttributeModel
    readonly name: string
    readonly dataType: DataAttributeType
    readonly description: string | undefined
    readonly options: ReadonlyArray<string> | undefined
    readonly messengerWritable: boolean
  }): DataAttributeRecord {
    const now = this.now()
    const attribute: DataAttributeRecord = {
      id: Number(this.ids.sequence("data_attribute")),
      model: definition.model,
      name: definition.name,
      fullName: `custom_attributes.${definition.name}`,
      label: definition.name,
      description: definition.description,
      dataType: definition.dataType,
      options: definition.options,
      apiWritable: true,
      messengerWritable: definition.messengerWritable,
      custom: true,
      archived: false,
      adminId: this.defaultAdmin.id,
      createdAt: now,
      updatedAt: now
    }
    this.dataAttributes.add(attribute)
    return attribute
  }

  updateDataAttribute(
    attribute: DataAttributeRecord,
    changes: {
      readonly archived?: boolean | undefined
      readonly description?: string | undefined
      readonly options?: ReadonlyArray<string> | undefined
      readonly messengerWritable?: boolean | undefined
    }
  ): DataAttributeRecord {
    if (changes.archived !== undefined) attribute.archived = changes.archived
    if (changes.description !== undefined) attribute.description = changes.description
    if (changes.options !== undefined) attribute.options = changes.options
    if (changes.messengerWritable !== undefined) attribute.messengerWritable = changes.messengerWritable
    attribute.updatedAt = this.now()
    return attribute
  }

  /** Segments whose rule reads the company attribute (archiving it is refused while they do). */
  segmentsDependingOnAttribute(name: string): Array<SegmentRecord> {
    return Array.from(this.segments.values()).filter((s) => ruleDependsOnAttribute(s.rule, name))
  }

  // ---- contacts, notes, subscriptions -------------------------------------------------------

  attachContact(contactId: string, company: CompanyRecord): void {
    if (this.contacts.link(contactId, company.id)) this.changed(company.id)
  }

  detachContact(contactId: string, company: CompanyRecord): boolean {
    const detached = this.contacts.unlink(contactId, company.id)
    if (detached) this.changed(company.id)
    return detached
  }

  createNote(contactId: string, author: AdminRecord, body: string): NoteRecord {
    const note: NoteRecord = {
      id: this.ids.sequence("note"),
      contactId,
      authorId: author.id,
      body,
      createdAt: this.now()
    }
    this.notes.add(note)
    this.changed()
    return note
  }

  setSubscription(contactId: string, typeId: string, consent: ConsentType): void {
    this.subscriptions.setPreference(contactId, typeId, consent)
    this.changed()
  }

  clearSubscription(contactId: string, typeId: string): void {
    this.subscriptions.clearPreference(contactId, typeId)
    this.changed()
  }
}
