import { Schema } from "effect"
import {
  CompanyNameField,
  CustomAttributesField,
  IndustryField,
  MonthlySpendField,
  PlanNameField,
  RemoteCreatedAtField,
  SizeField,
  WebsiteField
} from "./CompanyFields.js"
import { CompanyExternalIdField } from "./Ids.js"
import { requiredField } from "./Validated.js"

/**
 * `create_or_update_company_request` (POST /companies). The upsert is keyed by
 * `company_id`, so it is required here although the spec marks nothing required:
 * without it the call cannot find the company to update (the API answers 400).
 * `plan` is a plan *name* here, while responses carry a plan object.
 */
export const CreateOrUpdateCompanyRequest = Schema.Struct({
  company_id: requiredField(CompanyExternalIdField, "company_id is required to create or update a company"),
  name: Schema.optionalKey(CompanyNameField),
  plan: Schema.optionalKey(PlanNameField),
  size: Schema.optionalKey(SizeField),
  website: Schema.optionalKey(WebsiteField),
  industry: Schema.optionalKey(IndustryField),
  custom_attributes: Schema.optionalKey(CustomAttributesField),
  remote_created_at: Schema.optionalKey(RemoteCreatedAtField),
  monthly_spend: Schema.optionalKey(MonthlySpendField)
})
export type CreateOrUpdateCompanyRequest = typeof CreateOrUpdateCompanyRequest.Type
