import { Schema } from "effect"
import { CompanyIdField } from "./IdFields.js"
import { requiredField } from "./Validated.js"

/** Body of POST /contacts/{id}/companies: the company's Intercom `id` (not its `company_id`). */
export const AttachContactToCompanyRequest = Schema.Struct({
  id: requiredField(CompanyIdField, "id (the company's Intercom id) is required")
})
export type AttachContactToCompanyRequest = typeof AttachContactToCompanyRequest.Type
