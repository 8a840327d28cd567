import type { IntercomError } from "@intercom-explorer/http"
import {
  AttachContactToCompanyRequest,
  type Company,
  Company as CompanySchema,
  ContactAttachedCompanies,
  ContactSegments,
  type Segment,
  type Tag,
  TagList
} from "@intercom-explorer/models"
import { Context, Effect, Layer, Stream } from "effect"
import { RequestExecutor } from "../requests/RequestExecutor.js"
import { requestBody } from "../requests/RequestBody.js"
import { path, requireId } from "../requests/RequestPath.js"
import { DEFAULT_PAGE_SIZE } from "./PageParameters.js"
import { pageNumberStream } from "./Pagination.js"

export interface ContactsShape {
  /** POST /contacts/{id}/companies: attaches the contact to the company with this Intercom id. */
  readonly attachCompany: (contactId: string, companyId: string) => Effect.Effect<Company, IntercomError>
  /** DELETE /contacts/{contact_id}/companies/{company_id}. */
  readonly detachCompany: (contactId: string, companyId: string) => Effect.Effect<Company, IntercomError>
  /** GET /contacts/{id}/companies, every page (the API answers `data` or `companies`; both work). */
  readonly companies: (contactId: string) => Effect.Effect<ReadonlyArray<Company>, IntercomError>
  /** GET /contacts/{id}/segments. */
  readonly segments: (contactId: string) => Effect.Effect<ReadonlyArray<Segment>, IntercomError>
  /** GET /contacts/{id}/tags. */
  readonly tags: (contactId: string) => Effect.Effect<ReadonlyArray<Tag>, IntercomError>
}

export class Contacts extends Context.Service<Contacts, ContactsShape>()("@intercom-explorer/core/Contacts") {
  static readonly layer: Layer.Layer<Contacts, never, RequestExecutor> = Layer.effect(
    Contacts,
    Effect.gen(function*() {
      const executor = yield* RequestExecutor

      const attachCompany = Effect.fn("Contacts.attachCompany")(function*(contactId: string, companyId: string) {
        yield* requireId("POST", "/contacts/{id}/companies", "the contact id", contactId)
        const requestPath = path`/contacts/${contactId}/companies`
        const body = yield* requestBody(AttachContactToCompanyRequest, "POST", requestPath, { id: companyId })
        return yield* executor.execute({
          method: "POST",
          path: requestPath,
          body: { schema: AttachContactToCompanyRequest, value: body },
          response: CompanySchema
        }, "idempotent")
      })

      const detachCompany = Effect.fn("Contacts.detachCompany")(function*(contactId: string, companyId: string) {
        yield* requireId("DELETE", "/contacts/{id}/companies/{company_id}", "the contact id", contactId)
        yield* requireId("DELETE", "/contacts/{id}/companies/{company_id}", "the company id", companyId)
        return yield* executor.execute({
          method: "DELETE",
          path: path`/contacts/${contactId}/companies/${companyId}`,
          response: CompanySchema
        }, "idempotent")
      })

      const companiesPage = Effect.fn("Contacts.companiesPage")(function*(contactId: string, page: number) {
        const result = yield* executor.execute({
          method: "GET",
          path: path`/contacts/${contactId}/companies`,
          // Intercom allows 1,000 companies per contact; 50 a page keeps that to 20 requests.
          query: { page, per_page: DEFAULT_PAGE_SIZE },
          response: ContactAttachedCompanies
        }, "idempotent")
        return { items: result.data, pages: result.pages }
      })

      const companies = Effect.fn("Contacts.companies")(function*(contactId: string) {
        yield* requireId("GET", "/contacts/{id}/companies", "the contact id", contactId)
        return yield* Stream.runCollect(
          pageNumberStream({ method: "GET", path: path`/contacts/${contactId}/companies`, perPage: DEFAULT_PAGE_SIZE }, (page) =>
            companiesPage(contactId, page))
        )
      })

      const segments = Effect.fn("Contacts.segments")(function*(contactId: string) {
        yield* requireId("GET", "/contacts/{id}/segments", "the contact id", contactId)
        const result = yield* executor.execute({
          method: "GET",
          path: path`/contacts/${contactId}/segments`,
          response: ContactSegments
        }, "idempotent")
        return result.data
      })

      const tags = Effect.fn("Contacts.tags")(function*(contactId: string) {
        yield* requireId("GET", "/contacts/{id}/tags", "the contact id", contactId)
        const result = yield* executor.execute({
          method: "GET",
          path: path`/contacts/${contactId}/tags`,
          response: TagList
        }, "idempotent")
        return result.data
      })

      return Contacts.of({ attachCompany, detachCompany, companies, segments, tags })
    })
  )
}
