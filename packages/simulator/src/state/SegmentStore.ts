import type { SegmentRecord } from "./Records.js"

// Segments are fixed by the seed (the API cannot create them); only their membership moves.

export class SegmentStore {
  private readonly byId = new Map<string, SegmentRecord>()

  get size(): number {
    return this.byId.size
  }

  get(id: string): SegmentRecord | undefined {
    return this.byId.get(id)
  }

  values(): IterableIterator<SegmentRecord> {
    return this.byId.values()
  }

  add(segment: SegmentRecord): void {
    this.byId.set(segment.id, segment)
  }
}
