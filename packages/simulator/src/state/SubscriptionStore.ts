import type { ConsentType, SubscriptionTypeRecord } from "./Records.js"

// Subscription types and the preferences contacts set explicitly. Intercom only lists a contact's
// explicit choices, not the defaults, so absence here means "default state".

export class SubscriptionStore {
  private readonly types = new Map<string, SubscriptionTypeRecord>()
  private readonly byContact = new Map<string, Map<string, ConsentType>>()

  get(id: string): SubscriptionTypeRecord | undefined {
    return this.types.get(id)
  }

  values(): IterableIterator<SubscriptionTypeRecord> {
    return this.types.values()
  }

  add(type: SubscriptionTypeRecord): void {
    this.types.set(type.id, type)
  }

  setPreference(contactId: string, typeId: string, consent: ConsentType): void {
    let prefs = this.byContact.get(contactId)
    if (prefs === undefined) {
      prefs = new Map()
      this.byContact.set(contactId, prefs)
    }
    prefs.set(typeId, consent)
  }

  clearPreference(contactId: string, typeId: string): boolean {
    return this.byContact.get(contactId)?.delete(typeId) ?? false
  }

  preferencesOf(contactId: string): ReadonlyArray<SubscriptionTypeRecord> {
    const prefs = this.byContact.get(contactId)
    if (prefs === undefined) return []
    const types: Array<SubscriptionTypeRecord> = []
    for (const typeId of prefs.keys()) {
      const type = this.types.get(typeId)
      if (type !== undefined) types.push(type)
    }
    return types
  }
}
