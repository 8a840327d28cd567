import { ApiError, badParameter, dataAttributeNotFound, parameterInvalid } from "../server/ApiError.js"
import { boolQuery, type Handler, objectBody, param } from "../server/RequestContext.js"
import { json } from "../server/Reply.js"
import type { Router } from "../server/Router.js"
import type { DataAttributeModel, DataAttributeRecord, DataAttributeType } from "../state/Records.js"
import { dataAttributeListWire, dataAttributeWire } from "../wire/dataAttributes.js"

// Data attributes: list, define a custom one, change or archive it. Errors carry the 2.11 spec's
// example messages. Company writes keep only the custom attribute keys defined here
// (definedCustomAttributes.ts).

const LIST_MODELS = new Set(["company", "contact", "conversation"])
const MODELS = new Set<string>(["company", "contact"])
const DATA_TYPES = new Set<string>(["string", "integer", "float", "boolean", "date", "datetime"])
// Intercom's message says alphanumerics, currency symbols and hyphens; its own examples ("The One
// Ring") add spaces, and underscores are the usual separator. No dots: full_name splits on them.
const NAME = /^[\p{L}\p{N}\p{Sc} _-]+$/u

const invalidName = (): ApiError =>
  parameterInvalid("Your name for this attribute must only contain alphanumeric characters, currency symbols, and hyphens")

const modelData = (model: DataAttributeModel): string => (model === "contact" ? "people" : "company")

/** List options arrive as `{value}` hashes (the spec's examples) or plain strings (its schema). */
const optionsOf = (value: unknown): ReadonlyArray<string> | undefined => {
  if (value === undefined) return undefined
  if (!Array.isArray(value)) throw parameterInvalid("Options isn't an array")
  return value.map((option) => {
    const text = typeof option === "object" && option !== null ? (option as { value?: unknown }).value : option
    if (typeof text !== "string" || text.trim() === "") throw parameterInvalid("Options isn't an array")
    return text
  })
}

const optionalBoolean = (body: Record<string, unknown>, key: string): boolean | undefined => {
  const value = body[key]
  if (value === undefined) return undefined
  if (typeof value !== "boolean") throw parameterInvalid(`${key} must be a boolean`, key)
  return value
}

const optionalString = (body: Record<string, unknown>, key: string): string | undefined => {
  const value = body[key]
  if (value === undefined) return undefined
  if (typeof value !== "string") throw parameterInvalid(`${key} must be a string`, key)
  return value
}

const list: Handler = (ctx) => {
  const model = ctx.query.get("model") ?? undefined
  if (model !== undefined && !LIST_MODELS.has(model)) throw badParameter("model")
  const attributes = ctx.sim.workspace.dataAttributes.list(
    model as DataAttributeModel | "conversation" | undefined,
    boolQuery(ctx, "include_archived")
  )
  return json(dataAttributeListWire(attributes.map(dataAttributeWire)))
}

const create: Handler = (ctx) => {
  const ws = ctx.sim.workspace
  const body = objectBody(ctx)
  const model = body["model"]
  if (typeof model !== "string" || !MODELS.has(model)) {
    throw parameterInvalid("The Data Attribute model field must be either contact or company")
  }
  const name = body["name"]
  if (typeof name !== "string" || name.trim() !== name || !NAME.test(name)) throw invalidName()
  const dataType = body["data_type"]
  if (typeof dataType !== "string" || !DATA_TYPES.has(dataType)) throw parameterInvalid("Data Type isn't an option")
  const options = optionsOf(body["options"])
  const clash = ws.dataAttributes.clashing(name)
  if (clash !== undefined) {
    throw parameterInvalid(
      `You already have '${clash.name}' in your ${modelData(clash.model)} data. To save this as new ${
        modelData(model as DataAttributeModel)
      } data, use a different name.`
    )
  }
  const attribute = ws.createDataAttribute({
    model: model as DataAttributeModel,
    name,
    dataType: dataType as DataAttributeType,
    description: optionalString(body, "description"),
    options,
    messengerWritable: optionalBoolean(body, "messenger_writable") ?? false
  })
  return json(dataAttributeWire(attribute))
}

const attributeOr404 = (ctx: Parameters<Handler>[0]): DataAttributeRecord => {
  const text = param(ctx, "dataAttributeId")
  const attribute = /^\d+$/.test(text) ? ctx.sim.workspace.dataAttributes.get(Number(text)) : undefined
  if (attribute === undefined) throw dataAttributeNotFound()
  return attribute
}

// The spec documents no error for name, model or data_type in the body: they cannot change through
// the API, and are ignored here.
const update: Handler = (ctx) => {
  const ws = ctx.sim.workspace
  const attribute = attributeOr404(ctx)
  const body = objectBody(ctx)
  const archived = optionalBoolean(body, "archived")
  const changes = {
    archived,
    description: optionalString(body, "description"),
    options: optionsOf(body["options"]),
    messengerWritable: optionalBoolean(body, "messenger_writable")
  }
  if (archived === true && !attribute.archived && attribute.model === "company") {
    if (ws.segmentsDependingOnAttribute(attribute.name).length > 0) {
      throw new ApiError(422, "data_invalid", "The Data Attribute you are trying to archive has a dependant object")
    }
  }
  return json(dataAttributeWire(ws.updateDataAttribute(attribute, changes)))
}

export const dataAttributeRoutes = (router: Router<Handler>): void => {
  router
    .add("GET", "/data_attributes", list)
    .add("POST", "/data_attributes", create)
    .add("PUT", "/data_attributes/:dataAttributeId", update)
}
