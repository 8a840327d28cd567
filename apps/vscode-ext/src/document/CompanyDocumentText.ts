// Pure: a company document's text (JSONC). The editable fields come first, then the read-only part
// under one key, so a reader sees at a glance what a save can change.
import { companyLabel, toCompanyRow } from "../tree/model/CompanyRow"
import {
  type CompanyDocumentModel,
  CUSTOM_KEY,
  editableValues,
  EDITABLE_FIELDS,
  READ_ONLY_KEY,
  readOnlyPart
} from "./CompanyDocumentModel"

const indent = (json: string, by: string): string => json.split("\n").join(`\n${by}`)

export const renderCompanyDocument = (model: CompanyDocumentModel): string => {
  const { company } = model
  const values = editableValues(company)
  const lines = [
    `// ${companyLabel(toCompanyRow(company))}: Intercom company ${company.id}${company.company_id === undefined ? "" : ` (company_id ${company.company_id})`}.`,
    "// Edit the fields above \"read_only\" and save (Ctrl+S): only the fields you changed are sent.",
    "// Custom attribute names complete from those Intercom defines (Ctrl+Space); null clears one.",
    "{"
  ]
  for (const field of EDITABLE_FIELDS) lines.push(`  ${JSON.stringify(field)}: ${JSON.stringify(values.fields[field])},`)
  const custom = Object.entries(values.custom)
  if (custom.length === 0) lines.push(`  "${CUSTOM_KEY}": {},`)
  else {
    lines.push(`  "${CUSTOM_KEY}": {`)
    custom.forEach(([key, value], i) => lines.push(`    ${JSON.stringify(key)}: ${JSON.stringify(value)}${i < custom.length - 1 ? "," : ""}`))
    lines.push("  },")
  }
  lines.push("  // Read-only: Intercom sets these; changes here are not saved.")
  lines.push(`  "${READ_ONLY_KEY}": ${indent(JSON.stringify(readOnlyPart(model), null, 2), "  ")}`)
  lines.push("}", "")
  return lines.join("\n")
}
