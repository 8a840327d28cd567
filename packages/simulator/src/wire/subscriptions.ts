import type { SubscriptionType, SubscriptionTypeList } from "@intercom-explorer/models"
import type { SubscriptionTypeRecord } from "../state/Records.js"
import type { Sent } from "./Sent.js"

export const subscriptionTypeWire = (type: SubscriptionTypeRecord) => {
  const translation = { name: type.name, description: type.description, locale: "en" }
  return {
    type: "subscription",
    id: type.id,
    state: type.state,
    consent_type: type.consentType,
    default_translation: translation,
    translations: [translation],
    content_types: type.contentTypes
  } satisfies Sent<typeof SubscriptionType.Encoded>
}

/** GET /subscription_types and GET /contacts/{id}/subscriptions. */
export const subscriptionListWire = (types: ReadonlyArray<SubscriptionTypeRecord>) =>
  ({ type: "list", data: types.map(subscriptionTypeWire) }) satisfies Sent<typeof SubscriptionTypeList.Encoded>
