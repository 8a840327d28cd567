import type { DatabaseSync } from "node:sqlite"
import { hostname } from "node:os"
import { isProcessAlive, transaction } from "@intercom-explorer/replica"
import { Context, Effect, Layer, type Scope } from "effect"
import { ApplyInProgress, type PlanError, PlanFileInvalid, planError } from "../PlanErrors.js"
import { type FieldValue, isExcludedOperation, type Plan } from "../PlanFile.js"
import { journalStep, openJournalDb } from "./JournalDb.js"

// The journal of applies: per plan one row (who holds it, when it started and finished) and per
// operation one row that is written before its request (state `sent`, with the body and the
// before-image) and after it (the outcome), each committed on its own. A process killed between
// the two leaves `sent`, which the next run re-checks against the company before sending again.

/** `<replica without .sqlite>.journal.sqlite`, beside the replica. */
export const journalFileFor = (replicaFile: string): string =>
  `${replicaFile.endsWith(".sqlite") ? replicaFile.slice(0, -".sqlite".length) : replicaFile}.journal.sqlite`

export interface ApplyRecord {
  readonly planId: string
  readonly kind: "apply" | "undo"
  readonly planFile: string | null
  /** e.g. the source file name or the query. */
  readonly label: string
  /** ms */
  readonly startedAt: number
  readonly finishedAt: number | null
  /** Operations not excluded. */
  readonly total: number
  readonly done: number
  readonly applied: number
  readonly unchanged: number
  readonly conflicts: number
  readonly failed: number
}

export type OperationState = "pending" | "sent" | "applied" | "unchanged" | "conflict" | "failed" | "excluded"

/** A planned field whose current value is neither the plan's before nor its after. */
export interface FieldConflict {
  readonly field: string
  readonly planned: FieldValue
  readonly current: FieldValue
}

/**
 * The company as the apply read it just before writing it (what an undo restores): whether it
 * existed, each planned field's value, and whether it carried each planned tag.
 */
export interface BeforeImage {
  readonly existed: boolean
  readonly fields: Readonly<Record<string, FieldValue>>
  readonly tags: Readonly<Record<string, boolean>>
}

export interface OperationRecord {
  readonly seq: number
  readonly state: OperationState
  /** How many times it was sent (a resume re-sends a `sent` one when it is not at its after yet). */
  readonly attempt: number
  readonly body: unknown
  readonly beforeImage: BeforeImage | null
  /** The company's Intercom id after the write (a create's new id). */
  readonly resultId: string | null
  /** The answer's `updated_at` (unix seconds). */
  readonly updatedAt: number | null
  readonly conflicts: ReadonlyArray<FieldConflict> | null
  readonly error: string | null
  readonly code: string | null
  readonly requestId: string | null
  readonly sentAt: number | null
  readonly finishedAt: number | null
}

export interface OperationOutcome {
  readonly state: "applied" | "unchanged" | "conflict" | "failed"
  readonly resultId?: string | null | undefined
  readonly updatedAt?: number | null | undefined
  readonly conflicts?: ReadonlyArray<FieldConflict> | undefined
  readonly error?: string | null | undefined
  readonly code?: string | null | undefined
  readonly requestId?: string | null | undefined
}

/**
 * A custom attribute the apply creates: `sent` before the POST (a kill then leaves it, and the
 * next run lists the attributes before sending again), `created` after Intercom's answer,
 * `existed` when Intercom already had it (created by an earlier run that never heard back, or
 * by someone else).
 */
export interface AttributeRecord {
  readonly name: string
  readonly dataType: string
  readonly state: "sent" | "created" | "existed"
  /** Intercom's definition (its answer, or the one listed). */
  readonly attribute: unknown
}

export interface BeginOptions {
  readonly kind: "apply" | "undo"
  readonly planFile: string | null
  readonly label: string
  readonly hash: string
}

