export * from "./facade/createIntercomClient.js"
export * from "./IntercomClient.js"
export * from "./requests/Pacing.js"
export * from "./requests/PacingLane.js"
export * from "./requests/PacingRule.js"
export * from "./requests/RequestExecutor.js"
export * from "./requests/RetryPolicies.js"
export * from "./scroll/index.js"
export * from "./services/Companies.js"
export * from "./services/Contacts.js"
export * from "./services/DataAttributes.js"
export * from "./services/Notes.js"
export * from "./services/Segments.js"
export * from "./services/SubscriptionTypes.js"
export * from "./services/Tags.js"
export * from "./export/CompanyExportFormat.js"
export * from "./export/Csv.js"

// Core is the one door to models and http: the models (entities and request schemas) ...
// (before the light door below, whose `export type *` of the models would otherwise make these
// names type-only here)
export * from "@intercom-explorer/models"

// The light door's names (regions, base-URL check, redaction, error wording), also importable
// without effect from `@intercom-explorer/core/connection`.
export * from "./connection/index.js"

// ... and from http what a caller meets: the error and its reasons, the base-URL refusal, the
// rate-limit state the status bar follows, the connection options.
export {
  BadRequest,
  Closed,
  Forbidden,
  InsecureBaseUrl,
  insecureBaseUrl,
  IntercomError,
  IntercomErrorReason,
  InvalidRequest,
  InvalidResponse,
  NotFound,
  RateLimited,
  RateLimitState,
  ScrollAborted,
  ScrollBusy,
  ScrollExists,
  ScrollExpired,
  ServerError,
  Timeout,
  Transport,
  Unauthorized
} from "@intercom-explorer/http"
export type { HttpMethod, IntercomConfigOptions, RateLimitStateShape } from "@intercom-explorer/http"
