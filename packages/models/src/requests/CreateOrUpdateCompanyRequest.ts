import { Schema } from "effect"
import { EditableCompanyFields } from "./CompanyFields.js"
import { CompanyExternalIdField } from "./IdFields.js"
import { requiredField } from "./Validated.js"

/**
 * `create_or_update_company_request` (POST /companies). The upsert is keyed by
 * `company_id`, so it is required here although the spec marks nothing required:
 * without it the call cannot find the company to update (the API answers 400).
 * `plan` is a plan *name* here, while responses carry a plan object. Branded: core's
 * `Companies.upsert` takes only a validated body.
 */
export const CreateOrUpdateCompanyRequest = Schema.Struct({
  company_id: requiredField(CompanyExternalIdField, "company_id is required to create or update a company"),
  ...EditableCompanyFields
}).pipe(Schema.brand("CreateOrUpdateCompanyRequest"))
/** A validated upsert: only `validateRequest(CreateOrUpdateCompanyRequest)` (or a decode) makes one. */
export type CreateOrUpdateCompanyRequest = typeof CreateOrUpdateCompanyRequest.Type
/** An upsert as a caller writes it, before validation. */
export type CreateOrUpdateCompanyRequestInput = typeof CreateOrUpdateCompanyRequest.Encoded
