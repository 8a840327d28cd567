// @intercom-explorer/plans: a bulk change to Intercom companies as a reviewable plan file, built from
// a CSV/NDJSON file or a replica query, applied resumably within the rate budget through a SQLite
// journal (exactly once per change, across kills), and undone. See README.md.

export * from "./PlanFile.js"
export * from "./PlanErrors.js"
export * from "./PlanCodec.js"
export * from "./build/PlanFromFile.js"
export * from "./build/PlanFromQuery.js"
export { sourceFormatOf } from "./source/SourceRecords.js"
export * from "./journal/Journal.js"
export * from "./apply/ApplyPlan.js"
export type { AttributeOutcome } from "./apply/AttributeCreation.js"
export * from "./apply/ResultLog.js"
export * from "./undo/UndoPlan.js"
