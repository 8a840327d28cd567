import type { ErrorList } from "@intercom-explorer/models"
import type { Sent } from "./Sent.js"

/** The body of every error: `{type:"error.list", request_id, errors:[{code, message}]}`. */
export const errorListJson = (requestId: string | null, code: string, message: string, field?: string): string =>
  JSON.stringify({
    type: "error.list",
    request_id: requestId,
    errors: [field === undefined ? { code, message } : { code, message, field }]
  } satisfies Sent<typeof ErrorList.Encoded>)
