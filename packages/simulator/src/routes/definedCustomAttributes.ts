import { type DataAttribute, definedCompanyAttributes } from "@intercom-explorer/models"
import type { CustomAttributes, DataAttributeRecord } from "../state/Records.js"
import type { CompanyChanges, Workspace } from "../state/Workspace.js"

// Intercom keeps a company custom attribute only when it is defined (a custom, unarchived company
// data attribute); any other key is answered 200 and never shows up (intercom-node#168, #267). The
// rest of the request still applies. A value of the wrong type for a defined attribute is kept:
// neither the spec nor our notes say what Intercom does with one, so only undefined keys drop.

export interface KeptChanges {
  readonly changes: CompanyChanges
  /** The custom attribute keys that were sent but are not defined, in the order sent. */
  readonly dropped: ReadonlyArray<string>
}

/** What models' definedCompanyAttributes reads of an attribute (the wire form sends undefined keys). */
const asDataAttribute = (a: DataAttributeRecord): DataAttribute => ({
  type: "data_attribute",
  name: a.name,
  full_name: a.fullName,
  label: a.label,
  data_type: a.dataType,
  custom: a.custom,
  archived: a.archived,
  model: a.model
})

export const keepDefinedCustomAttributes = (ws: Workspace, changes: CompanyChanges): KeptChanges => {
  const sent = changes.customAttributes
  if (sent === undefined) return { changes, dropped: [] }
  const defined = definedCompanyAttributes(ws.dataAttributes.list("company", false).map(asDataAttribute))
  const kept: CustomAttributes = {}
  const dropped: Array<string> = []
  for (const [key, value] of Object.entries(sent)) {
    if (defined.has(key)) kept[key] = value
    else dropped.push(key)
  }
  return { changes: { ...changes, customAttributes: kept }, dropped }
}
