import {
  companyNotFound,
  pageLimitReached,
  parameterInvalid,
  parameterNotFound,
  resourceNotFound
} from "../server/ApiError.js"
import type { CompanyRecord } from "../state/Records.js"
import { uuid } from "../state/Ids.js"
import { objectBody, param, type RequestContext } from "../server/RequestContext.js"
import { paginate, pageRequest } from "../server/Paging.js"
import { json, rawJson, type Reply } from "../server/Reply.js"
import type { Router } from "../server/Router.js"
import type { Handler } from "../server/RequestContext.js"
import { deletedCompanyWire } from "../wire/companies.js"
import { companyContactsWire } from "../wire/contacts.js"
import { segmentDataWire, segmentWire } from "../wire/segments.js"
import { parseUpdate, parseUpsert } from "./companyInput.js"
import { keepDefinedCustomAttributes } from "./definedCustomAttributes.js"

// The Companies endpoints. Lists are built by joining each company's cached JSON, which is what
// keeps a 100,000-company scroll cheap to serve.

/** POST /companies/list never returns more than this many companies; beyond it, use scroll. */
const LIST_CAP = 10_000
/** Default per_page of company lists (the spec's "Defaults to 15"; the examples agree). */
const COMPANY_PER_PAGE = 15
/** Default per_page of a company's contacts (what Intercom's recorded example shows). */
const CONTACT_PER_PAGE = 50

const companyOr404 = (ctx: RequestContext, id: string): CompanyRecord => {
  const company = ctx.sim.workspace.companies.get(id)
  if (company === undefined) throw companyNotFound()
  return company
}

const companyReply = (ctx: RequestContext, company: CompanyRecord): Reply => rawJson(ctx.sim.workspace.companyJson(company))

/** The companies' cached JSON joined into a JSON array's body; ids no longer live are skipped. */
const joinedCompanyJson = (ctx: RequestContext, ids: ReadonlyArray<string>): string => {
  const ws = ctx.sim.workspace
  const parts: Array<string> = []
  for (const id of ids) {
    const company = ws.companies.get(id)
    if (company !== undefined) parts.push(ws.companyJson(company))
  }
  return parts.join(",")
}

/** `{type:"list", data, pages, total_count}` from company ids, in the examples' key order. */
export const companyListReply = (
  ctx: RequestContext,
  ids: ReadonlyArray<string>,
  perPageDefault: number,
  cap?: number
): Reply => {
  const request = pageRequest(ctx, perPageDefault)
  const total = cap === undefined ? ids.length : Math.min(ids.length, cap)
  if (cap !== undefined && (request.page - 1) * request.perPage >= cap) throw pageLimitReached()
  const page = paginate(ctx, ids, request, total)
  const data = joinedCompanyJson(ctx, page.items)
  return rawJson(`{"type":"list","data":[${data}],"pages":${JSON.stringify(page.pages)},"total_count":${ids.length}}`)
}

/** The company's reply, noting for the request log the custom attribute keys that were dropped. */
const writeReply = (ctx: RequestContext, company: CompanyRecord, dropped: ReadonlyArray<string>): Reply => {
  const reply = companyReply(ctx, company)
  return dropped.length === 0 ? reply : { ...reply, droppedCustomAttributes: dropped }
}

const upsert: Handler = (ctx) => {
  const ws = ctx.sim.workspace
  const input = parseUpsert(objectBody(ctx))
  const { changes, dropped } = keepDefinedCustomAttributes(ws, input.changes)
  const companyId = input.companyId
  if (companyId !== undefined) {
    const existing = ws.companies.getByCompanyId(companyId)
    if (existing !== undefined) return writeReply(ctx, ws.updateCompany(existing, changes), dropped)
    return writeReply(ctx, ws.createCompany(companyId, changes), dropped)
  }
  // Without a company_id there is nothing to match on: a named company is created with a
  // generated company_id; a body with neither is refused.
  if (changes.name === undefined) throw parameterNotFound("company_id or name must be specified")
  return writeReply(ctx, ws.createCompany(uuid(), changes), dropped)
}

