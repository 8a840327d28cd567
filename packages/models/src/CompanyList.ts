import { Schema, SchemaGetter } from "effect"
import { Company } from "./Company.js"
import { Contact } from "./Contact.js"
import { CursorPages, PagesLink } from "./Pagination.js"

/** `company_list`: POST /companies/list and GET /companies (page-number paging, 10,000 cap). */
export const CompanyList = Schema.Struct({
  type: Schema.Literal("list"),
  data: Schema.Array(Company),
  total_count: Schema.Int,
  pages: Schema.optionalKey(Schema.NullOr(CursorPages))
})
export type CompanyList = typeof CompanyList.Type

/**
 * GET /companies answers with a single `company` when filtering by `company_id`
 * or `name`, and a `company_list` otherwise (the spec only says list; Intercom's
 * Fern overrides say `oneOf`). Decoded by shape: a company has an `id`, a list has `data`.
 */
export const CompanyOrCompanyList = Schema.Union([Company, CompanyList])
export type CompanyOrCompanyList = typeof CompanyOrCompanyList.Type

/** True when GET /companies returned a list rather than one company. */
export const isCompanyList = (value: CompanyOrCompanyList): value is CompanyList =>
  value.type === "list" && "data" in value

/** The companies of a GET /companies answer, whichever shape it came in. */
export const companiesOf = (value: CompanyOrCompanyList): ReadonlyArray<Company> =>
  isCompanyList(value) ? value.data : [value]

/**
 * `company_scroll`: GET /companies/scroll. `pages` and `total_count` are null in
 * the spec's example; `scroll_param` can be missing or null on the final (empty)
 * page, so consumers must stop on empty `data`, not on the param.
 */
export const CompanyScroll = Schema.Struct({
  type: Schema.Literal("list"),
  data: Schema.Array(Company),
  total_count: Schema.optionalKey(Schema.NullOr(Schema.Int)),
  pages: Schema.optionalKey(Schema.NullOr(CursorPages)),
  scroll_param: Schema.optionalKey(Schema.NullOr(Schema.String))
})
export type CompanyScroll = typeof CompanyScroll.Type

/** `company_attached_contacts`: GET /companies/{id}/contacts. */
export const CompanyAttachedContacts = Schema.Struct({
  type: Schema.Literal("list"),
  data: Schema.Array(Contact),
  total_count: Schema.Int,
  pages: Schema.optionalKey(Schema.NullOr(CursorPages))
})
export type CompanyAttachedContacts = typeof CompanyAttachedContacts.Type

const ContactAttachedCompaniesWire = Schema.Struct({
  type: Schema.Literal("list"),
  data: Schema.optionalKey(Schema.Array(Company)),
  companies: Schema.optionalKey(Schema.Array(Company)),
  total_count: Schema.Int,
  pages: Schema.optionalKey(Schema.NullOr(PagesLink))
}).check(
  Schema.makeFilter(
    (body) => body.data !== undefined || body.companies !== undefined,
    { message: "a contact's companies must come as `data` or `companies`" }
  )
)

const ContactAttachedCompaniesType = Schema.toType(Schema.Struct({
  type: Schema.Literal("list"),
  data: Schema.Array(Company),
  total_count: Schema.Int,
  pages: Schema.optionalKey(Schema.NullOr(PagesLink))
}))

/**
 * `contact_attached_companies`: GET /contacts/{id}/companies. The schema names
 * the array `companies`, the example (and the API) sends `data`; both decode and
 * are normalised to `data`, which is also what encoding produces.
 */
export const ContactAttachedCompanies = ContactAttachedCompaniesWire.pipe(
  Schema.decodeTo(ContactAttachedCompaniesType, {
    decode: SchemaGetter.transform(({ companies, data, ...rest }) => ({ ...rest, data: data ?? companies ?? [] })),
    encode: SchemaGetter.transform((body) => body)
  })
)
export type ContactAttachedCompanies = typeof ContactAttachedCompanies.Type
