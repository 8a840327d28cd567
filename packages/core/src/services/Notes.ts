import type { IntercomError } from "@intercom-explorer/http"
import { CreateNoteRequest, type Note, Note as NoteSchema, NoteList } from "@intercom-explorer/models"
import { Context, Effect, Layer, Stream } from "effect"
import { RequestExecutor } from "../requests/RequestExecutor.js"
import { path, requireId } from "../requests/RequestPath.js"
import { DEFAULT_PAGE_SIZE, perPageOf } from "./PageParameters.js"
import { pageNumberStream } from "./Pagination.js"

export interface NoteListOptions {
  /** Notes per request (default 50). */
  readonly perPage?: number | undefined
}

export interface NotesShape {
  /** GET /contacts/{id}/notes, every page. */
  readonly listForContact: (contactId: string, options?: NoteListOptions) => Stream.Stream<Note, IntercomError>
  /**
   * POST /contacts/{id}/notes. Never repeated once Intercom may have acted: only a 429 (refused
   * before acting) is retried, so a failure after the server stored the note surfaces as an error
   * instead of creating the note twice. The note comes validated:
   * `validateRequest(CreateNoteRequest)({ body, admin_id })` (`body` is HTML or text; `admin_id` the author,
   * Intercom picks one when omitted).
   */
  readonly create: (contactId: string, note: CreateNoteRequest) => Effect.Effect<Note, IntercomError>
  /** GET /notes/{id}. */
  readonly get: (id: string) => Effect.Effect<Note, IntercomError>
}

export class Notes extends Context.Service<Notes, NotesShape>()("@intercom-explorer/core/Notes") {
  static readonly layer: Layer.Layer<Notes, never, RequestExecutor> = Layer.effect(
    Notes,
    Effect.gen(function*() {
      const executor = yield* RequestExecutor

      const listPage = Effect.fn("Notes.listForContact")(function*(contactId: string, page: number, perPage: number) {
        const result = yield* executor.execute({
          method: "GET",
          path: path`/contacts/${contactId}/notes`,
          query: { page, per_page: perPage },
          response: NoteList
        }, "idempotent")
        return { items: result.data, pages: result.pages }
      })

      const listForContact = (contactId: string, options: NoteListOptions = {}) =>
        Stream.unwrap(Effect.gen(function*() {
          yield* requireId("GET", "/contacts/{id}/notes", "the contact id", contactId)
          const perPage = yield* perPageOf("GET", "/contacts/{id}/notes", options.perPage, DEFAULT_PAGE_SIZE)
          return pageNumberStream({ method: "GET", path: path`/contacts/${contactId}/notes`, perPage }, (page) =>
            listPage(contactId, page, perPage))
        }))

      const create = Effect.fn("Notes.create")(function*(contactId: string, note: CreateNoteRequest) {
        yield* requireId("POST", "/contacts/{id}/notes", "the contact id", contactId)
        return yield* executor.execute({
          method: "POST",
          path: path`/contacts/${contactId}/notes`,
          body: { schema: CreateNoteRequest, value: note },
          response: NoteSchema
        }, "create-once")
      })

      const get = Effect.fn("Notes.get")(function*(id: string) {
        yield* requireId("GET", "/notes/{id}", "the note id", id)
        return yield* executor.execute({ method: "GET", path: path`/notes/${id}`, response: NoteSchema }, "idempotent")
      })

      return Notes.of({ listForContact, create, get })
    })
  )
}
