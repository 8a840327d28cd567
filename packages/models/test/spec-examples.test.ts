/**
 * Decodes every example the Intercom 2.11 OpenAPI description gives for the
 * endpoints this package models, with the schema the spec names for it. The spec
 * lives outside the repo (../shared); without it the test is skipped, not faked.
 */
import { describe, expect, it } from "@effect/vitest"
import { Result, Schema } from "effect"
import fs from "node:fs"
import path from "node:path"
import { parse } from "yaml"
import * as Models from "../src/index.js"

const repoRoot = path.resolve(import.meta.dirname, "../../..")
const sharedDir = process.env["INTERCOM_SHARED_DIR"] ?? path.resolve(repoRoot, "../shared")
const specPath = path.join(sharedDir, "intercom-openapi", "api.intercom.io.2.11.yaml")
const specPresent = fs.existsSync(specPath)

let parsed: Node | undefined
// The YAML is ~1 MB; parse it once for both tests.
const loadSpec = (): Node => (parsed ??= parse(fs.readFileSync(specPath, "utf8")) as Node)

type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [k: string]: Json }
type Node = { readonly [k: string]: any }

const inScope = (p: string): boolean =>
  /^\/companies(\/|$)/.test(p) ||
  /^\/contacts\/\{[^}]+\}\/(companies|segments|tags|notes|subscriptions)(\/|$)/.test(p) ||
  /^\/(tags|segments|notes)(\/|$)/.test(p) ||
  p === "/subscription_types" ||
  /^\/data_attributes(\/|$)/.test(p)

/** Request examples the spec answers with a 400 for the workspace's state (a name already taken), not their shape. */
const REJECTED_FOR_STATE = new Set(["post /data_attributes same_name_already_exists", "post /data_attributes attribute_already_exists"])

/** Response/request components, by their name in the spec. */
const componentSchemas: Record<string, Schema.Codec<unknown, unknown>> = {
  company: Models.Company,
  company_list: Models.CompanyList,
  company_scroll: Models.CompanyScroll,
  deleted_company_object: Models.DeletedCompanyObject,
  contact_attached_companies: Models.ContactAttachedCompanies,
  company_attached_contacts: Models.CompanyAttachedContacts,
  company_attached_segments: Models.CompanyAttachedSegments,
  segment: Models.Segment,
  segment_list: Models.SegmentList,
  contact_segments: Models.ContactSegments,
  tag: Models.Tag,
  tag_basic: Models.TagBasic,
  tag_list: Models.TagList,
  note: Models.Note,
  note_list: Models.NoteList,
  subscription_type: Models.SubscriptionType,
  subscription_type_list: Models.SubscriptionTypeList,
  translation: Models.Translation,
  cursor_pages: Models.CursorPages,
  pages_link: Models.PagesLink,
  starting_after_paging: Models.StartingAfterPaging,
  error: Models.ErrorList,
  data_attribute: Models.DataAttribute,
  data_attribute_list: Models.DataAttributeList,
  create_data_attribute_request: Models.CreateDataAttributeRequest,
  update_data_attribute_request: Models.UpdateDataAttributeRequest,
  create_or_update_company_request: Models.CreateOrUpdateCompanyRequest,
  update_company_request: Models.UpdateCompanyRequest,
  create_or_update_tag_request: Models.CreateOrUpdateTagRequest,
  tag_company_request: Models.TagCompanyRequest,
  untag_company_request: Models.UntagCompanyRequest,
  tag_multiple_users_request: Models.TagMultipleUsersRequest
}

/** Inline request bodies have no component name: pick by operation. */
const inlineRequestSchemas: Record<string, Schema.Codec<unknown, unknown>> = {
  "post /contacts/{contact_id}/companies": Models.AttachContactToCompanyRequest,
  "post /contacts/{contact_id}/notes": Models.CreateNoteRequest,
  "post /contacts/{contact_id}/subscriptions": Models.AttachSubscriptionRequest,
  "post /contacts/{contact_id}/tags": Models.TagContactRequest,
  // an undiscriminated oneOf of four bodies
  "post /tags": Models.TagsRequest
}

