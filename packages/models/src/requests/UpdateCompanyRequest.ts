import { Schema } from "effect"
import { EditableCompanyFields } from "./CompanyFields.js"

/**
 * Body of PUT /companies/{id}. 2.11 documents no body; this follows
 * `update_company_request` from 2.14+ (plus `remote_created_at`, which the upsert
 * also accepts). `company_id` cannot be changed after creation, so sending it is
 * an error rather than being silently dropped.
 */
export const UpdateCompanyRequest = Schema.Struct({
  company_id: Schema.optionalKey(
    Schema.Never.annotate({ message: "company_id cannot be changed after a company is created" })
  ),
  ...EditableCompanyFields
})
export type UpdateCompanyRequest = typeof UpdateCompanyRequest.Type
