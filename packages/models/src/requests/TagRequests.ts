import { Schema } from "effect"
import { CompanyExternalIdField, CompanyIdField, ContactIdField, TagIdField } from "./IdFields.js"
import { TagName } from "./TagName.js"
import { requiredField } from "./Validated.js"

// POST /tags takes four body shapes (an undiscriminated `oneOf` in the spec);
// each has its own schema so callers build exactly one of them.

const tagName = requiredField(TagName, "name (the tag name) is required")

/** `create_or_update_tag_request`: create a tag, or rename the tag with `id`. */
export const CreateOrUpdateTagRequest = Schema.Struct({
  name: tagName,
  id: Schema.optionalKey(TagIdField)
})
export type CreateOrUpdateTagRequest = typeof CreateOrUpdateTagRequest.Type

const identifiesCompany = Schema.makeFilter(
  (company: { readonly id?: string; readonly company_id?: string }) =>
    company.id !== undefined || company.company_id !== undefined,
  { message: "each company needs its id or company_id" }
)

/** A company to tag, by Intercom `id` or by your `company_id`. */
export const TagCompanyItem = Schema.Struct({
  id: Schema.optionalKey(CompanyIdField),
  company_id: Schema.optionalKey(CompanyExternalIdField)
}).check(identifiesCompany)
export type TagCompanyItem = typeof TagCompanyItem.Type

/**
 * A company to untag. The 2.11 schema requires `id`, `company_id` and `untag`
 * together, contradicting its own "id or company_id"; either one is accepted.
 */
export const UntagCompanyItem = Schema.Struct({
  id: Schema.optionalKey(CompanyIdField),
  company_id: Schema.optionalKey(CompanyExternalIdField),
  untag: requiredField(
    Schema.Literal(true).annotate({ message: "untag must be true to remove a tag" }),
    "untag: true is required to remove a tag"
  )
}).check(identifiesCompany)
export type UntagCompanyItem = typeof UntagCompanyItem.Type

const nonEmptyList = <S extends Schema.Top>(item: S, message: string) =>
  requiredField(
    Schema.Array(item).annotate({ message }).check(Schema.isMinLength(1, { message })),
    message
  )

/** `tag_company_request`: tag companies (the tag is created if it doesn't exist). */
export const TagCompanyRequest = Schema.Struct({
  name: tagName,
  companies: nonEmptyList(TagCompanyItem, "companies must list at least one company")
})
export type TagCompanyRequest = typeof TagCompanyRequest.Type

/** `untag_company_request`: remove a tag from companies. */
export const UntagCompanyRequest = Schema.Struct({
  name: tagName,
  companies: nonEmptyList(UntagCompanyItem, "companies must list at least one company")
})
export type UntagCompanyRequest = typeof UntagCompanyRequest.Type

/** `tag_multiple_users_request`: tag contacts by id. */
export const TagMultipleUsersRequest = Schema.Struct({
  name: tagName,
  users: nonEmptyList(
    Schema.Struct({ id: requiredField(ContactIdField, "each user needs its id") }),
    "users must list at least one contact"
  )
})
export type TagMultipleUsersRequest = typeof TagMultipleUsersRequest.Type

/**
 * Any POST /tags body. Order matters: unknown keys are ignored, so the most
 * specific shapes are tried first (an untag item is also a valid tag item).
 */
export const TagsRequest = Schema.Union([
  UntagCompanyRequest,
  TagCompanyRequest,
  TagMultipleUsersRequest,
  CreateOrUpdateTagRequest
])
export type TagsRequest = typeof TagsRequest.Type

/** Body of POST /contacts/{id}/tags: the tag to apply. */
export const TagContactRequest = Schema.Struct({
  id: requiredField(TagIdField, "id (the tag id) is required")
})
export type TagContactRequest = typeof TagContactRequest.Type
