// Pure: what a company document shows. The editable part is the company's own fields in the form
// PUT /companies/{id} takes them; everything else is the read-only part, rendered from the company
// and its contacts. Both the renderer and the edit reader work from these, so a document reads back
// exactly what was rendered.
import type { Company, Contact, Note } from "@intercom-explorer/core"

/** The standard fields a document edits, in the order it shows them. */
export const EDITABLE_FIELDS = ["name", "plan", "size", "website", "industry", "monthly_spend"] as const
export type DocumentField = typeof EDITABLE_FIELDS[number]

export const CUSTOM_KEY = "custom_attributes"
export const READ_ONLY_KEY = "read_only"

/** A company's contacts as the document shows them (the contacts feature loads them). */
export interface DocumentContacts {
  readonly total: number
  readonly contacts: ReadonlyArray<{
    readonly contact: Contact
    readonly notes: ReadonlyArray<Note>
    readonly notesTotal?: number | undefined
    readonly notesError?: string | undefined
  }>
}

export interface CompanyDocumentModel {
  readonly company: Company
  /** Undefined while not loaded; a string says why they could not be read. */
  readonly contacts: DocumentContacts | string | undefined
}

/** A standard field's value as the document shows it (the plan by name; unset as null). */
export const fieldValue = (company: Company, field: DocumentField): string | number | null =>
  field === "plan" ? company.plan?.name ?? null : company[field] ?? null

/** A unix time as the document shows it, in UTC to the second (updated_at tells versions apart). */
export const readableTime = (seconds: number | null | undefined): string | null =>
  seconds === undefined || seconds === null ? null : `${new Date(seconds * 1000).toISOString().slice(0, 19).replace("T", " ")} UTC`

// Note bodies are HTML; the document shows their text.
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: "\"", "#39": "'", nbsp: " " }
const noteText = (html: string): string =>
  html
    .replace(/<\s*(br|\/p|\/div|\/li)\s*\/?>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => ENTITIES[name]!)
    .trim()

const contactsValue = (contacts: CompanyDocumentModel["contacts"]) => {
  if (contacts === undefined) return "not loaded"
  if (typeof contacts === "string") return `could not be read: ${contacts}`
  return contacts.contacts.map(({ contact, notes, notesTotal, notesError }) => ({
    id: contact.id,
    name: contact.name ?? null,
    email: contact.email ?? null,
    last_seen_at: readableTime(contact.last_seen_at),
    notes: notesError !== undefined
      ? `could not be read: ${notesError}`
      : notes.map((note) => ({ created_at: readableTime(note.created_at), author: note.author?.name ?? null, text: noteText(note.body) })),
    ...(notesTotal !== undefined && notesTotal > notes.length ? { notes_total: notesTotal } : {})
  }))
}

/** The read-only part, as rendered (and as an unedited document reads back). */
export const readOnlyPart = (model: CompanyDocumentModel): Record<string, unknown> => {
  const { company, contacts } = model
  return {
    id: company.id,
    company_id: company.company_id ?? null,
    app_id: company.app_id ?? null,
    user_count: company.user_count ?? null,
    session_count: company.session_count ?? null,
    created_at: readableTime(company.created_at),
    updated_at: readableTime(company.updated_at),
    last_request_at: readableTime(company.last_request_at),
    remote_created_at: readableTime(company.remote_created_at),
    tags: (company.tags?.tags ?? []).map((t) => t.name),
    segments: (company.segments?.segments ?? []).map((s) => s.name),
    contacts: contactsValue(contacts),
    ...(typeof contacts === "object" && contacts.total > contacts.contacts.length ? { contacts_total: contacts.total } : {})
  }
}

/** The editable part's values: standard fields and custom attributes. */
export interface EditableValues {
  readonly fields: Readonly<Record<DocumentField, unknown>>
  readonly custom: Readonly<Record<string, unknown>>
}

export const editableValues = (company: Company): EditableValues => ({
  fields: Object.fromEntries(EDITABLE_FIELDS.map((f) => [f, fieldValue(company, f)])) as Record<DocumentField, unknown>,
  custom: company.custom_attributes ?? {}
})

/**
 * The company with an edit applied, as Intercom would answer it: for the conflict resolutions,
 * which render "theirs with my edits". `changes` is in the wire form (plan by name; null clears a
 * custom attribute).
 */
export const withChanges = (company: Company, changes: Readonly<Record<string, unknown>>): Company => {
  const next: Record<string, unknown> = { ...company }
  for (const [key, value] of Object.entries(changes)) {
    if (key === CUSTOM_KEY) {
      const custom: Record<string, unknown> = { ...company.custom_attributes }
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (v === null) delete custom[k]
        else custom[k] = v
      }
      next[CUSTOM_KEY] = custom
    } else if (key === "plan") {
      next["plan"] = { ...company.plan, name: value }
    } else {
      next[key] = value
    }
  }
  return next as Company
}
