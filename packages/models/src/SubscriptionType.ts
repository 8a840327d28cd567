import { Schema } from "effect"
import { SubscriptionTypeId } from "./Ids.js"

/** `translation`: the name and description of a subscription type in one locale. */
export const Translation = Schema.Struct({
  name: Schema.String,
  description: Schema.String,
  locale: Schema.String
})
export type Translation = typeof Translation.Type

export const ConsentType = Schema.Literals(["opt_in", "opt_out"])
export type ConsentType = typeof ConsentType.Type

/** `subscription_type`. The wire `type` is "subscription". */
export const SubscriptionType = Schema.Struct({
  type: Schema.Literal("subscription"),
  id: SubscriptionTypeId,
  state: Schema.Literals(["live", "draft", "archived"]),
  default_translation: Translation,
  translations: Schema.Array(Translation),
  consent_type: ConsentType,
  content_types: Schema.Array(Schema.Literals(["email", "sms_message"]))
})
export type SubscriptionType = typeof SubscriptionType.Type

/** `subscription_type_list`: GET /subscription_types and GET /contacts/{id}/subscriptions. */
export const SubscriptionTypeList = Schema.Struct({
  type: Schema.Literal("list"),
  data: Schema.Array(SubscriptionType)
})
export type SubscriptionTypeList = typeof SubscriptionTypeList.Type
