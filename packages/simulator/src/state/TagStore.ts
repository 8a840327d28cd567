import type { TagRecord } from "./Records.js"

// Tags and where they are applied. Applications are kept in both directions because clients ask
// both questions: "which companies carry this tag" (GET /companies?tag_id) and "which tags does
// this company carry" (the `tags` inside every company object). A company carries a handful of
// tags at most, so its side is a small array rather than a Map per company (memory at 100k).

export interface Tagging {
  readonly tagId: string
  readonly appliedAt: number
  readonly appliedBy: string
}

export class TagStore {
  private readonly byId = new Map<string, TagRecord>()
  private readonly companiesByTag = new Map<string, Set<string>>()
  private readonly tagsByCompany = new Map<string, Array<Tagging>>()
  private readonly tagsByContact = new Map<string, Array<Tagging>>()

  get size(): number {
    return this.byId.size
  }

  get(id: string): TagRecord | undefined {
    return this.byId.get(id)
  }

  /** Intercom tag names are case-insensitive. */
  findByName(name: string): TagRecord | undefined {
    const lower = name.toLowerCase()
    for (const tag of this.byId.values()) if (tag.name.toLowerCase() === lower) return tag
    return undefined
  }

  values(): IterableIterator<TagRecord> {
    return this.byId.values()
  }

  add(tag: TagRecord): void {
    this.byId.set(tag.id, tag)
  }

  /** Removes the tag and every application of it; returns the companies that carried it. */
  remove(id: string): ReadonlyArray<string> {
    this.byId.delete(id)
    const companies = Array.from(this.companiesByTag.get(id) ?? [])
    this.companiesByTag.delete(id)
    for (const companyId of companies) without(this.tagsByCompany, companyId, id)
    for (const contactId of this.tagsByContact.keys()) without(this.tagsByContact, contactId, id)
    return companies
  }

  /** Returns false when the company already carried the tag. */
  tagCompany(companyId: string, tagging: Tagging): boolean {
    if (!withTagging(this.tagsByCompany, companyId, tagging)) return false
    let companies = this.companiesByTag.get(tagging.tagId)
    if (companies === undefined) {
      companies = new Set()
      this.companiesByTag.set(tagging.tagId, companies)
    }
    companies.add(companyId)
    return true
  }

  untagCompany(companyId: string, tagId: string): boolean {
    this.companiesByTag.get(tagId)?.delete(companyId)
    return without(this.tagsByCompany, companyId, tagId)
  }

  /** Forgets a deleted company's tags. */
  dropCompany(companyId: string): void {
    for (const tagging of this.tagsByCompany.get(companyId) ?? []) this.companiesByTag.get(tagging.tagId)?.delete(companyId)
    this.tagsByCompany.delete(companyId)
  }

  companyHasTag(companyId: string, tagId: string): boolean {
    return this.tagsByCompany.get(companyId)?.some((t) => t.tagId === tagId) ?? false
  }

  /** In the order they were applied. */
  taggingsOfCompany(companyId: string): ReadonlyArray<Tagging> {
    return this.tagsByCompany.get(companyId) ?? []
  }

  companiesWithTag(tagId: string): ReadonlySet<string> {
    return this.companiesByTag.get(tagId) ?? new Set()
  }

  tagContact(contactId: string, tagging: Tagging): void {
    withTagging(this.tagsByContact, contactId, tagging)
  }

  untagContact(contactId: string, tagId: string): boolean {
    return without(this.tagsByContact, contactId, tagId)
  }

  taggingsOfContact(contactId: string): ReadonlyArray<Tagging> {
    return this.tagsByContact.get(contactId) ?? []
  }
}

const withTagging = (index: Map<string, Array<Tagging>>, key: string, tagging: Tagging): boolean => {
  const list = index.get(key)
  if (list === undefined) {
    index.set(key, [tagging])
    return true
  }
  if (list.some((t) => t.tagId === tagging.tagId)) return false
  list.push(tagging)
  return true
}

const without = (index: Map<string, Array<Tagging>>, key: string, tagId: string): boolean => {
  const list = index.get(key)
  const at = list?.findIndex((t) => t.tagId === tagId) ?? -1
  if (list === undefined || at < 0) return false
  list.splice(at, 1)
  return true
}
