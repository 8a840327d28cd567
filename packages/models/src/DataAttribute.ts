import { Schema } from "effect"
import { UnixSeconds } from "./Timestamps.js"

/** Which object an attribute describes. GET /data_attributes also lists conversation attributes. */
export const DataAttributeModel = Schema.Literals(["contact", "company", "conversation"])
export type DataAttributeModel = typeof DataAttributeModel.Type

/**
 * What an attribute holds. 2.11 lists five types for the object and adds `datetime` on create;
 * later descriptions list `datetime` on the object too, so it is accepted both ways.
 */
export const DataAttributeDataType = Schema.Literals(["string", "integer", "float", "boolean", "date", "datetime"])
export type DataAttributeDataType = typeof DataAttributeDataType.Type

/**
 * `data_attribute`: a standard attribute (`custom: false`, no `id`) or a custom one (CDA, with an
 * integer `id`, `custom_attributes.<name>` as `full_name`). The spec requires `description`, but
 * its own create and update examples leave it out, so it is optional; `model` is not required by
 * the spec though every example has it.
 */
export const DataAttribute = Schema.Struct({
  type: Schema.Literal("data_attribute"),
  id: Schema.optionalKey(Schema.Int),
  model: Schema.optionalKey(DataAttributeModel),
  name: Schema.String,
  full_name: Schema.String,
  label: Schema.String,
  description: Schema.optionalKey(Schema.String),
  data_type: DataAttributeDataType,
  options: Schema.optionalKey(Schema.Array(Schema.String)),
  api_writable: Schema.optionalKey(Schema.Boolean),
  messenger_writable: Schema.optionalKey(Schema.Boolean),
  ui_writable: Schema.optionalKey(Schema.Boolean),
  custom: Schema.optionalKey(Schema.Boolean),
  archived: Schema.optionalKey(Schema.Boolean),
  created_at: Schema.optionalKey(UnixSeconds),
  updated_at: Schema.optionalKey(UnixSeconds),
  admin_id: Schema.optionalKey(Schema.String)
})
export type DataAttribute = typeof DataAttribute.Type

/** `data_attribute_list`: GET /data_attributes (one list, not paged). */
export const DataAttributeList = Schema.Struct({
  type: Schema.Literal("list"),
  data: Schema.Array(DataAttribute)
})
export type DataAttributeList = typeof DataAttributeList.Type
