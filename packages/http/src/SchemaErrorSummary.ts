import type { Schema } from "effect"

/** Schema messages can quote values; keep them short so no body is ever dumped into an error. */
export const summarizeSchemaError = (error: Schema.SchemaError): string => {
  const text = error.message.replace(/\s+/g, " ").trim()
  return text.length > 300 ? `${text.slice(0, 300)}…` : text
}
