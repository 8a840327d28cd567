import {
  ApiError,
  companyNotFound,
  invalidTagParameters,
  parameterInvalid,
  resourceNotFound,
  userNotFound
} from "../server/ApiError.js"
import type { CompanyRecord, TagRecord } from "../state/Records.js"
import { type Handler, idValue, objectBody, param, type RequestContext } from "../server/RequestContext.js"
import { empty, json } from "../server/Reply.js"
import type { Router } from "../server/Router.js"
import { tagBasicWire, tagListWire } from "../wire/tags.js"
import type { Workspace } from "../state/Workspace.js"

// Tags. POST /tags is five operations behind one oneOf without a discriminator; they are told
// apart here the way Intercom does, by which keys are present: `companies` (tag or untag
// companies), `users` (tag contacts), `id` + `name` (rename), `name` alone (create, or return the
// existing tag of that name: names are case-insensitive).

const ALLOWED_KEYS = new Set(["name", "id", "companies", "users"])

const tagName = (body: Record<string, unknown>): string => {
  const name = body["name"]
  if (typeof name !== "string" || name.trim() === "") throw invalidTagParameters()
  return name.trim()
}

const objectItems = (value: unknown): Array<Record<string, unknown>> => {
  if (!Array.isArray(value) || value.some((v) => typeof v !== "object" || v === null)) throw invalidTagParameters()
  return value as Array<Record<string, unknown>>
}

/** A company named by Intercom `id` or by your `company_id` (the SDK's untag sends both). */
const resolveCompany = (ws: Workspace, item: Record<string, unknown>): CompanyRecord => {
  const id = idValue(item["id"])
  const byId = id === undefined ? undefined : ws.companies.get(id)
  if (byId !== undefined) return byId
  const companyId = idValue(item["company_id"])
  const byCompanyId = companyId === undefined ? undefined : ws.companies.getByCompanyId(companyId)
  if (byCompanyId !== undefined) return byCompanyId
  throw companyNotFound()
}

const findOrCreate = (ws: Workspace, name: string): TagRecord => ws.tags.findByName(name) ?? ws.createTag(name)

const tagCompanies = (ctx: RequestContext, body: Record<string, unknown>): TagRecord => {
  const ws = ctx.sim.workspace
  const name = tagName(body)
  const items = objectItems(body["companies"])
  // Resolve everything first: a request naming an unknown company changes nothing.
  const resolved = items.map((item) => ({ company: resolveCompany(ws, item), untag: item["untag"] === true }))
  const untagOnly = resolved.length > 0 && resolved.every((r) => r.untag)
  let tag: TagRecord | undefined
  if (untagOnly) {
    tag = ws.tags.findByName(name) ?? (idValue(body["id"]) === undefined ? undefined : ws.tags.get(String(body["id"])))
    if (tag === undefined) throw resourceNotFound()
  } else tag = findOrCreate(ws, name)
  const admin = ws.defaultAdmin.id
  for (const { company, untag } of resolved) {
    if (untag) ws.untagCompany(tag, company)
    else ws.tagCompany(tag, company, admin)
  }
  return tag
}

const tagUsers = (ctx: RequestContext, body: Record<string, unknown>): TagRecord => {
  const ws = ctx.sim.workspace
  const name = tagName(body)
  const contactIds = objectItems(body["users"]).map((item) => {
    const id = idValue(item["id"])
    if (id === undefined || ws.contacts.get(id) === undefined) throw userNotFound()
    return id
  })
  const tag = findOrCreate(ws, name)
  const admin = ws.defaultAdmin.id
  for (const contactId of contactIds) ws.tagContact(tag, contactId, admin)
  return tag
}

const rename = (ctx: RequestContext, id: string, name: string): TagRecord => {
  const ws = ctx.sim.workspace
  const tag = ws.tags.get(id)
  if (tag === undefined) throw resourceNotFound()
  const clash = ws.tags.findByName(name)
  if (clash !== undefined && clash.id !== tag.id) throw parameterInvalid(`A tag named '${name}' already exists`, "name")
  ws.renameTag(tag, name)
  return tag
}

const createOrChange: Handler = (ctx) => {
  const body = objectBody(ctx)
  for (const key of Object.keys(body)) if (!ALLOWED_KEYS.has(key)) throw invalidTagParameters()
  let tag: TagRecord
  if (body["companies"] !== undefined) tag = tagCompanies(ctx, body)
  else if (body["users"] !== undefined) tag = tagUsers(ctx, body)
  else {
    const name = tagName(body)
    const id = idValue(body["id"])
    tag = id === undefined ? findOrCreate(ctx.sim.workspace, name) : rename(ctx, id, name)
  }
  return json(tagBasicWire(tag))
}

const list: Handler = (ctx) => json(tagListWire(Array.from(ctx.sim.workspace.tags.values(), tagBasicWire)))

const find: Handler = (ctx) => {
  const tag = ctx.sim.workspace.tags.get(param(ctx, "tagId"))
  if (tag === undefined) throw resourceNotFound()
  return json(tagBasicWire(tag))
}

const remove: Handler = (ctx) => {
  const ws = ctx.sim.workspace
  const tag = ws.tags.get(param(ctx, "tagId"))
  if (tag === undefined) throw resourceNotFound()
  const dependents = ws.segmentsDependingOnTag(tag.id)
  if (dependents.length > 0) {
    throw new ApiError(
      400,
      "tag_has_dependent_objects",
      `Unable to delete Tag with dependent objects. Segments: ${dependents.map((s) => s.name).join(", ")}.`
    )
  }
  ws.deleteTag(tag)
  // 200 with no body, as the spec declares and the SDK expects.
  return empty()
}

export const tagRoutes = (router: Router<Handler>): void => {
  router
    .add("GET", "/tags", list)
    .add("POST", "/tags", createOrChange)
    .add("GET", "/tags/:tagId", find)
    .add("DELETE", "/tags/:tagId", remove)
}