export interface JournalShape {
  readonly file: string
  /** Every apply and undo, newest first. */
  readonly applies: () => Effect.Effect<ReadonlyArray<ApplyRecord>, PlanError>
  /** The journal's apply of this plan, with the plan's content hash, when there is one. */
  readonly find: (planId: string) => Effect.Effect<{ readonly record: ApplyRecord; readonly hash: string } | undefined, PlanError>
  /**
   * Starts or resumes the plan's apply: records it with one `pending` (or `excluded`) row per
   * operation the first time, refuses a plan whose content changed since, and holds the plan's lock
   * until the scope closes (a lock whose process died is taken over). `resumed` when it was there.
   */
  readonly begin: (plan: Plan, options: BeginOptions) => Effect.Effect<{ readonly resumed: boolean }, PlanError, Scope.Scope>
  /** The plan's operations in seq order. */
  readonly operations: (planId: string) => Effect.Effect<ReadonlyArray<OperationRecord>, PlanError>
  /** Before the request: the body about to be sent and the before-image (kept from the first send). */
  readonly markSent: (planId: string, seq: number, body: unknown, before: BeforeImage | null) => Effect.Effect<void, PlanError>
  /** After the request (or instead of one): the outcome. */
  readonly finishOperation: (planId: string, seq: number, outcome: OperationOutcome) => Effect.Effect<void, PlanError>
  /** Every operation reached a final state. */
  readonly finish: (planId: string) => Effect.Effect<void, PlanError>
  /**
   * Opens a finished apply again for its failed rows (and, with `conflicts`, its conflicts): a row
   * that was sent goes back to `sent` (its write may have landed: the next run checks), one never
   * sent to `pending`. Returns how many rows were reopened.
   */
  readonly reopen: (planId: string, options: { readonly conflicts: boolean }) => Effect.Effect<number, PlanError>
  /** The custom attributes the plan's apply created or is creating, by name. */
  readonly attributes: (planId: string) => Effect.Effect<ReadonlyArray<AttributeRecord>, PlanError>
  /** Before the POST /data_attributes. */
  readonly markAttributeSent: (planId: string, name: string, dataType: string) => Effect.Effect<void, PlanError>
  /** After it: created (the answer), or found existing (the listed definition). */
  readonly finishAttribute: (
    planId: string,
    name: string,
    state: "created" | "existed",
    attribute: unknown
  ) => Effect.Effect<void, PlanError>
}

interface Holder {
  readonly lock_pid: number | null
  readonly lock_host: string | null
  readonly lock_heartbeat: number | null
}

/** Another host's holder silent this long is taken to be gone (it refreshes on every operation). */
const FOREIGN_LOCK_STALE_MS = 120_000

/**
 * The plans this process holds. A lock recorded with our own pid that is not in here was left by a
 * killed process that had the same pid (a container's CLI is often pid 1 every time): it is stale.
 */
const heldHere = new Set<string>()

const heldByOther = (planId: string, holder: Holder, now: number): boolean => {
  if (holder.lock_pid === null || holder.lock_host === null) return false
  if (holder.lock_host === hostname()) return holder.lock_pid !== process.pid ? isProcessAlive(holder.lock_pid) : heldHere.has(planId)
  return now - (holder.lock_heartbeat ?? 0) < FOREIGN_LOCK_STALE_MS
}

/** A plan id the journal knows with other contents: an edited file, or another file reusing the id. */
export const planChanged = (plan: Plan, planFile: string | null | undefined): PlanError =>
  planError(new PlanFileInvalid({
    file: planFile ?? plan.id,
    detail: `the plan file changed since it was first applied (plan ${plan.id} is in the journal with other contents)`
  }))

const parseJson = <A>(text: unknown): A | null => (typeof text === "string" ? (JSON.parse(text) as A) : null)

const toOperation = (row: Record<string, unknown>): OperationRecord => ({
  seq: Number(row.seq),
  state: row.state as OperationState,
  attempt: Number(row.attempt),
  body: parseJson(row.body),
  beforeImage: parseJson<BeforeImage>(row.before_image),
  resultId: (row.result_id as string | null) ?? null,
  updatedAt: row.updated_at === null ? null : Number(row.updated_at),
  conflicts: parseJson<ReadonlyArray<FieldConflict>>(row.conflicts),
  error: (row.error as string | null) ?? null,
  code: (row.code as string | null) ?? null,
  requestId: (row.request_id as string | null) ?? null,
  sentAt: row.sent_at === null ? null : Number(row.sent_at),
  finishedAt: row.finished_at === null ? null : Number(row.finished_at)
})

