import { Schema } from "effect"

/**
 * The source file cannot become a plan at all (as opposed to single rows, which become
 * `InvalidRow`s): unreadable, a wrong delimiter, no match column, duplicate keys, an unknown column.
 * Nothing is written. `row`/`column` say where, when it is one place.
 */
export class SourceInvalid extends Schema.TaggedError<SourceInvalid>()("SourceInvalid", {
  file: Schema.String,
  detail: Schema.String,
  row: Schema.optionalKey(Schema.Number),
  column: Schema.optionalKey(Schema.String)
}) {}

/** An assignment of `plan --query` (`--set`, `--tag`, `--untag`) that cannot be understood. */
export class AssignmentInvalid extends Schema.TaggedError<AssignmentInvalid>()("AssignmentInvalid", {
  assignment: Schema.String,
  detail: Schema.String
}) {}

/** The plan file is not a plan this version can read (not JSON, another format, a newer version, a broken field). */
export class PlanFileInvalid extends Schema.TaggedError<PlanFileInvalid>()("PlanFileInvalid", {
  file: Schema.String,
  detail: Schema.String
}) {}

/** The plan was made against another workspace than the one the client talks to. */
export class PlanWorkspaceMismatch extends Schema.TaggedError<PlanWorkspaceMismatch>()("PlanWorkspaceMismatch", {
  planAppId: Schema.String,
  appId: Schema.String
}) {}

/** Another process is applying (or undoing) a plan in this journal. */
export class ApplyInProgress extends Schema.TaggedError<ApplyInProgress>()("ApplyInProgress", {
  planId: Schema.String,
  holder: Schema.String
}) {}

/** Undo was asked for a plan the journal has no apply of. */
export class NothingToUndo extends Schema.TaggedError<NothingToUndo>()("NothingToUndo", {
  planId: Schema.String,
  detail: Schema.String
}) {}

/**
 * The apply stopped before its end because going on could not help: the token was refused (401/403)
 * or Intercom kept failing request after request. The journal keeps its place; run it again to resume.
 */
export class ApplyStopped extends Schema.TaggedError<ApplyStopped>()("ApplyStopped", {
  planId: Schema.String,
  detail: Schema.String
}) {}

/** The journal (SQLite) or a file could not be read or written. */
export class JournalFailure extends Schema.TaggedError<JournalFailure>()("JournalFailure", {
  operation: Schema.String,
  detail: Schema.String
}) {}

/** An output file (a plan file, a result log) could not be written; nothing else changed. */
export class OutputFailure extends Schema.TaggedError<OutputFailure>()("OutputFailure", {
  file: Schema.String,
  detail: Schema.String
}) {}

export const PlanErrorReason = Schema.Union([
  SourceInvalid,
  AssignmentInvalid,
  PlanFileInvalid,
  PlanWorkspaceMismatch,
  ApplyInProgress,
  NothingToUndo,
  ApplyStopped,
  JournalFailure,
  OutputFailure
])
export type PlanErrorReason = typeof PlanErrorReason.Type

/** Every failure of this package, with its reason. */
export class PlanError extends Schema.TaggedError<PlanError>()("PlanError", {
  reason: PlanErrorReason
}) {
  override get message(): string {
    const r = this.reason
    switch (r._tag) {
      case "SourceInvalid":
        return `${r.file}${r.row === undefined ? "" : `, row ${r.row}`}${r.column === undefined ? "" : `, column "${r.column}"`}: ${r.detail}`
      case "AssignmentInvalid":
        return `"${r.assignment}": ${r.detail}`
      case "PlanFileInvalid":
        return `${r.file} is not a plan this version can read: ${r.detail}`
      case "PlanWorkspaceMismatch":
        return `the plan was made for workspace ${r.planAppId}, but the token is for ${r.appId}`
      case "ApplyInProgress":
        return `plan ${r.planId} is being applied by another process (${r.holder})`
      case "NothingToUndo":
        return `nothing to undo for plan ${r.planId}: ${r.detail}`
      case "ApplyStopped":
        return `the apply of plan ${r.planId} stopped: ${r.detail}; run it again to resume`
      case "OutputFailure":
        return `could not write ${r.file}: ${r.detail}`
      case "JournalFailure":
        return `the journal failed to ${r.operation}: ${r.detail}`
    }
  }
}

/** Wraps a reason as a `PlanError`. */
export const planError = (reason: PlanErrorReason): PlanError => new PlanError({ reason })
