/*
 * `@intercom-explorer/http/connection`: what a caller needs before and around a connection, in plain
 * TypeScript without effect (the VS Code extension's activation bundle imports it): the regions and
 * their API roots, the check of a base URL, and the redaction of secrets.
 */
export * from "./BaseUrlCheck.js"
export * from "./Redaction.js"
export * from "./Region.js"