const APPLY_COLUMNS = `a.plan_id, a.kind, a.plan_file, a.label, a.plan_hash, a.started_at, a.finished_at,
  (SELECT count(*) FROM operations o WHERE o.plan_id = a.plan_id AND o.state <> 'excluded') AS total,
  (SELECT count(*) FROM operations o WHERE o.plan_id = a.plan_id AND o.state IN ('applied','unchanged','conflict','failed')) AS done,
  (SELECT count(*) FROM operations o WHERE o.plan_id = a.plan_id AND o.state = 'applied') AS applied,
  (SELECT count(*) FROM operations o WHERE o.plan_id = a.plan_id AND o.state = 'unchanged') AS unchanged,
  (SELECT count(*) FROM operations o WHERE o.plan_id = a.plan_id AND o.state = 'conflict') AS conflicts,
  (SELECT count(*) FROM operations o WHERE o.plan_id = a.plan_id AND o.state = 'failed') AS failed`

const toApply = (row: Record<string, unknown>): ApplyRecord => ({
  planId: row.plan_id as string,
  kind: row.kind as "apply" | "undo",
  planFile: (row.plan_file as string | null) ?? null,
  label: row.label as string,
  startedAt: Number(row.started_at),
  finishedAt: row.finished_at === null ? null : Number(row.finished_at),
  total: Number(row.total),
  done: Number(row.done),
  applied: Number(row.applied),
  unchanged: Number(row.unchanged),
  conflicts: Number(row.conflicts),
  failed: Number(row.failed)
})

