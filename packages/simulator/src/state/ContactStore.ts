import type { ContactRecord } from "./Records.js"

// Contacts and their company links. A company's `user_count` is the number of contacts linked to
// it, so attach/detach changes what /companies/list shows (companies with no users are left out).

export class ContactStore {
  private readonly byId = new Map<string, ContactRecord>()
  private readonly companiesByContact = new Map<string, Array<string>>()
  private readonly contactsByCompany = new Map<string, Array<string>>()

  get size(): number {
    return this.byId.size
  }

  get(id: string): ContactRecord | undefined {
    return this.byId.get(id)
  }

  values(): IterableIterator<ContactRecord> {
    return this.byId.values()
  }

  add(contact: ContactRecord): void {
    this.byId.set(contact.id, contact)
  }

  /** Returns false when the link already existed. */
  link(contactId: string, companyId: string): boolean {
    const companies = this.companiesByContact.get(contactId)
    if (companies?.includes(companyId) === true) return false
    // New lists start as exact-size literals: `[]` + push reserves room for 16, which at 150k
    // contacts was most of the simulator's heap.
    if (companies === undefined) this.companiesByContact.set(contactId, [companyId])
    else companies.push(companyId)
    const contacts = this.contactsByCompany.get(companyId)
    if (contacts === undefined) this.contactsByCompany.set(companyId, [contactId])
    else contacts.push(contactId)
    return true
  }

  unlink(contactId: string, companyId: string): boolean {
    const companies = this.companiesByContact.get(contactId)
    const at = companies?.indexOf(companyId) ?? -1
    if (companies === undefined || at < 0) return false
    companies.splice(at, 1)
    const contacts = this.contactsByCompany.get(companyId)
    const ct = contacts?.indexOf(contactId) ?? -1
    if (contacts !== undefined && ct >= 0) contacts.splice(ct, 1)
    return true
  }

  /** Detaches every contact from a deleted company (Intercom's delete does the same). */
  dropCompany(companyId: string): void {
    for (const contactId of this.contactsByCompany.get(companyId) ?? []) {
      const companies = this.companiesByContact.get(contactId)
      const at = companies?.indexOf(companyId) ?? -1
      if (companies !== undefined && at >= 0) companies.splice(at, 1)
    }
    this.contactsByCompany.delete(companyId)
  }

  companiesOf(contactId: string): ReadonlyArray<string> {
    return this.companiesByContact.get(contactId) ?? []
  }

  contactsOf(companyId: string): ReadonlyArray<string> {
    return this.contactsByCompany.get(companyId) ?? []
  }

  userCount(companyId: string): number {
    return this.contactsByCompany.get(companyId)?.length ?? 0
  }
}
