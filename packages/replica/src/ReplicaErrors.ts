import { Schema } from "effect"

/** The database file is not a readable SQLite replica; it was renamed to `movedTo`. */
export class ReplicaCorrupt extends Schema.TaggedError<ReplicaCorrupt>()("ReplicaCorrupt", {
  file: Schema.String,
  movedTo: Schema.String,
  detail: Schema.String
}) {}

/** No replica at this path yet. */
export class ReplicaMissing extends Schema.TaggedError<ReplicaMissing>()("ReplicaMissing", {
  file: Schema.String
}) {}

/** Another process (or window) is syncing this workspace. */
export class SyncInProgress extends Schema.TaggedError<SyncInProgress>()("SyncInProgress", {
  file: Schema.String,
  holder: Schema.String
}) {}

/** The database was written by a newer version of this package. */
export class SchemaTooNew extends Schema.TaggedError<SchemaTooNew>()("SchemaTooNew", {
  file: Schema.String,
  version: Schema.Number,
  supported: Schema.Number
}) {}

/** The replica belongs to another workspace than the client syncing into it. */
export class WrongWorkspace extends Schema.TaggedError<WrongWorkspace>()("WrongWorkspace", {
  file: Schema.String,
  expected: Schema.String,
  found: Schema.String
}) {}

/** SQLite or the file system failed. */
export class StorageFailure extends Schema.TaggedError<StorageFailure>()("StorageFailure", {
  operation: Schema.String,
  detail: Schema.String
}) {}

/** A query that cannot be parsed or names an unknown field; nothing was run. */
export class InvalidQuery extends Schema.TaggedError<InvalidQuery>()("InvalidQuery", {
  query: Schema.String,
  term: Schema.String,
  /** 1-based column of the term's first character. */
  column: Schema.Number,
  detail: Schema.String
}) {
  /** The parser's sentence, naming the term and its column: `unknown field "colour" in "colour:red" at column 6`. */
  get description(): string {
    return `${this.detail} in "${this.term}" at column ${this.column}`
  }
}

export const ReplicaErrorReason = Schema.Union([
  InvalidQuery,
  ReplicaCorrupt,
  ReplicaMissing,
  SyncInProgress,
  SchemaTooNew,
  WrongWorkspace,
  StorageFailure
])
export type ReplicaErrorReason = typeof ReplicaErrorReason.Type

/** Every failure of the replica (its storage, its sync's bookkeeping, a query), with the reason as a tagged union. */
export class ReplicaError extends Schema.TaggedError<ReplicaError>()("ReplicaError", {
  reason: ReplicaErrorReason
}) {
  override get message(): string {
    const r = this.reason
    switch (r._tag) {
      case "ReplicaCorrupt":
        return `the replica ${r.file} could not be read (${r.detail}); it was moved aside to ${r.movedTo}, and the next sync rebuilds it`
      case "ReplicaMissing":
        return `no replica at ${r.file} yet: run \`companies sync\` first`
      case "SyncInProgress":
        return `another sync of this workspace is running (${r.holder}); wait for it to finish`
      case "SchemaTooNew":
        return `the replica ${r.file} has schema version ${r.version}, newer than this version understands (${r.supported}); update Intercom Explorer`
      case "WrongWorkspace":
        return `the replica ${r.file} holds workspace ${r.found}, not ${r.expected}`
      case "InvalidQuery":
        return r.description
      case "StorageFailure":
        return `replica storage failed while trying to ${r.operation}: ${r.detail}`
    }
  }
}

export const storageFailure = (operation: string) => (cause: unknown): ReplicaError =>
  new ReplicaError({
    reason: new StorageFailure({ operation, detail: cause instanceof Error ? cause.message : String(cause) })
  })
