import { Schema } from "effect"
import { isNotBlank, requiredField } from "./Validated.js"

// Intercom's rule, from its own 400 ("must only contain alphanumeric characters, currency symbols,
// and hyphens"), widened by its own examples ("The One Ring") and the seeds' keys (account_manager)
// to spaces and underscores. A dot is called out on its own: `full_name` splits on dots, so
// "plan.tier" would read as a nested attribute.
const NAME_CHARACTERS = /^[\p{L}\p{N}\p{Sc} _-]+$/u

/** A custom attribute name, as POST /data_attributes takes it. */
export const DataAttributeName = Schema.String.annotate({ message: "name must be text" }).check(
  Schema.makeFilter((name: string) =>
    !isNotBlank(name)
      ? "name must not be blank"
      : name.trim() !== name
      ? "name must not start or end with spaces"
      : name.includes(".")
      ? "name must not contain a dot: Intercom reads a dot as a nested attribute"
      : !NAME_CHARACTERS.test(name)
      ? "name may only contain letters, digits, spaces, underscores, hyphens and currency symbols"
      : undefined
  )
)

/** The models an attribute can be created for (conversation attributes are only listed). */
export const DataAttributeWritableModel = Schema.Literals(["contact", "company"]).annotate({
  message: "model must be company or contact"
})

/** The data types POST /data_attributes accepts. */
export const DataAttributeRequestType = Schema.Literals(["string", "integer", "float", "boolean", "date", "datetime"])
  .annotate({ message: "data_type must be one of string, integer, float, boolean, date, datetime" })

/**
 * A list option. The spec's description asks for `{value}` hashes and its examples send them, while
 * its schema and property examples show plain strings; both are accepted and sent as written.
 */
const DataAttributeOption = Schema.Union([
  Schema.String.check(Schema.makeFilter(isNotBlank, { message: "an option must not be blank" })),
  Schema.Struct({ value: Schema.String })
]).annotate({ message: "each option must be text or {value: text}" })

const Options = Schema.Array(DataAttributeOption).annotate({ message: "options must be a list of choices" })

const DescriptionField = Schema.String.annotate({ message: "description must be text" })
const MessengerWritableField = Schema.Boolean.annotate({ message: "messenger_writable must be true or false" })

// Options make a list attribute, which Intercom only allows for text.
const optionsNeedText = Schema.makeFilter(
  (request: { readonly data_type: string; readonly options?: ReadonlyArray<unknown> }) =>
    request.options === undefined || request.data_type === "string",
  { message: "options (a list attribute) need data_type string" }
)

/**
 * `create_data_attribute_request`: POST /data_attributes. Branded: core's `DataAttributes.create`
 * takes only a validated request.
 */
export const CreateDataAttributeRequest = Schema.Struct({
  name: requiredField(DataAttributeName, "name (the attribute name) is required"),
  model: requiredField(DataAttributeWritableModel, "model (company or contact) is required"),
  data_type: requiredField(DataAttributeRequestType, "data_type is required"),
  description: Schema.optionalKey(DescriptionField),
  options: Schema.optionalKey(Options),
  messenger_writable: Schema.optionalKey(MessengerWritableField)
}).check(optionsNeedText).pipe(Schema.brand("CreateDataAttributeRequest"))
/** A validated create: only `validateRequest(CreateDataAttributeRequest)` (or a decode) makes one. */
export type CreateDataAttributeRequest = typeof CreateDataAttributeRequest.Type
/** A create as a caller writes it, before validation. */
export type CreateDataAttributeRequestInput = typeof CreateDataAttributeRequest.Encoded

const fixed = (message: string) => Schema.optionalKey(Schema.Never.annotate({ message }))

/**
 * `update_data_attribute_request`: PUT /data_attributes/{id}. The name, model and type cannot be
 * changed through the API (the spec warns that changing the type is dangerous and belongs in the
 * UI), so sending them is an error rather than being silently dropped. Branded like the create.
 */
export const UpdateDataAttributeRequest = Schema.Struct({
  archived: Schema.optionalKey(Schema.Boolean.annotate({ message: "archived must be true or false" })),
  description: Schema.optionalKey(DescriptionField),
  options: Schema.optionalKey(Options),
  messenger_writable: Schema.optionalKey(MessengerWritableField),
  name: fixed("name cannot be changed after an attribute is created"),
  model: fixed("model cannot be changed after an attribute is created"),
  data_type: fixed("data_type cannot be changed through the API; change it in Intercom's settings")
}).pipe(Schema.brand("UpdateDataAttributeRequest"))
/** A validated update: only `validateRequest(UpdateDataAttributeRequest)` (or a decode) makes one. */
export type UpdateDataAttributeRequest = typeof UpdateDataAttributeRequest.Type
/** An update as a caller writes it, before validation. */
export type UpdateDataAttributeRequestInput = typeof UpdateDataAttributeRequest.Encoded
