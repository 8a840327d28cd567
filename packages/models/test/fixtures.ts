// Hand-written wire fixtures in the documented 2.11 shapes, with our own values.

export const tagBasic = { type: "tag", id: "5301", name: "Enterprise" }

export const segment = {
  type: "segment",
  id: "64b0a1c2d3e4f5a6b7c8d9e0",
  name: "Trialing accounts",
  created_at: 1_700_000_100,
  updated_at: 1_700_086_500,
  person_type: "user"
}

export const fullCompany = {
  type: "company",
  id: "65f1c0ffee00112233445566",
  company_id: "acme-042",
  app_id: "k9x2lmno",
  name: "Acme Rockets",
  plan: { type: "plan", id: "881", name: "Growth" },
  remote_created_at: 1_577_836_800,
  created_at: 1_704_067_200,
  updated_at: 1_717_200_000,
  last_request_at: 1_717_100_000,
  size: 240,
  website: "https://acme-rockets.example",
  industry: "Aerospace",
  monthly_spend: 1250,
  session_count: 37,
  user_count: 12,
  custom_attributes: {
    tier: "gold",
    seats: 40,
    arr: 15_000.75,
    churn_risk: false,
    renewal: null,
    regions: ["eu", "us"],
    billing: { currency: "EUR", net: 30 }
  },
  tags: { type: "tag.list", tags: [tagBasic] },
  segments: { type: "segment.list", segments: [segment] }
}

export const minimalCompany = { id: "65f1c0ffee00112233445599" }

export const contact = {
  type: "contact",
  id: "66aa00bb11cc22dd33ee44ff",
  workspace_id: "k9x2lmno",
  external_id: null,
  role: "lead",
  email: "ada@example.org",
  phone: null,
  name: "Ada Example",
  created_at: 1_710_000_000,
  updated_at: 1_710_000_500,
  signed_up_at: null,
  last_seen_at: 1_716_000_000,
  custom_attributes: { plan_seen: true },
  // fields outside the summary we keep must simply be dropped
  browser: "firefox",
  location: { type: "location", country: "Ireland" }
}

export const admin = {
  type: "admin",
  id: "7001",
  name: "Grace Operator",
  email: "grace@example.org",
  away_mode_enabled: false,
  away_mode_reassign: false
}

export const note = {
  type: "note",
  id: "4410",
  created_at: 1_716_500_000,
  contact: { type: "contact", id: "66aa00bb11cc22dd33ee44ff" },
  author: admin,
  body: "<p>Called about renewal.</p>"
}

export const translation = { name: "Product updates", description: "What shipped this month", locale: "en" }

export const subscriptionType = {
  type: "subscription",
  id: "212",
  state: "live",
  consent_type: "opt_in",
  default_translation: translation,
  translations: [translation, { name: "Nouveautés", description: "Ce qui a changé", locale: "fr" }],
  content_types: ["email", "sms_message"]
}

export const errorBody = (code: string, message: string | null = null) => ({
  type: "error.list",
  request_id: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
  errors: [{ code, message }]
})
