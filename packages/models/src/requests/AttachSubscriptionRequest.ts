import { Schema } from "effect"
import { ConsentType } from "../SubscriptionType.js"
import { SubscriptionTypeIdField } from "./IdFields.js"
import { requiredField } from "./Validated.js"

/** Body of POST /contacts/{id}/subscriptions: subscribe (opt_in) or unsubscribe (opt_out). */
export const AttachSubscriptionRequest = Schema.Struct({
  id: requiredField(SubscriptionTypeIdField, "id (the subscription type id) is required"),
  consent_type: requiredField(
    ConsentType.annotate({ message: "consent_type must be opt_in or opt_out" }),
    "consent_type (opt_in or opt_out) is required"
  )
})
export type AttachSubscriptionRequest = typeof AttachSubscriptionRequest.Type
