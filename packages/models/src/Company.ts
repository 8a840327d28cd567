import { Schema } from "effect"
import { CustomAttributes } from "./CustomAttributes.js"
import { CompanyId, ExternalCompanyId } from "./Ids.js"
import { CompanySegments } from "./Segment.js"
import { CompanyTags } from "./Tag.js"
import { UnixSeconds } from "./Timestamps.js"

/** A company's plan. Every example sends `plan: {}`, so all fields are optional. */
export const CompanyPlan = Schema.Struct({
  type: Schema.optionalKey(Schema.Literal("plan")),
  id: Schema.optionalKey(Schema.String),
  name: Schema.optionalKey(Schema.String)
})
export type CompanyPlan = typeof CompanyPlan.Type

/** A customer-set attribute: may be missing, and is null when never set. */
const Unset = <S extends Schema.Top>(schema: S) => Schema.optionalKey(Schema.NullOr(schema))

/**
 * `company`. The spec's required list is contradicted by every example (none has
 * `size`, `website`, `industry` or, mostly, `last_request_at`), and Intercom's
 * later descriptions drop it, so only `id` is required: a company without its
 * Intercom id cannot be addressed. Counters are optional but never null; the
 * descriptive fields a customer sets may be null.
 */
export const Company = Schema.Struct({
  type: Schema.optionalKey(Schema.Literal("company")),
  id: CompanyId,
  company_id: Schema.optionalKey(ExternalCompanyId),
  app_id: Schema.optionalKey(Schema.String),
  name: Unset(Schema.String),
  plan: Unset(CompanyPlan),
  remote_created_at: Unset(UnixSeconds),
  created_at: Schema.optionalKey(UnixSeconds),
  updated_at: Schema.optionalKey(UnixSeconds),
  last_request_at: Unset(UnixSeconds),
  size: Unset(Schema.Int),
  website: Unset(Schema.String),
  industry: Unset(Schema.String),
  monthly_spend: Schema.optionalKey(Schema.Int),
  session_count: Schema.optionalKey(Schema.Int),
  user_count: Schema.optionalKey(Schema.Int),
  custom_attributes: Schema.optionalKey(CustomAttributes),
  tags: Schema.optionalKey(CompanyTags),
  segments: Schema.optionalKey(CompanySegments)
})
export type Company = typeof Company.Type

/** `deleted_company_object`: DELETE /companies/{id} (archival is asynchronous). */
export const DeletedCompanyObject = Schema.Struct({
  id: CompanyId,
  object: Schema.Literal("company"),
  deleted: Schema.Boolean
})
export type DeletedCompanyObject = typeof DeletedCompanyObject.Type
