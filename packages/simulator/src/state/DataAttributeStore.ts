import type { DataAttributeModel, DataAttributeRecord } from "./Records.js"

// The workspace's data attributes, standard and custom, in the order they were defined (Intercom
// lists the standard ones first, then the custom ones as they were created). Only custom ones have
// an id, so only they can be found by it (and updated).

export class DataAttributeStore {
  private readonly all: Array<DataAttributeRecord> = []
  private readonly byId = new Map<number, DataAttributeRecord>()

  get size(): number {
    return this.all.length
  }

  add(attribute: DataAttributeRecord): void {
    this.all.push(attribute)
    if (attribute.id !== undefined) this.byId.set(attribute.id, attribute)
  }

  get(id: number): DataAttributeRecord | undefined {
    return this.byId.get(id)
  }

  /** Archived ones only when asked, as GET /data_attributes does. */
  list(model: DataAttributeModel | "conversation" | undefined, includeArchived: boolean): Array<DataAttributeRecord> {
    return this.all.filter((a) => (model === undefined || a.model === model) && (includeArchived || !a.archived))
  }

  /**
   * The attribute a new one of this name would clash with, in any model: Intercom refuses "The One
   * Ring" for contacts when companies have it. Names compare without case.
   */
  clashing(name: string): DataAttributeRecord | undefined {
    const lower = name.toLowerCase()
    return this.all.find((a) => a.name.toLowerCase() === lower || a.fullName.toLowerCase() === lower)
  }

  /** The custom attribute `name` of `model`, archived or not. */
  custom(model: DataAttributeModel, name: string): DataAttributeRecord | undefined {
    return this.all.find((a) => a.custom && a.model === model && a.name === name)
  }
}
