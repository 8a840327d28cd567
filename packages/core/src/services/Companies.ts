import { IntercomError, NotFound } from "@intercom-explorer/http"
import {
  type Company,
  CompanyAttachedContacts,
  CompanyAttachedSegments,
  CompanyList,
  CompanyOrCompanyList,
  companiesOf,
  CreateOrUpdateCompanyRequest,
  DeletedCompanyObject,
  Company as CompanySchema,
  isCompanyList,
  UpdateCompanyRequest
} from "@intercom-explorer/models"
import { Context, Effect, Layer, Stream } from "effect"
import { RequestExecutor } from "../requests/RequestExecutor.js"
import { ScrollLock } from "../scroll/ScrollLock.js"
import { type ScrollOptions, scrollCompanies } from "../scroll/ScrollStream.js"
import { path, requireId } from "../requests/RequestPath.js"
import { DEFAULT_PAGE_SIZE, pageOf, perPageOf } from "./PageParameters.js"
import { pageNumberStream } from "./Pagination.js"

/** POST /companies/list returns at most this many companies; use `scroll` for everything. */
export const COMPANY_LIST_CAP = 10_000

/** Page size used by the company streams when none is given: the services' shared default, public under this name. */
export const DEFAULT_COMPANY_PAGE_SIZE = DEFAULT_PAGE_SIZE

export type CompanyListOrder = "asc" | "desc"

export interface CompanyListOptions {
  /** Companies per request (default 50). */
  readonly perPage?: number | undefined
  /** By `last_request_at`; Intercom's default is `desc`. */
  readonly order?: CompanyListOrder | undefined
}

export interface CompanyFilterOptions {
  /** Companies per request (default 50). */
  readonly perPage?: number | undefined
}

/** One page of POST /companies/list, for UIs that page by hand ("100 of 3,412"). */
export interface CompanyPage {
  readonly companies: ReadonlyArray<Company>
  readonly page: number
  readonly perPage: number
  /** All companies the listing can reach (Intercom counts only companies with users). */
  readonly totalCount: number
  readonly totalPages: number
  readonly hasNextPage: boolean
}

export interface AttachedContactsOptions {
  readonly page?: number | undefined
  readonly perPage?: number | undefined
}

export interface CompaniesShape {
  /**
   * POST /companies: creates the company with this `company_id`, or updates it (idempotent). The
   * body comes validated: `validateRequest(CreateOrUpdateCompanyRequest)(input)`.
   */
  readonly upsert: (company: CreateOrUpdateCompanyRequest) => Effect.Effect<Company, IntercomError>
  /** GET /companies/{id} by Intercom id. */
  readonly retrieve: (id: string) => Effect.Effect<Company, IntercomError>
  /** GET /companies?company_id=: by your own id; 404 gives the NotFound reason. */
  readonly retrieveByCompanyId: (companyId: string) => Effect.Effect<Company, IntercomError>
  /** GET /companies?name=: by exact name; 404 gives the NotFound reason. */
  readonly retrieveByName: (name: string) => Effect.Effect<Company, IntercomError>
  /**
   * PUT /companies/{id}: changes the given fields (`company_id` cannot change). The edit comes
   * validated: `validateRequest(UpdateCompanyRequest)(input)`.
   */
  readonly update: (id: string, changes: UpdateCompanyRequest) => Effect.Effect<Company, IntercomError>
  /** DELETE /companies/{id}: Intercom archives the company asynchronously. */
  readonly delete: (id: string) => Effect.Effect<DeletedCompanyObject, IntercomError>
  /** Every company POST /companies/list can reach (companies with users, at most 10,000). */
  readonly list: (options?: CompanyListOptions) => Stream.Stream<Company, IntercomError>
  /** One page of POST /companies/list with its totals. */
  readonly listPage: (
    page: number,
    perPage?: number,
    order?: CompanyListOrder
  ) => Effect.Effect<CompanyPage, IntercomError>
  /** Companies carrying a tag (GET /companies?tag_id=). */
  readonly byTag: (tagId: string, options?: CompanyFilterOptions) => Stream.Stream<Company, IntercomError>
  /** Companies in a segment (GET /companies?segment_id=). */
  readonly bySegment: (segmentId: string, options?: CompanyFilterOptions) => Stream.Stream<Company, IntercomError>
  /**
   * Every company exactly once through GET /companies/scroll, holding the app's scroll lock while
   * the stream runs (released when it ends, fails or is interrupted).
   */
  readonly scroll: (options?: ScrollOptions) => Stream.Stream<Company, IntercomError>
  /** GET /companies/{id}/contacts: one page of the company's contacts, with `total_count`. */
  readonly attachedContacts: (
    id: string,
    options?: AttachedContactsOptions
  ) => Effect.Effect<CompanyAttachedContacts, IntercomError>
  /** GET /companies/{id}/segments. */
  readonly attachedSegments: (id: string) => Effect.Effect<CompanyAttachedSegments, IntercomError>
}

