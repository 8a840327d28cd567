// Everything that runs on effect and the client packages (core, http, models), in one module. The
// shipped build makes it a bundle of its own, dist/engine.js, which dist/extension.js requires the
// first time an effect runs on a client (lazy.ts): activation loads only dist/extension.js, which
// holds none of effect, and of core only its light entry.
export * as attributes from "./attributes"
export * as clientRuntime from "./client/clientRuntime"
export * as companyCommands from "./commands/CompanyCommands"
export * as contacts from "./contacts/contactsEngine"
export * as documents from "./document/documentsEngine"
export * as exportCommand from "./export/ExportCompaniesCommand"
export * as findCommand from "./find/FindCompanyCommand"
export * as loads from "./tree/loads"
export * as plans from "./plans/plansEngine"
export * as replicaAccess from "./replica/replicaAccess"
export * as rateLimitStatusBar from "./status/RateLimitStatusBar"
export * as tagCommands from "./commands/TagCommands"