/** When an example has no $ref to go by, its `type` field says what it is. */
const byTypeField: Record<string, Schema.Codec<unknown, unknown>> = {
  company: Models.Company,
  "error.list": Models.ErrorList,
  note: Models.Note,
  segment: Models.Segment,
  "segment.list": Models.SegmentList,
  subscription: Models.SubscriptionType,
  tag: Models.Tag
}

const refName = (schema: Node | undefined): string | undefined =>
  typeof schema?.["$ref"] === "string" ? schema["$ref"].split("/").pop() : undefined

const examplesOf = (content: Node | undefined): Array<[string, Json]> => {
  const media = content?.["application/json"]
  if (media === undefined) return []
  const out: Array<[string, Json]> = Object.entries<Node>(media.examples ?? {}).map(([k, e]) => [k, e.value])
  if (media.example !== undefined) out.push(["example", media.example])
  return out
}

const key = (s: string) => s.trim().toLowerCase().replace(/\s+/g, "_")

interface Case {
  readonly where: string
  readonly value: Json
  readonly schema: Schema.Codec<unknown, unknown>
  readonly schemaName: string
  /** The spec pairs this request example with its own 400 answer: it must be rejected. */
  readonly invalid: boolean
}

const collect = (doc: Node): { cases: Array<Case>; unmatched: Array<string> } => {
  const cases: Array<Case> = []
  const unmatched: Array<string> = []
  for (const [p, ops] of Object.entries<Node>(doc.paths)) {
    if (!inScope(p)) continue
    for (const [method, op] of Object.entries<Node>(ops)) {
      if (typeof op !== "object" || op === null || op.responses === undefined) continue
      const opName = `${method} ${p}`
      const badRequestKeys = new Set(
        examplesOf(op.responses["400"]?.content).map(([k]) => key(k))
      )
      const body = op.requestBody?.content?.["application/json"]
      const bodyRef = refName(body?.schema)
      const requestSchemaName = bodyRef ?? (inlineRequestSchemas[opName] ? opName : undefined)
      const requestSchema = bodyRef ? componentSchemas[bodyRef] : inlineRequestSchemas[opName]
      for (const [name, value] of examplesOf(op.requestBody?.content)) {
        const where = `${opName} request "${name}"`
        if (requestSchema === undefined || requestSchemaName === undefined) unmatched.push(where)
        else {
          cases.push({ where, value, schema: requestSchema, schemaName: requestSchemaName, invalid: badRequestKeys.has(key(name)) && !REJECTED_FOR_STATE.has(`${opName} ${key(name)}`) })
        }
      }
      for (const [status, response] of Object.entries<Node>(op.responses)) {
        const ref = refName(response.content?.["application/json"]?.schema)
        for (const [name, value] of examplesOf(response.content)) {
          const where = `${opName} ${status} "${name}"`
          const typeField = typeof value === "object" && value !== null && !Array.isArray(value)
            ? (value as { type?: unknown }).type
            : undefined
          const schemaName = ref ?? (typeof typeField === "string" ? typeField : undefined)
          const schema = ref ? componentSchemas[ref] : typeof typeField === "string" ? byTypeField[typeField] : undefined
          if (schema === undefined || schemaName === undefined) unmatched.push(`${where} (${schemaName ?? "no schema"})`)
          else cases.push({ where, value, schema, schemaName, invalid: false })
        }
      }
    }
  }
  return { cases, unmatched }
}

/**
 * The object a component documents through its properties' `example`s (what the
 * reference pages show as "the example"), e.g. a company with
 * `custom_attributes: {paid_subscriber: true, monthly_spend: 155.5}` and a request
 * with `size: "100"`.
 */
