// Word lists for seeded data. Large enough that 100,000 company names are almost all distinct
// without a numeric suffix, small enough to read.

export const nameHeads = [
  "Acme", "Apex", "Atlas", "Aurora", "Beacon", "Birch", "Blue", "Bright", "Cedar", "Cinder", "Clear", "Cobalt",
  "Copper", "Crest", "Delta", "Drift", "Echo", "Ember", "Evergreen", "Falcon", "Fern", "Forge", "Granite", "Harbor",
  "Helix", "Horizon", "Indigo", "Iron", "Juniper", "Keystone", "Lark", "Lumen", "Maple", "Meridian", "Monarch",
  "Nimbus", "North", "Oak", "Onyx", "Orbit", "Pine", "Pioneer", "Prism", "Quartz", "Quill", "Raven", "Ridge",
  "River", "Sable", "Sage", "Silver", "Solstice", "Spruce", "Summit", "Tidal", "Vector", "Willow", "Zenith"
] as const

export const nameMiddles = [
  "Bay", "Bridge", "Brook", "Cloud", "Creek", "Field", "Fox", "Gate", "Glen", "Grove", "Hill", "Lake", "Leaf",
  "Light", "Line", "Mark", "Mill", "Moon", "Path", "Peak", "Point", "Rock", "Sky", "Spark", "Star", "Stone",
  "Stream", "Tree", "Vale", "View", "Wave", "Wind", "Wing", "Wood", "Works", "Yard"
] as const

export const nameSectors = [
  "Analytics", "Bio", "Capital", "Cloud", "Consulting", "Data", "Design", "Dynamics", "Energy", "Foods",
  "Health", "Labs", "Logistics", "Media", "Networks", "Partners", "Robotics", "Security", "Software", "Systems",
  "Studio", "Technologies", "Ventures", "Finance", "Retail", "Learning"
] as const

export const legalSuffixes = ["", "", "", "", "Inc.", "Ltd", "LLC", "GmbH", "Group", "Co."] as const

export const industries = [
  "Software", "Financial Services", "Healthcare", "Retail", "Manufacturing", "Education", "Media",
  "Logistics", "Real Estate", "Hospitality", "Energy", "Telecommunications", "Non-profit", "Consulting",
  "Government"
] as const

export const planTiers = [
  { name: "Free", weight: 28, spend: [0, 0] },
  { name: "Starter", weight: 30, spend: [29, 199] },
  { name: "Growth", weight: 22, spend: [200, 999] },
  { name: "Pro", weight: 13, spend: [1000, 4999] },
  { name: "Enterprise", weight: 7, spend: [5000, 60000] }
] as const

export const sizeBands: ReadonlyArray<readonly [readonly [number, number], number]> = [
  [[1, 10], 30],
  [[11, 50], 28],
  [[51, 200], 20],
  [[201, 999], 14],
  [[1000, 5000], 6],
  [[5001, 100000], 2]
]

export const firstNames = [
  "Ada", "Alex", "Amara", "Ana", "Ben", "Bianca", "Carlos", "Chen", "Chloe", "Dana", "David", "Elena", "Emeka",
  "Eva", "Farah", "Felix", "Grace", "Hana", "Hugo", "Ines", "Ivan", "Jade", "James", "Jonas", "Julia", "Kai",
  "Kenji", "Lara", "Leo", "Lina", "Luca", "Maya", "Mei", "Mila", "Nadia", "Nora", "Omar", "Oscar", "Priya",
  "Rafael", "Rosa", "Sam", "Sara", "Sofia", "Tariq", "Theo", "Uma", "Victor", "Yara", "Zoe"
] as const

export const lastNames = [
  "Adeyemi", "Alvarez", "Andersen", "Bauer", "Brennan", "Chen", "Costa", "Dubois", "Eriksson", "Fischer",
  "Garcia", "Haddad", "Ivanova", "Jensen", "Kim", "Kowalski", "Larsen", "Lopez", "Moreau", "Murphy", "Nakamura",
  "Novak", "Okafor", "O'Brien", "Patel", "Petrov", "Quinn", "Rossi", "Santos", "Schmidt", "Silva", "Singh",
  "Tanaka", "Torres", "Varga", "Walsh", "Wang", "Weber", "Yilmaz", "Zhang"
] as const

export const jobTitles = ["CEO", "CTO", "Engineer", "Support lead", "Ops manager", "Designer", "Account manager"] as const

export const cities = [
  ["Dublin", "Ireland"], ["London", "United Kingdom"], ["San Francisco", "United States"], ["New York", "United States"],
  ["Berlin", "Germany"], ["Paris", "France"], ["Sydney", "Australia"], ["Toronto", "Canada"], ["Lisbon", "Portugal"],
  ["Singapore", "Singapore"], ["São Paulo", "Brazil"], ["Tokyo", "Japan"], ["Amsterdam", "Netherlands"]
] as const

export const signupChannels = ["organic", "paid_search", "referral", "partner", "outbound", "event"] as const

export const tagNames = [
  "VIP", "Churn risk", "Beta tester", "Partner", "Needs onboarding", "Upsell opportunity", "Key account",
  "Renewal due", "Salesforce sync", "Do not contact", "Champion", "Trial extended"
] as const

/** How often each tag is applied to a company, in tag order. */
export const tagRates = [0.04, 0.07, 0.1, 0.03, 0.08, 0.06, 0.02, 0.09, 0.15, 0.01, 0.05, 0.03] as const

export const noteBodies = [
  "Spoke with the team about their renewal; they want a multi-year quote.",
  "Onboarding call done. Next step: SSO setup with their IT admin.",
  "Reported slow exports from the dashboard; shared the scroll API docs.",
  "Interested in the analytics add-on. Follow up next quarter.",
  "Asked for an invoice copy for March.",
  "Champion moved to a new role; find a new point of contact.",
  "Requested a feature: bulk tagging from the CSV import.",
  "Happy with support response times this month."
] as const

export const subscriptionTypes = [
  { name: "Newsletters", description: "Monthly product newsletter", consentType: "opt_out", contentTypes: ["email"] },
  { name: "Product updates", description: "Release notes and feature announcements", consentType: "opt_out", contentTypes: ["email"] },
  { name: "Billing alerts", description: "Text messages about failed payments", consentType: "opt_in", contentTypes: ["sms_message"] },
  { name: "Beta program", description: "Invitations to try features early", consentType: "opt_in", contentTypes: ["email"] }
] as const

export const admins = [
  { name: "Alex Rivera", email: "alex.rivera@example.com" },
  { name: "Sam Chen", email: "sam.chen@example.com" },
  { name: "Priya Patel", email: "priya.patel@example.com" }
] as const
