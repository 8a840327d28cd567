// @intercom-explorer/replica: a local SQLite copy of one Intercom workspace (companies, tags,
// segments), an exactly-once sync into it, and a GitHub-search-like query language over it.
// See README.md. The storage internals (ReplicaDb, ReplicaStore, SyncLock, CompanyRow) stay private.

export {
  type CompanyKey,
  type CustomAttributeInfo,
  type CustomAttributeType,
  type GroupBy,
  type GroupCount,
  type PageOptions,
  type RawCompany,
  Replica,
  type ReplicaOptions,
  type ReplicaShape,
  type SegmentCount,
  type SyncStatus,
  type TagCount,
  toCompany
} from "./Replica.js"
export { type OddCompany, type SyncError, syncReplica, type SyncOptions, type SyncProgress, type SyncSummary } from "./ReplicaSync.js"
export { type SwapMode } from "./StagingSwap.js"
export {
  type Comparison,
  type Condition,
  type CustomValue,
  type DateField,
  type NumberField,
  parseQuery,
  parseQueryEither,
  type QueryAst,
  type Sort,
  type SortKey,
  type Target,
  type Term,
  type TextField,
  type TextMatch
} from "./QueryParser.js"
export { compileQuery, type CompiledQuery, type CompileOptions } from "./QueryCompiler.js"
export {
  InvalidQuery,
  ReplicaCorrupt,
  ReplicaError,
  ReplicaErrorReason,
  ReplicaMissing,
  SchemaTooNew,
  StorageFailure,
  SyncInProgress,
  WrongWorkspace
} from "./ReplicaErrors.js"
export type { SegmentRecord, TagRecord } from "./ReplicaStore.js"
export type { CompanyRef, Staleness } from "./LiveEdits.js"
export { withWriteThrough } from "./WriteThrough.js"
export { schemaVersion } from "./ReplicaDb.js"
// The file side of a SQLite database kept on disk, shared with the plans journal that lives beside the replica.
export { isCorruption, isProcessAlive, moveAside, prepareOwnerOnlyFile, transaction } from "./DatabaseFile.js"
export { DATABASE_ENV, defaultDataDir, fetchAppId, replicaFile, resolveReplicaFile } from "./Workspace.js"