const make = (file: string) =>
  Effect.gen(function*() {
    const db: DatabaseSync = yield* openJournalDb(file)

    const heartbeat = (planId: string) =>
      db.prepare("UPDATE applies SET lock_heartbeat = ? WHERE plan_id = ? AND lock_pid = ? AND lock_host = ?")
        .run(Date.now(), planId, process.pid, hostname())

    const applies = () =>
      journalStep("list the applies", () =>
        (db.prepare(`SELECT ${APPLY_COLUMNS} FROM applies a ORDER BY a.started_at DESC, a.plan_id`).all() as Array<
          Record<string, unknown>
        >).map(toApply))

    const find = (planId: string) =>
      journalStep("read an apply", () => {
        const row = db.prepare(`SELECT ${APPLY_COLUMNS} FROM applies a WHERE a.plan_id = ?`).get(planId) as
          | Record<string, unknown>
          | undefined
        return row === undefined ? undefined : { record: toApply(row), hash: row.plan_hash as string }
      })

    const takeLock = (plan: Plan, options: BeginOptions) =>
      journalStep("record the apply", () =>
        transaction(db, () => {
          const now = Date.now()
          const row = db.prepare("SELECT plan_hash, lock_pid, lock_host, lock_heartbeat FROM applies WHERE plan_id = ?")
            .get(plan.id) as (Holder & { plan_hash: string }) | undefined
          if (row !== undefined && row.plan_hash !== options.hash) throw planChanged(plan, options.planFile)
          if (row !== undefined && heldByOther(plan.id, row, now)) {
            throw planError(new ApplyInProgress({
              planId: plan.id,
              holder: `process ${row.lock_pid} on ${row.lock_host}, last seen ${new Date(row.lock_heartbeat ?? 0).toISOString()}`
            }))
          }
          if (row === undefined) {
            db.prepare(
              `INSERT INTO applies (plan_id, kind, plan_file, label, plan_hash, started_at, lock_pid, lock_host, lock_heartbeat)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
            ).run(plan.id, options.kind, options.planFile, options.label, options.hash, now, process.pid, hostname(), now)
            const insert = db.prepare("INSERT INTO operations (plan_id, seq, state) VALUES (?, ?, ?)")
            for (const op of plan.operations) insert.run(plan.id, op.seq, isExcludedOperation(op) ? "excluded" : "pending")
          } else {
            db.prepare(
              "UPDATE applies SET lock_pid = ?, lock_host = ?, lock_heartbeat = ?, plan_file = coalesce(?, plan_file) WHERE plan_id = ?"
            ).run(process.pid, hostname(), now, options.planFile, plan.id)
          }
          heldHere.add(plan.id)
          return { resumed: row !== undefined }
        }))

    const releaseLock = (planId: string) =>
      journalStep("release the apply's lock", () => {
        heldHere.delete(planId)
        db.prepare("UPDATE applies SET lock_pid = NULL, lock_host = NULL WHERE plan_id = ? AND lock_pid = ? AND lock_host = ?")
          .run(planId, process.pid, hostname())
      }).pipe(Effect.ignore)

    const begin = (plan: Plan, options: BeginOptions) =>
      Effect.acquireRelease(takeLock(plan, options), () => releaseLock(plan.id))

    const operations = (planId: string) =>
      journalStep("read the operations", () =>
        (db.prepare("SELECT * FROM operations WHERE plan_id = ? ORDER BY seq").all(planId) as Array<Record<string, unknown>>)
          .map(toOperation))

    const markSent = (planId: string, seq: number, body: unknown, before: BeforeImage | null) =>
      journalStep("record a request before sending it", () =>
        transaction(db, () => {
          db.prepare(
            `UPDATE operations SET state = 'sent', attempt = attempt + 1, body = ?,
               before_image = coalesce(before_image, ?), sent_at = ? WHERE plan_id = ? AND seq = ?`
          ).run(JSON.stringify(body), before === null ? null : JSON.stringify(before), Date.now(), planId, seq)
          heartbeat(planId)
        }))

    const finishOperation = (planId: string, seq: number, outcome: OperationOutcome) =>
      journalStep("record an outcome", () =>
        transaction(db, () => {
          db.prepare(
            `UPDATE operations SET state = ?, result_id = coalesce(?, result_id), updated_at = ?, conflicts = ?, error = ?, code = ?,
               request_id = ?, finished_at = ? WHERE plan_id = ? AND seq = ?`
          ).run(
            outcome.state,
            outcome.resultId ?? null,
            outcome.updatedAt ?? null,
            outcome.conflicts === undefined ? null : JSON.stringify(outcome.conflicts),
            outcome.error ?? null,
            outcome.code ?? null,
            outcome.requestId ?? null,
            Date.now(),
            planId,
            seq
          )
          heartbeat(planId)
        }))

    const finish = (planId: string) =>
      journalStep("record the apply's end", () => {
        db.prepare("UPDATE applies SET finished_at = ? WHERE plan_id = ? AND finished_at IS NULL").run(Date.now(), planId)
      })

    const reopen = (planId: string, options: { readonly conflicts: boolean }) =>
      journalStep("reopen failed rows", () =>
        transaction(db, () => {
          const states = options.conflicts ? "('failed', 'conflict')" : "('failed')"
          const changed = db.prepare(
            `UPDATE operations SET state = CASE WHEN attempt > 0 THEN 'sent' ELSE 'pending' END, finished_at = NULL
             WHERE plan_id = ? AND state IN ${states}`
          ).run(planId)
          db.prepare("UPDATE applies SET finished_at = NULL WHERE plan_id = ?").run(planId)
          return Number(changed.changes)
        }))

    const attributes = (planId: string) =>
      journalStep("read the created attributes", () =>
        (db.prepare("SELECT * FROM attributes WHERE plan_id = ? ORDER BY rowid").all(planId) as Array<Record<string, unknown>>)
          .map((row): AttributeRecord => ({
            name: row.name as string,
            dataType: row.data_type as string,
            state: row.state as AttributeRecord["state"],
            attribute: parseJson(row.attribute)
          })))

    const markAttributeSent = (planId: string, name: string, dataType: string) =>
      journalStep("record an attribute before creating it", () =>
        transaction(db, () => {
          db.prepare(
            `INSERT INTO attributes (plan_id, name, data_type, state, sent_at) VALUES (?, ?, ?, 'sent', ?)
             ON CONFLICT (plan_id, name) DO UPDATE SET state = 'sent', sent_at = excluded.sent_at`
          ).run(planId, name, dataType, Date.now())
          heartbeat(planId)
        }))

    const finishAttribute = (planId: string, name: string, state: "created" | "existed", attribute: unknown) =>
      journalStep("record a created attribute", () =>
        transaction(db, () => {
          db.prepare("UPDATE attributes SET state = ?, attribute = ?, finished_at = ? WHERE plan_id = ? AND name = ?")
            .run(state, JSON.stringify(attribute), Date.now(), planId, name)
          heartbeat(planId)
        }))

    return Journal.of({
      file,
      applies,
      find,
      begin,
      operations,
      markSent,
      finishOperation,
      finish,
      reopen,
      attributes,
      markAttributeSent,
      finishAttribute
    })
  })

export class Journal extends Context.Service<Journal, JournalShape>()("@intercom-explorer/plans/Journal") {
  /** Opens (creating) the journal at `options.file` for the layer's lifetime. No network. */
  static readonly layer = (options: { readonly file: string }): Layer.Layer<Journal, PlanError> =>
    Layer.effect(Journal, make(options.file))
}