const synthesize = (doc: Node, schema: Node | undefined, depth = 0): Json | undefined => {
  if (schema === undefined || depth > 12) return undefined
  if (schema.example !== undefined) return schema.example
  // an enum without an example documents its value(s); take the first
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0]
  const ref = refName(schema)
  if (ref !== undefined) return synthesize(doc, doc.components.schemas[ref], depth + 1)
  if (Array.isArray(schema.allOf)) {
    const parts = schema.allOf.map((s: Node) => synthesize(doc, s, depth + 1))
    return parts.every((x: unknown) => typeof x === "object" && x !== null) ? Object.assign({}, ...parts) : parts[0]
  }
  if (schema.type === "array") {
    const item = synthesize(doc, schema.items, depth + 1)
    return item === undefined ? [] : [item]
  }
  if (schema.properties !== undefined) {
    const out: Record<string, Json> = {}
    for (const [k, s] of Object.entries<Node>(schema.properties)) {
      const v = synthesize(doc, s, depth + 1)
      if (v !== undefined) out[k] = v
    }
    return out
  }
  return undefined
}

const decodes = (schema: Schema.Codec<unknown, unknown>, value: unknown) =>
  Schema.decodeUnknownResult(schema)(value, { errors: "all" })

describe("2.11 OpenAPI examples", () => {
  it.skipIf(!specPresent)(
    `every in-scope example decodes with its schema${specPresent ? "" : ` (skipped: spec not found at ${specPath}; set INTERCOM_SHARED_DIR)`}`,
    () => {
      const doc = loadSpec()
      const { cases, unmatched } = collect(doc)

      const failures: Array<string> = []
      const seen = new Map<string, number>()
      for (const c of cases) {
        seen.set(c.schemaName, (seen.get(c.schemaName) ?? 0) + 1)
        const result = decodes(c.schema, c.value)
        if (c.invalid && Result.isSuccess(result)) failures.push(`${c.where}: expected rejection, decoded`)
        if (!c.invalid && Result.isFailure(result)) failures.push(`${c.where} as ${c.schemaName}: ${result.failure.message}`)
        // What decodes must also encode back (the simulator serves these shapes).
        if (!c.invalid && Result.isSuccess(result)) {
          const encoded = Schema.encodeUnknownResult(c.schema)(result.success)
          if (Result.isFailure(encoded)) failures.push(`${c.where}: re-encode failed: ${encoded.failure.message}`)
        }
      }

      expect(unmatched).toEqual([])
      expect(failures).toEqual([])
      // 2.11 has ~100 such examples; a collapse means the walk broke, not that all is well.
      expect(cases.length).toBeGreaterThan(80)
      expect(cases.filter((c) => c.invalid).length).toBeGreaterThanOrEqual(3)
      // every response component named in the issue is exercised by at least one example
      for (const name of ["company", "company_list", "company_scroll", "deleted_company_object", "contact_attached_companies",
        "company_attached_contacts", "company_attached_segments", "segment", "segment_list", "contact_segments", "tag",
        "tag_basic", "tag_list", "note", "note_list", "subscription_type", "subscription_type_list", "error", "data_attribute",
        "data_attribute_list", "create_data_attribute_request", "update_data_attribute_request"]) {
        expect(seen.get(name) ?? 0, name).toBeGreaterThan(0)
      }
      console.info(`spec-examples: checked ${cases.length} operation examples (${cases.filter((c) => c.invalid).length} expected rejections)`)
    }
  )

  it.skipIf(!specPresent)(
    `every in-scope component's documented example object decodes${specPresent ? "" : " (skipped: spec not found)"}`,
    () => {
      const doc = loadSpec()
      const failures: Array<string> = []
      let checked = 0
      for (const [name, schema] of Object.entries(componentSchemas)) {
        const component = doc.components.schemas[name]
        if (component === undefined) continue // update_company_request only exists from 2.14
        const example = synthesize(doc, component)
        if (example === undefined) continue
        checked++
        const result = decodes(schema, example)
        if (Result.isFailure(result)) failures.push(`${name}: ${result.failure.message}`)
      }
      expect(failures).toEqual([])
      expect(checked).toBeGreaterThan(20)
      console.info(`spec-examples: checked ${checked} component example objects`)
    }
  )
})
