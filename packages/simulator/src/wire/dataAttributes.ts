import type { DataAttribute, DataAttributeList } from "@intercom-explorer/models"
import type { DataAttributeRecord } from "../state/Records.js"
import type { Sent } from "./Sent.js"

/**
 * A data attribute in the key order of the spec's examples. Standard attributes leave out what
 * only custom ones have (id, admin_id, timestamps), as Intercom does; `ui_writable` is false in
 * every example, so it is here.
 */
export const dataAttributeWire = (attribute: DataAttributeRecord) =>
  ({
    id: attribute.id,
    type: "data_attribute",
    name: attribute.name,
    full_name: attribute.fullName,
    label: attribute.label,
    description: attribute.description,
    data_type: attribute.dataType,
    options: attribute.options,
    api_writable: attribute.apiWritable,
    ui_writable: false,
    messenger_writable: attribute.messengerWritable,
    custom: attribute.custom,
    archived: attribute.archived,
    admin_id: attribute.adminId,
    created_at: attribute.createdAt,
    updated_at: attribute.updatedAt,
    model: attribute.model
  }) satisfies Sent<typeof DataAttribute.Encoded>

/** GET /data_attributes: one list, not paged. */
export const dataAttributeListWire = (attributes: ReadonlyArray<ReturnType<typeof dataAttributeWire>>) =>
  ({ type: "list", data: attributes }) satisfies Sent<typeof DataAttributeList.Encoded>
