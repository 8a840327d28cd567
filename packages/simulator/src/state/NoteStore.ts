import type { NoteRecord } from "./Records.js"

// Notes by id and per contact. Intercom lists a contact's notes newest first.

export class NoteStore {
  private readonly byId = new Map<string, NoteRecord>()
  private readonly byContact = new Map<string, Array<NoteRecord>>()

  get size(): number {
    return this.byId.size
  }

  get(id: string): NoteRecord | undefined {
    return this.byId.get(id)
  }

  add(note: NoteRecord): void {
    this.byId.set(note.id, note)
    const notes = this.byContact.get(note.contactId)
    if (notes === undefined) this.byContact.set(note.contactId, [note])
    else notes.push(note)
  }

  /** Newest first; equal timestamps fall back to the later-created note first. */
  ofContact(contactId: string): ReadonlyArray<NoteRecord> {
    const notes = this.byContact.get(contactId) ?? []
    return notes
      .map((note, index) => ({ note, index }))
      .sort((a, b) => b.note.createdAt - a.note.createdAt || b.index - a.index)
      .map(({ note }) => note)
  }
}
