// The simulator's in-memory records. They hold what Intercom stores; everything derived (user_count,
// a company's tags and segments, segment counts) is computed from the relations, so that an edit in
// one place shows up everywhere a client can look, as it does in Intercom.

/** Custom attribute values are JSON scalars in practice, whatever the spec's `string` says. */
type CustomAttributeValue = string | number | boolean | null
export type CustomAttributes = Record<string, CustomAttributeValue>

export interface Plan {
  readonly id: string
  readonly name: string
}

export interface CompanyRecord {
  /** Intercom's id (24 hex). */
  readonly id: string
  /** The customer's own id; the upsert key, never changed after creation. */
  readonly companyId: string
  name: string
  remoteCreatedAt: number | undefined
  readonly createdAt: number
  updatedAt: number
  lastRequestAt: number | undefined
  monthlySpend: number
  sessionCount: number
  size: number | undefined
  website: string | undefined
  industry: string | undefined
  plan: Plan | undefined
  customAttributes: CustomAttributes
}

export interface TagRecord {
  readonly id: string
  name: string
  readonly createdAt: number
}

/** Segment membership is a rule over a company's attributes and tags, evaluated on demand. */
export type SegmentRule =
  | { readonly kind: "plan"; readonly name: string }
  | { readonly kind: "industry"; readonly value: string }
  | { readonly kind: "minSize"; readonly value: number }
  | { readonly kind: "minMonthlySpend"; readonly value: number }
  | { readonly kind: "customAttribute"; readonly key: string; readonly value: CustomAttributeValue }
  | { readonly kind: "tag"; readonly tagId: string }
  | { readonly kind: "all"; readonly rules: ReadonlyArray<SegmentRule> }

export interface SegmentRecord {
  readonly id: string
  readonly name: string
  readonly createdAt: number
  readonly updatedAt: number
  readonly personType: "user" | "contact"
  readonly rule: SegmentRule
}

export interface ContactRecord {
  readonly id: string
  readonly externalId: string | null
  readonly role: "user" | "lead"
  readonly name: string
  readonly email: string
  readonly phone: string | null
  readonly createdAt: number
  readonly signedUpAt: number | null
  readonly lastSeenAt: number | null
  readonly city: string | null
  readonly country: string | null
  readonly customAttributes: Readonly<CustomAttributes>
  updatedAt: number
}

export interface AdminRecord {
  readonly id: string
  readonly name: string
  readonly email: string
}

export interface NoteRecord {
  readonly id: string
  readonly contactId: string
  readonly authorId: string
  /** Stored as the HTML Intercom returns. */
  readonly body: string
  readonly createdAt: number
}

export type ConsentType = "opt_in" | "opt_out"

export interface SubscriptionTypeRecord {
  readonly id: string
  readonly name: string
  readonly description: string
  readonly state: "live" | "draft" | "archived"
  readonly consentType: ConsentType
  readonly contentTypes: ReadonlyArray<"email" | "sms_message">
}

export interface AppRecord {
  readonly idCode: string
  readonly name: string
  readonly createdAt: number
  readonly region: "US" | "EU" | "AU"
  readonly timezone: string
}

export type DataAttributeModel = "company" | "contact"
export type DataAttributeType = "string" | "integer" | "float" | "boolean" | "date" | "datetime"

/**
 * A data attribute: Intercom's own (standard: no id, `custom` false) or one the workspace defined
 * (custom: an integer id, `custom_attributes.<name>` as full name, archivable).
 */
export interface DataAttributeRecord {
  readonly id: number | undefined
  readonly model: DataAttributeModel
  readonly name: string
  readonly fullName: string
  readonly label: string
  description: string | undefined
  readonly dataType: DataAttributeType
  options: ReadonlyArray<string> | undefined
  readonly apiWritable: boolean
  messengerWritable: boolean
  readonly custom: boolean
  archived: boolean
  readonly adminId: string | undefined
  readonly createdAt: number | undefined
  updatedAt: number | undefined
}