const retrieve: Handler = (ctx) => {
  const ws = ctx.sim.workspace
  const companyId = ctx.query.get("company_id")
  if (companyId !== null && companyId !== "") {
    const company = ws.companies.getByCompanyId(companyId)
    if (company === undefined) throw companyNotFound()
    return companyReply(ctx, company)
  }
  const name = ctx.query.get("name")
  if (name !== null && name !== "") {
    const company = ws.companies.findByName(name)
    if (company === undefined) throw companyNotFound()
    return companyReply(ctx, company)
  }
  const sorted = ws.companiesByLastRequest()
  const tagId = ctx.query.get("tag_id")
  if (tagId !== null && tagId !== "") {
    if (ws.tags.get(tagId) === undefined) throw resourceNotFound()
    const tagged = ws.tags.companiesWithTag(tagId)
    return companyListReply(ctx, sorted.filter((id) => tagged.has(id)), COMPANY_PER_PAGE)
  }
  const segmentId = ctx.query.get("segment_id")
  if (segmentId !== null && segmentId !== "") {
    const segment = ws.segments.get(segmentId)
    if (segment === undefined) throw resourceNotFound()
    return companyListReply(
      ctx,
      sorted.filter((id) => {
        const company = ws.companies.get(id)
        return company !== undefined && ws.isInSegment(segment, company)
      }),
      COMPANY_PER_PAGE
    )
  }
  return companyListReply(ctx, sorted, COMPANY_PER_PAGE)
}

const list: Handler = (ctx) => {
  const ws = ctx.sim.workspace
  const order = ctx.query.get("order") ?? "desc"
  if (order !== "asc" && order !== "desc") throw parameterInvalid("order must be asc or desc", "order")
  // Companies with no users are left out of list responses, as the endpoint documents.
  const withUsers = ws.companiesByLastRequest().filter((id) => ws.contacts.userCount(id) > 0)
  const ordered = order === "asc" ? withUsers.reverse() : withUsers
  return companyListReply(ctx, ordered, COMPANY_PER_PAGE, LIST_CAP)
}

const scroll: Handler = (ctx) => {
  const { workspace: ws, scroll: sessions } = ctx.sim
  const isLive = (id: string): boolean => ws.companies.get(id) !== undefined
  const param = ctx.query.get("scroll_param")
  const page =
    param === null || param === "" ? sessions.open(ws.companies.ids(), isLive) : sessions.next(param, isLive)
  const data = joinedCompanyJson(ctx, page.ids)
  return rawJson(
    `{"type":"list","data":[${data}],"pages":null,"total_count":null,"scroll_param":${JSON.stringify(page.param)}}`
  )
}

const find: Handler = (ctx) => companyReply(ctx, companyOr404(ctx, param(ctx, "id")))

const update: Handler = (ctx) => {
  const company = companyOr404(ctx, param(ctx, "id"))
  const ws = ctx.sim.workspace
  const { changes, dropped } = keepDefinedCustomAttributes(ws, parseUpdate(objectBody(ctx), company.companyId))
  return writeReply(ctx, ws.updateCompany(company, changes), dropped)
}

const remove: Handler = (ctx) => {
  const company = companyOr404(ctx, param(ctx, "id"))
  ctx.sim.workspace.deleteCompany(company)
  return json(deletedCompanyWire(company.id))
}

const contacts: Handler = (ctx) => {
  const company = companyOr404(ctx, param(ctx, "id"))
  const ws = ctx.sim.workspace
  const ids = ws.contacts.contactsOf(company.id)
  const page = paginate(ctx, ids, pageRequest(ctx, CONTACT_PER_PAGE))
  return json(
    companyContactsWire(
      page.items.flatMap((id) => ws.contactJson(id) ?? []),
      ids.length,
      page.pages
    )
  )
}

const segments: Handler = (ctx) => {
  const company = companyOr404(ctx, param(ctx, "id"))
  return json(segmentDataWire(ctx.sim.workspace.segmentsOf(company).map((s) => segmentWire(s))))
}

export const companyRoutes = (router: Router<Handler>): void => {
  router
    .add("POST", "/companies", upsert)
    .add("GET", "/companies", retrieve)
    .add("POST", "/companies/list", list)
    .add("GET", "/companies/scroll", scroll)
    .add("GET", "/companies/:id", find)
    .add("PUT", "/companies/:id", update)
    .add("DELETE", "/companies/:id", remove)
    .add("GET", "/companies/:id/contacts", contacts)
    .add("GET", "/companies/:id/segments", segments)
}
