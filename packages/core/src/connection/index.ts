/*
 * `@intercom-explorer/core/connection`: the light door. Everything here is plain TypeScript without
 * effect, for code that must stay small (the VS Code extension's activation bundle): the regions and
 * their API roots, the check of a base URL, the redaction of secrets, the one wording of errors, and
 * the types of what the client hands out. A test bundles this entry and fails if effect gets in.
 * The main entry, `@intercom-explorer/core`, exports the same names.
 */
export * from "@intercom-explorer/http/connection"
export * from "../errors/describeError.js"
export type {
  IntercomError,
  IntercomErrorReason,
  RateLimitSnapshot
} from "@intercom-explorer/http"
export type * from "@intercom-explorer/models"
