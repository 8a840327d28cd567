// A company's contacts with each one's latest notes, for the company document: the data only (the
// document renders it). Contacts come in the order Intercom lists them; notes newest first, as
// Intercom lists a contact's notes.
import {
  Companies,
  type Contact,
  describeError,
  type IntercomError,
  type Note,
  Notes
} from "@intercom-explorer/core"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import type { ClientSession } from "../client/ClientSession"

export interface CompanyContact {
  readonly contact: Contact
  /** The latest notes, newest first (at most `notesPerContact`). */
  readonly notes: ReadonlyArray<Note>
  /**
   * How many notes the contact has, when `notes` holds them all; absent when there are more than
   * shown (core's notes stream carries no total_count, and counting would read every page).
   */
  readonly notesTotal?: number
  /** Why the notes could not be read (core's describeError); the contact is listed all the same. */
  readonly notesError?: string
}

export interface CompanyContactsView {
  /** Every contact of the company, as Intercom counts them (may exceed `contacts.length`). */
  readonly total: number
  readonly contacts: ReadonlyArray<CompanyContact>
}

export interface CompanyContactsOptions {
  /** Contacts to read, at most (default 50). */
  readonly limit?: number | undefined
  /** Latest notes per contact (default 3; 0 reads none). */
  readonly notesPerContact?: number | undefined
}

export const DEFAULT_CONTACT_LIMIT = 50
export const DEFAULT_NOTES_PER_CONTACT = 3
/** Contacts whose notes are read at once: a company of 50 contacts is ~13 rounds, within the pacing. */
export const NOTES_CONCURRENCY = 4
/** The largest per_page Intercom documents for its 2.x lists. */
const MAX_PER_PAGE = 150

/** How a contact is named to people: name, else email, else its id. */
export const contactLabel = (
  contact: { readonly id: string; readonly name?: string | null | undefined; readonly email?: string | null | undefined }
): string =>
  contact.name?.trim() || contact.email?.trim() || `contact ${contact.id}`

/**
 * GET /companies/{id}/contacts, page by page until `limit` contacts or the last one. Bounded by the
 * company's total_count, so a server that repeats a page cannot page it forever.
 */
const contactsOf = Effect.fn("CompanyContacts.contacts")(function*(companyId: string, limit: number) {
  const perPage = Math.max(1, Math.min(limit, MAX_PER_PAGE))
  const contacts: Array<Contact> = []
  let total = 0
  for (let page = 1; ; page++) {
    const result = yield* Companies.use((c) => c.attachedContacts(companyId, { page, perPage }))
    total = result.total_count
    contacts.push(...result.data.slice(0, limit - contacts.length))
    const lastPage = result.pages?.total_pages ?? Math.ceil(total / perPage)
    if (contacts.length >= Math.min(limit, total) || result.data.length === 0 || page >= lastPage) break
  }
  return { total, contacts }
})

/**
 * A contact's latest `count` notes. One note more is asked for (same request) to know whether the
 * shown ones are all; a failure is kept on the contact instead of failing the whole view.
 */
const notesOf = (contact: Contact, count: number): Effect.Effect<CompanyContact, never, Notes> =>
  count <= 0
    ? Effect.succeed({ contact, notes: [] })
    : Notes.use((n) => Stream.runCollect(Stream.take(n.listForContact(contact.id, { perPage: count + 1 }), count + 1))).pipe(
      Effect.map((read): CompanyContact => {
        const all = Array.from(read)
        return all.length > count ? { contact, notes: all.slice(0, count) } : { contact, notes: all, notesTotal: all.length }
      }),
      Effect.catch((error: IntercomError) => Effect.succeed<CompanyContact>({ contact, notes: [], notesError: describeError(error) }))
    )

/** The company's contacts (up to `limit`), each with its latest notes, read `NOTES_CONCURRENCY` at a time. */
export const companyContacts = Effect.fn("CompanyContacts.load")(function*(
  companyId: string,
  options: CompanyContactsOptions = {}
) {
  const limit = options.limit ?? DEFAULT_CONTACT_LIMIT
  const notesPerContact = options.notesPerContact ?? DEFAULT_NOTES_PER_CONTACT
  const { contacts, total } = yield* contactsOf(companyId, limit)
  const withNotes = yield* Effect.forEach(contacts, (contact) => notesOf(contact, notesPerContact), {
    concurrency: NOTES_CONCURRENCY
  })
  const view: CompanyContactsView = { total, contacts: withNotes }
  return view
})

/**
 * The view on the session's client (the interactive pacing lane, session.run's default). Rejects
 * with the IntercomError when the contacts cannot be listed; an abort of `signal` interrupts it.
 */
export const loadCompanyContacts = (
  session: ClientSession,
  companyId: string,
  options: CompanyContactsOptions & { readonly signal?: AbortSignal | undefined } = {}
): Promise<CompanyContactsView> => session.run(companyContacts(companyId, options), { signal: options.signal })
