import { Schema } from "effect"
import { EditableCompanyFields } from "./CompanyFields.js"

/**
 * Body of PUT /companies/{id}. 2.11 documents no body; this follows
 * `update_company_request` from 2.14+ (plus `remote_created_at`, which the upsert
 * also accepts). `company_id` cannot be changed after creation, so sending it is
 * an error rather than being silently dropped. Branded: core's `Companies.update` takes only a
 * validated edit, so it is checked once, where the user's input becomes a request.
 */
export const UpdateCompanyRequest = Schema.Struct({
  company_id: Schema.optionalKey(
    Schema.Never.annotate({ message: "company_id cannot be changed after a company is created" })
  ),
  ...EditableCompanyFields
}).pipe(Schema.brand("UpdateCompanyRequest"))
/** A validated edit: only `validateRequest(UpdateCompanyRequest)` (or a decode) makes one. */
export type UpdateCompanyRequest = typeof UpdateCompanyRequest.Type
/** An edit as a caller writes it, before validation. */
export type UpdateCompanyRequestInput = typeof UpdateCompanyRequest.Encoded