export class Companies extends Context.Service<Companies, CompaniesShape>()("@intercom-explorer/core/Companies") {
  static readonly layer: Layer.Layer<Companies, never, RequestExecutor | ScrollLock> = Layer.effect(
    Companies,
    Effect.gen(function*() {
      const executor = yield* RequestExecutor
      const scrollContext = yield* Effect.context<RequestExecutor | ScrollLock>()

      const upsert = Effect.fn("Companies.upsert")(function*(company: CreateOrUpdateCompanyRequest) {
        return yield* executor.execute({
          method: "POST",
          path: "/companies",
          body: { schema: CreateOrUpdateCompanyRequest, value: company },
          response: CompanySchema
        }, "idempotent")
      })

      const retrieve = Effect.fn("Companies.retrieve")(function*(id: string) {
        yield* requireId("GET", "/companies/{id}", "the company id", id)
        return yield* executor.execute({ method: "GET", path: path`/companies/${id}`, response: CompanySchema }, "idempotent")
      })

      /** GET /companies with a filter that names one company: a single company comes back. */
      const findOne = (field: "company_id" | "name", value: string) =>
        Effect.gen(function*() {
          yield* requireId("GET", "/companies", field, value)
          const found = yield* executor.execute({
            method: "GET",
            path: "/companies",
            query: { [field]: value },
            response: CompanyOrCompanyList
          }, "idempotent")
          // Intercom answers a single company; a list (the spec's declared shape) is narrowed to the
          // company that really has this company_id or name (never just the first row), and no such
          // company means the same as Intercom's 404.
          const first = companiesOf(found).find((company) => company[field] === value)
          if (first === undefined) {
            return yield* new IntercomError({
              reason: new NotFound({ code: "company_not_found" }),
              method: "GET",
              path: "/companies"
            })
          }
          return first
        })

      const retrieveByCompanyId = Effect.fn("Companies.retrieveByCompanyId")(function*(companyId: string) {
        return yield* findOne("company_id", companyId)
      })

      const retrieveByName = Effect.fn("Companies.retrieveByName")(function*(name: string) {
        return yield* findOne("name", name)
      })

      const update = Effect.fn("Companies.update")(function*(id: string, changes: UpdateCompanyRequest) {
        yield* requireId("PUT", "/companies/{id}", "the company id", id)
        return yield* executor.execute({
          method: "PUT",
          path: path`/companies/${id}`,
          body: { schema: UpdateCompanyRequest, value: changes },
          response: CompanySchema
        }, "idempotent")
      })

      const remove = Effect.fn("Companies.delete")(function*(id: string) {
        yield* requireId("DELETE", "/companies/{id}", "the company id", id)
        return yield* executor.execute({
          method: "DELETE",
          path: path`/companies/${id}`,
          response: DeletedCompanyObject
        }, "idempotent")
      })

      const fetchListPage = Effect.fn("Companies.listPage")(
        function*(page: number, perPage: number, order: CompanyListOrder | undefined) {
          return yield* executor.execute({
            method: "POST",
            path: "/companies/list",
            query: { page, per_page: perPage, order },
            response: CompanyList
          }, "idempotent")
        }
      )

      const listPage = Effect.fn("Companies.listPage")(
        function*(page: number, perPage?: number, order?: CompanyListOrder) {
          const pageNumber = yield* pageOf("POST", "/companies/list", page)
          const size = yield* perPageOf("POST", "/companies/list", perPage, DEFAULT_COMPANY_PAGE_SIZE)
          const result = yield* fetchListPage(pageNumber, size, order)
          const pages = result.pages ?? undefined
          // The server may clamp per_page; its own numbers win over what was asked.
          const effectivePerPage = pages?.per_page ?? size
          const reachable = Math.min(result.total_count, COMPANY_LIST_CAP)
          const totalPages = pages?.total_pages ?? Math.ceil(reachable / effectivePerPage)
          const current = pages?.page ?? pageNumber
          return {
            companies: result.data,
            page: current,
            perPage: effectivePerPage,
            totalCount: result.total_count,
            totalPages,
            hasNextPage: result.data.length > 0 && current < totalPages &&
              current * effectivePerPage < COMPANY_LIST_CAP
          } satisfies CompanyPage
        }
      )

      const list = (options: CompanyListOptions = {}): Stream.Stream<Company, IntercomError> =>
        Stream.unwrap(Effect.map(
          perPageOf("POST", "/companies/list", options.perPage, DEFAULT_COMPANY_PAGE_SIZE),
          (perPage) =>
            pageNumberStream(
              { method: "POST", path: "/companies/list", perPage, maxItems: COMPANY_LIST_CAP },
              (page) =>
                Effect.map(fetchListPage(page, perPage, options.order), (r) => ({ items: r.data, pages: r.pages }))
            )
        ))

      const fetchFiltered = Effect.fn("Companies.filtered")(
        function*(field: "tag_id" | "segment_id", value: string, page: number, perPage: number) {
          const result = yield* executor.execute({
            method: "GET",
            path: "/companies",
            query: { [field]: value, page, per_page: perPage },
            response: CompanyOrCompanyList
          }, "idempotent")
          return { items: companiesOf(result), pages: isCompanyList(result) ? result.pages : undefined }
        }
      )

      const filtered = (field: "tag_id" | "segment_id", value: string, options: CompanyFilterOptions = {}) =>
        Stream.unwrap(Effect.gen(function*() {
          yield* requireId("GET", "/companies", field, value)
          const perPage = yield* perPageOf("GET", "/companies", options.perPage, DEFAULT_COMPANY_PAGE_SIZE)
          return pageNumberStream({ method: "GET", path: "/companies", perPage }, (page) =>
            fetchFiltered(field, value, page, perPage))
        }))

      const byTag = (tagId: string, options?: CompanyFilterOptions) => filtered("tag_id", tagId, options)
      const bySegment = (segmentId: string, options?: CompanyFilterOptions) =>
        filtered("segment_id", segmentId, options)

      const scroll = (options?: ScrollOptions) =>
        scrollCompanies(options).pipe(Stream.provideContext(scrollContext))

      const attachedContacts = Effect.fn("Companies.attachedContacts")(
        function*(id: string, options: AttachedContactsOptions = {}) {
          yield* requireId("GET", "/companies/{id}/contacts", "the company id", id)
          const requestPath = path`/companies/${id}/contacts`
          const page = options.page === undefined ? undefined : yield* pageOf("GET", requestPath, options.page)
          const perPage = options.perPage === undefined
            ? undefined
            : yield* perPageOf("GET", requestPath, options.perPage, DEFAULT_COMPANY_PAGE_SIZE)
          return yield* executor.execute({
            method: "GET",
            path: requestPath,
            query: { page, per_page: perPage },
            response: CompanyAttachedContacts
          }, "idempotent")
        }
      )

      const attachedSegments = Effect.fn("Companies.attachedSegments")(function*(id: string) {
        yield* requireId("GET", "/companies/{id}/segments", "the company id", id)
        return yield* executor.execute({
          method: "GET",
          path: path`/companies/${id}/segments`,
          response: CompanyAttachedSegments
        }, "idempotent")
      })

      return Companies.of({
        upsert,
        retrieve,
        retrieveByCompanyId,
        retrieveByName,
        update,
        delete: remove,
        list,
        listPage,
        byTag,
        bySegment,
        scroll,
        attachedContacts,
        attachedSegments
      })
    })
  )
}
