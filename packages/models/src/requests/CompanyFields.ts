import { Schema, SchemaGetter } from "effect"
import { isNotBlank, validated } from "./Validated.js"

/** Intercom stores monthly_spend as a signed 32-bit integer ("upper limit of 2**31-1"). */
export const MAX_MONTHLY_SPEND = 2_147_483_647

/** The largest magnitude accepted as unix *seconds*; bigger values are almost certainly milliseconds. */
const MAX_UNIX_SECONDS = 99_999_999_999

/** Rough web-address shape: optional http(s) scheme, a dotted host, optional port/path. Intercom itself does not validate. */
const WEBSITE_PATTERN = /^(https?:\/\/)?[^\s/?#.:]+(\.[^\s/?#.:]+)+(:\d{1,5})?([/?#]\S*)?$/i

export const CompanyNameField = validated(Schema.String, "name must not be blank", isNotBlank)

export const PlanNameField = validated(Schema.String, "plan must be a plan name and must not be blank", isNotBlank)

export const IndustryField = Schema.String.annotate({ message: "industry must be text" })

const SIZE_MESSAGE = "size must be a whole number of employees (0 or more)"

/** The spec's own example sends size as "100"; a digit string is accepted on decode and sent as a number. */
const SizeFromDigits = Schema.String.check(
  Schema.makeFilter((s: string) => /^\d+$/.test(s), { message: SIZE_MESSAGE })
).pipe(
  Schema.decodeTo(Schema.Number, {
    decode: SchemaGetter.transform((s: string) => Number(s)),
    encode: SchemaGetter.transform((n: number) => String(n))
  })
)

export const SizeField = validated(
  Schema.Union([Schema.Number, SizeFromDigits]),
  SIZE_MESSAGE,
  (n) => Number.isSafeInteger(n) && n >= 0
)

export const WebsiteField = validated(
  Schema.String,
  "website must be a web address such as https://example.com",
  (s) => s.length <= 2048 && WEBSITE_PATTERN.test(s)
)

export const MonthlySpendField = validated(
  Schema.Number,
  `monthly_spend must be a whole number between 0 and ${MAX_MONTHLY_SPEND}`,
  (n) => Number.isSafeInteger(n) && n >= 0 && n <= MAX_MONTHLY_SPEND
)

export const RemoteCreatedAtField = validated(
  Schema.Number,
  "remote_created_at must be a unix timestamp in whole seconds (not milliseconds)",
  (n) => Number.isSafeInteger(n) && Math.abs(n) <= MAX_UNIX_SECONDS
)

/**
 * Custom attribute values Intercom stores: text, numbers, booleans (dates are unix
 * numbers). null clears a value. Nested objects and arrays are rejected by the API.
 */
const CustomAttributeValue = Schema.Union([Schema.String, Schema.Finite, Schema.Boolean, Schema.Null]).annotate({
  message: "a custom attribute must be text, a number, true/false or null"
})

export const CustomAttributesField = validated(
  Schema.Record(Schema.String, CustomAttributeValue),
  "custom_attributes must map attribute names to text, numbers, true/false or null",
  (attrs) => Object.keys(attrs).every(isNotBlank)
)

/**
 * The fields a company write may set, all optional: shared by the upsert (POST /companies) and
 * the update (PUT /companies/{id}), which differ only in what they say about `company_id`.
 */
export const EditableCompanyFields = {
  name: Schema.optionalKey(CompanyNameField),
  plan: Schema.optionalKey(PlanNameField),
  size: Schema.optionalKey(SizeField),
  website: Schema.optionalKey(WebsiteField),
  industry: Schema.optionalKey(IndustryField),
  custom_attributes: Schema.optionalKey(CustomAttributesField),
  remote_created_at: Schema.optionalKey(RemoteCreatedAtField),
  monthly_spend: Schema.optionalKey(MonthlySpendField)
}
