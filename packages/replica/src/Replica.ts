import type { DatabaseSync, SQLInputValue } from "node:sqlite"
import type { Company, DataAttribute } from "@intercom-explorer/core"
import { Context, Effect, Layer, Predicate, Stream } from "effect"
import { definitions } from "./AttributeDefinitions.js"
import { decodeCompany, decodeProblem, fold } from "./CompanyRow.js"
import { compileQuery, type CompileOptions } from "./QueryCompiler.js"
import { parseQuery } from "./QueryParser.js"
import { openReplicaDb } from "./ReplicaDb.js"
import { ReplicaCorrupt, ReplicaError, storageFailure } from "./ReplicaErrors.js"
import { type CompanyRef, markStale as markStaleIn, storeAttribute, removeCompany as removeCompanyIn, removeTag as removeTagIn, staleness as stalenessIn, type Staleness, storeAnswer, storeTag, tagCompanies } from "./LiveEdits.js"
import { replaceTagsAndSegmentsLive, type SegmentRecord, type TagRecord } from "./ReplicaStore.js"

export interface PageOptions {
  /** Rows per page (default 100). */
  readonly limit?: number | undefined
  readonly offset?: number | undefined
  /** "Now" for relative ages, unix seconds (tests pin it). */
  readonly now?: number | undefined
}

export interface RawCompany {
  readonly id: string
  /** The JSON object Intercom sent, as text. */
  readonly json: string
  /** Set when it did not decode as `Company` at sync time. */
  readonly decodeError: string | null
}

export type GroupBy = "plan" | "industry" | "tag" | "segment"

export interface GroupCount {
  /** The plan, industry, tag or segment name; null for companies without one. */
  readonly key: string | null
  readonly count: number
}

export interface TagCount {
  readonly id: string
  readonly name: string
  /** Companies in the replica carrying the tag. */
  readonly companies: number
}

export interface SegmentCount {
  readonly id: string
  readonly name: string
  /** Intercom's count (GET /segments?include_count=true), null when it sent none. */
  readonly count: number | null
  /** Companies in the replica listed in the segment. */
  readonly companies: number
}

/** What the stored values of one custom attribute key are (nulls aside; `mixed` when they differ). */
export type CustomAttributeType = "string" | "number" | "boolean" | "mixed"

export interface CustomAttributeInfo {
  readonly key: string
  readonly type: CustomAttributeType
}

/** The key a company is looked up by: Intercom's `id`, or the customer's own `company_id`. */
export type CompanyKey = "id" | "company_id"

export interface SyncStatus {
  readonly startedAt: number
  readonly finishedAt: number | null
  readonly status: "running" | "done" | "failed"
  readonly appId: string | null
  readonly companies: number | null
  readonly odd: number | null
  readonly error: string | null
}

export interface ReplicaShape {
  readonly file: string
  /** Set when the file was unreadable at open and moved aside (a sync opens a fresh one there). */
  readonly recovered: ReplicaCorrupt | undefined
  /** The open database, for the sync. */
  readonly database: DatabaseSync
  readonly count: (query: string, options?: PageOptions) => Effect.Effect<number, ReplicaError>
  /** One page in the query's sort order, decoded as `Company` (odd companies with the fields that decode). */
  readonly page: (query: string, options?: PageOptions) => Effect.Effect<ReadonlyArray<Company>, ReplicaError>
  /** One page as Intercom sent each company. */
  readonly pageRaw: (query: string, options?: PageOptions) => Effect.Effect<ReadonlyArray<RawCompany>, ReplicaError>
  /** Every match in order, as sent, without holding them all in memory (NDJSON/CSV output). */
  readonly streamRaw: (query: string, options?: PageOptions) => Stream.Stream<RawCompany, ReplicaError>
  readonly groupCounts: (query: string, by: GroupBy, options?: PageOptions) => Effect.Effect<ReadonlyArray<GroupCount>, ReplicaError>
  readonly tags: () => Effect.Effect<ReadonlyArray<TagCount>, ReplicaError>
  /**
   * The custom attribute keys present on any company, sorted, each with the type of its stored
   * values (a key holding only nulls counts as `string`).
   */
  readonly customAttributes: () => Effect.Effect<ReadonlyArray<CustomAttributeInfo>, ReplicaError>
  /**
   * The workspace's company data attributes (standard and custom) as the last sync read them
   * (GET /data_attributes?model=company, archived ones left out), with the ones created or changed
   * since through the write-through (an archive then shows as `archived: true`). Undefined when no sync has read them yet (a replica synced by
   * an older version): not known, as opposed to an empty list, none defined.
   */
  readonly companyAttributes: () => Effect.Effect<ReadonlyArray<DataAttribute> | undefined, ReplicaError>
  /** Write-through of a data attribute created or changed (core's `DataAttributes.create` / `update` answer). */
  readonly applyDataAttribute: (attribute: DataAttribute) => Effect.Effect<void, ReplicaError>
  /**
   * The companies with these keys (exact match; `company_id` compares case-sensitively, as Intercom
   * does), by key; keys the replica does not hold are absent. Looked up by index in chunks.
   */
  readonly companiesByKey: (
    keys: ReadonlyArray<string>,
    by: CompanyKey
  ) => Effect.Effect<ReadonlyMap<string, Company>, ReplicaError>
  readonly segments: () => Effect.Effect<ReadonlyArray<SegmentCount>, ReplicaError>
  /** The last sync (running, done or failed), or undefined before the first. */
  readonly lastSync: () => Effect.Effect<SyncStatus | undefined, ReplicaError>
  /** The app id the replica holds (from its last completed sync). */
  readonly appId: () => Effect.Effect<string | undefined, ReplicaError>
  /**
   * Write-through: stores the company as the API answered it (raw JSON or a decoded `Company`),
   * keeping the stored tags and segments when the answer has none.
   */
  readonly applyCompany: (company: unknown) => Effect.Effect<void, ReplicaError>
  /** Write-through of a delete. */
  readonly removeCompany: (id: string) => Effect.Effect<boolean, ReplicaError>
  /**
   * Write-through of a tag or untag (the API answers with the tag): the companies the replica holds
   * get or lose the tag; returns those it does not hold (to be read from the API and applied).
   */
  readonly applyTagging: (
    tag: TagRecord,
    companies: ReadonlyArray<CompanyRef>,
    tagged: boolean
  ) => Effect.Effect<ReadonlyArray<CompanyRef>, ReplicaError>
  /** Write-through of a tag created or renamed: the tag list and the name on the companies carrying it. */
  readonly applyTag: (tag: TagRecord) => Effect.Effect<void, ReplicaError>
  /** Write-through of a tag deleted: gone from the list and from its companies. */
  readonly removeTag: (id: string) => Effect.Effect<void, ReplicaError>
  /**
   * Records that the replica is behind Intercom (a write-through failed after the API's write
   * succeeded). Never fails: when the file cannot take the mark, this process remembers it.
   */
  readonly markStale: (reason: string) => Effect.Effect<void>
  /** Why the replica is behind Intercom until the next sync, or undefined when it is not known to be. */
  readonly staleness: () => Effect.Effect<Staleness | undefined, ReplicaError>
  /** Write-through of a tag list or segment list refresh. */
  readonly replaceTagsAndSegments: (
    tags: ReadonlyArray<TagRecord>,
    segments: ReadonlyArray<SegmentRecord>
  ) => Effect.Effect<void, ReplicaError>
}

export interface ReplicaOptions {
  /** The database file (see `Workspace.replicaFile`). */
  readonly file: string
  /**
   * Create the file when missing and replace an unreadable one (a sync). Without it a missing file
   * fails with `ReplicaMissing` and an unreadable one with `ReplicaCorrupt` (after moving it aside).
   */
  readonly create?: boolean | undefined
}

/** A stored company as `Company`; an odd one keeps every top-level field that decodes on its own. */
export const toCompany = (json: string): Company => {
  const raw = JSON.parse(json) as Record<string, unknown>
  const whole = decodeCompany(raw)
  if (!("problem" in whole)) return whole
  const kept: Record<string, unknown> = { id: raw.id }
  for (const [key, value] of Object.entries(raw)) {
    if (key !== "id" && decodeProblem({ ...kept, [key]: value }) === undefined) kept[key] = value
  }
  const salvaged = decodeCompany(kept)
  if ("problem" in salvaged) throw new Error(`company ${String(raw.id)}: ${salvaged.problem}`)
  return salvaged
}

const wrap = <A>(operation: string, f: () => A): Effect.Effect<A, ReplicaError> =>
  Effect.try({ try: f, catch: storageFailure(operation) })

export class Replica extends Context.Service<Replica, ReplicaShape>()("@intercom-explorer/replica/Replica") {
  /** Opens the replica at `options.file` for the layer's lifetime. No network. */
  static readonly layer = (options: ReplicaOptions): Layer.Layer<Replica, ReplicaError> =>
    Layer.effect(Replica, make(options))
}

const make = Effect.fnUntraced(function*(options: ReplicaOptions) {
  const file = options.file
  const create = options.create === true
  let recovered: ReplicaCorrupt | undefined
  const db = yield* openReplicaDb(file, { create }).pipe(
    Effect.catch((error: ReplicaError) => {
      if (!create || error.reason._tag !== "ReplicaCorrupt") return Effect.fail(error)
      recovered = error.reason as ReplicaCorrupt
      return openReplicaDb(file, { create })
    })
  )

  const compiled = (query: string, options: PageOptions = {}) =>
    Effect.map(parseQuery(query), (ast) => compileQuery(ast, { now: options.now } satisfies CompileOptions))

  const limitOf = (options: PageOptions) => Math.max(0, Math.floor(options.limit ?? 100))
  const offsetOf = (options: PageOptions) => Math.max(0, Math.floor(options.offset ?? 0))

  const selectRaw = (query: string, options: PageOptions, limited: boolean) =>
    Effect.map(compiled(query, options), (q) => ({
      sql: `SELECT c.id, (SELECT j.raw FROM company_json j WHERE j.rid = c.rid) AS raw, c.decode_error FROM companies c WHERE ${q.where} ORDER BY ${q.orderBy}` +
        (limited ? " LIMIT ? OFFSET ?" : ""),
      params: limited ? [...q.params, limitOf(options), offsetOf(options)] : [...q.params]
    }))

  const toRaw = (row: Record<string, unknown>): RawCompany => ({
    id: row.id as string,
    json: row.raw as string,
    decodeError: (row.decode_error as string | null) ?? null
  })

  const count = (query: string, options: PageOptions = {}) =>
    Effect.flatMap(compiled(query, options), (q) =>
      wrap("count companies", () => {
        const row = db.prepare(`SELECT count(*) AS n FROM companies c WHERE ${q.where}`).get(...q.params) as { n: number }
        return Number(row.n)
      }))

  const pageRaw = (query: string, options: PageOptions = {}) =>
    Effect.flatMap(selectRaw(query, options, true), ({ params, sql }) =>
      wrap("read a page of companies", () => db.prepare(sql).all(...params).map(toRaw)))

  const page = (query: string, options: PageOptions = {}) =>
    Effect.flatMap(pageRaw(query, options), (rows) => wrap("decode companies", () => rows.map((row) => toCompany(row.json))))

  const streamRaw = (query: string, options: PageOptions = {}): Stream.Stream<RawCompany, ReplicaError> =>
    Stream.unwrap(Effect.map(selectRaw(query, options, options.limit !== undefined), ({ params, sql }) =>
      Stream.fromIterable({
        [Symbol.iterator]: () => db.prepare(sql).iterate(...params)
      }).pipe(Stream.map((row) => toRaw(row as Record<string, unknown>)))
    ))

  const groupCounts = (query: string, by: GroupBy, options: PageOptions = {}) =>
    Effect.flatMap(compiled(query, options), (q) =>
      wrap(`count companies by ${by}`, () => {
        const sql = by === "plan" || by === "industry"
          ? `SELECT c.${by} AS key, count(*) AS n FROM companies c WHERE ${q.where} GROUP BY c.${by}_fold ORDER BY key IS NULL, c.${by}_fold`
          : `SELECT g.name AS key, count(*) AS n FROM companies c JOIN ${by === "tag" ? "company_tags" : "company_segments"} m ON m.company_id = c.id
             LEFT JOIN ${by === "tag" ? "tags" : "segments"} g ON g.id = m.${by}_id
             WHERE ${q.where} GROUP BY m.${by}_id ORDER BY m.name_fold`
        const rows = db.prepare(sql).all(...(q.params as Array<SQLInputValue>)) as Array<{ key: string | null; n: number }>
        const grouped: Array<GroupCount> = rows.map((row) => ({ key: row.key, count: Number(row.n) }))
        if (by === "tag" || by === "segment") {
          const table = by === "tag" ? "company_tags" : "company_segments"
          const none = db.prepare(
            `SELECT count(*) AS n FROM companies c WHERE (${q.where}) AND NOT EXISTS (SELECT 1 FROM ${table} m WHERE m.company_id = c.id)`
          ).get(...q.params) as { n: number }
          if (Number(none.n) > 0) grouped.push({ key: null, count: Number(none.n) })
        }
        return grouped
      }))

  const tags = () =>
    wrap("list tags", () =>
      (db.prepare(
        `SELECT t.id, t.name, (SELECT count(*) FROM company_tags m WHERE m.tag_id = t.id) AS companies FROM tags t ORDER BY t.name_fold, t.id`
      ).all() as Array<{ id: string; name: string; companies: number }>).map((row) => ({ ...row, companies: Number(row.companies) })))

  const customAttributes = () =>
    wrap("list custom attributes", () => {
      const rows = db.prepare(
        `SELECT j.key AS key, group_concat(DISTINCT j.type) AS types FROM companies c, json_each(c.custom) j
         WHERE c.custom IS NOT NULL GROUP BY j.key ORDER BY j.key`
      ).all() as Array<{ key: string; types: string }>
      return rows.map((row): CustomAttributeInfo => {
        const kinds = new Set(
          row.types.split(",").flatMap((type) =>
            type === "null" ? [] : [type === "text" ? "string" : type === "integer" || type === "real" ? "number" : type === "true" || type === "false" ? "boolean" : "mixed"]
          )
        )
        const [only] = kinds
        return { key: row.key, type: kinds.size === 0 ? "string" : kinds.size === 1 ? only as CustomAttributeType : "mixed" }
      })
    })

  const companyAttributes = () => wrap("read the data attributes", () => definitions(db))

  const applyDataAttribute = (attribute: DataAttribute) => wrap("store a data attribute", () => storeAttribute(db, attribute))

  // Below SQLite's default limit of 32,766 bound parameters, and small enough that a chunk's rows stay few.
  const KEY_CHUNK = 500
  const companiesByKey = (keys: ReadonlyArray<string>, by: CompanyKey) =>
    wrap("look up companies", () => {
      const found = new Map<string, Company>()
      const unique = [...new Set(keys)]
      for (let start = 0; start < unique.length; start += KEY_CHUNK) {
        const chunk = unique.slice(start, start + KEY_CHUNK)
        const marks = chunk.map(() => "?").join(", ")
        // company_id is indexed folded (queries are case-insensitive); the exact key is checked after.
        const columns = `j.raw AS raw, c.decode_error AS odd FROM companies c JOIN company_json j ON j.rid = c.rid`
        const sql = by === "id"
          ? `SELECT c.id AS key, ${columns} WHERE c.id IN (${marks})`
          : `SELECT c.company_id AS key, ${columns} WHERE c.company_id_fold IN (${marks}) ORDER BY c.rid`
        const params = by === "id" ? chunk : chunk.map(fold)
        const wanted = new Set(chunk)
        for (const row of db.prepare(sql).iterate(...params) as Iterable<{ key: string | null; raw: string; odd: string | null }>) {
          if (row.key === null || !wanted.has(row.key) || found.has(row.key)) continue
          // Every stored company was decoded when stored (decode_error says how it failed), so one
          // that decoded is parsed, not decoded again: a third of a 100,000-row plan's time otherwise.
          found.set(row.key, row.odd === null ? JSON.parse(row.raw) as Company : toCompany(row.raw))
        }
      }
      return found as ReadonlyMap<string, Company>
    })

  const segments = () =>
    wrap("list segments", () =>
      (db.prepare(
        `SELECT s.id, s.name, s.count, (SELECT count(*) FROM company_segments m WHERE m.segment_id = s.id) AS companies FROM segments s ORDER BY s.name_fold, s.id`
      ).all() as Array<{ id: string; name: string; count: number | null; companies: number }>).map((row) => ({
        ...row,
        count: row.count === null ? null : Number(row.count),
        companies: Number(row.companies)
      })))

  const lastSync = () =>
    wrap("read the sync status", () => {
      const row = db.prepare("SELECT * FROM syncs ORDER BY id DESC LIMIT 1").get() as Record<string, unknown> | undefined
      if (row === undefined) return undefined
      const n = (v: unknown) => (v === null || v === undefined ? null : Number(v))
      return {
        startedAt: Number(row.started_at),
        finishedAt: n(row.finished_at),
        status: row.status as SyncStatus["status"],
        appId: (row.app_id as string | null) ?? null,
        companies: n(row.companies),
        odd: n(row.odd),
        error: (row.error as string | null) ?? null
      } satisfies SyncStatus
    })

  const appId = () =>
    wrap("read the app id", () => {
      const row = db.prepare("SELECT value FROM meta WHERE key = 'app_id'").get() as { value: string } | undefined
      return row?.value
    })

  const applyCompany = (company: unknown) =>
    wrap("store a company", () => {
      if (!Predicate.isObject(company) || !Predicate.isString((company as { id?: unknown }).id)) {
        throw new Error("a company without a string id cannot be stored")
      }
      storeAnswer(db, company as Record<string, unknown>)
    })

  const removeCompany = (id: string) => wrap("remove a company", () => removeCompanyIn(db, id))

  const applyTagging = (tag: TagRecord, companies: ReadonlyArray<CompanyRef>, tagged: boolean) =>
    wrap(tagged ? "tag companies" : "untag companies", () => tagCompanies(db, tag, companies, tagged))

  const applyTag = (tag: TagRecord) => wrap("store a tag", () => storeTag(db, tag))

  const removeTag = (id: string) => wrap("remove a tag", () => removeTagIn(db, id))

  // A mark the file could not take (the failure that caused it may be the file's own).
  let staleHere: Staleness | undefined
  const markStale = (reason: string) =>
    Effect.sync(() => {
      const mark = { at: Date.now(), reason }
      try {
        markStaleIn(db, mark.reason, mark.at)
      } catch {
        staleHere = mark
      }
    })

  const staleness = () =>
    wrap("read whether the replica is stale", () => {
      const stored = stalenessIn(db)
      // A sync that started after the mark (its start is stored in whole seconds) read Intercom anew.
      const synced = db.prepare("SELECT max(started_at) AS s FROM syncs WHERE status = 'done'").get() as { s: number | null }
      if (staleHere !== undefined && synced.s !== null && synced.s * 1000 > staleHere.at) staleHere = undefined
      return staleHere !== undefined && (stored === undefined || stored.at < staleHere.at) ? staleHere : stored
    })

  const replaceTagsAndSegments = (tagList: ReadonlyArray<TagRecord>, segmentList: ReadonlyArray<SegmentRecord>) =>
    wrap("store tags and segments", () => replaceTagsAndSegmentsLive(db, tagList, segmentList))

  return Replica.of({
    file,
    recovered,
    database: db,
    count,
    page,
    pageRaw,
    streamRaw,
    groupCounts,
    tags,
    customAttributes,
    companyAttributes,
    applyDataAttribute,
    companiesByKey,
    segments,
    lastSync,
    appId,
    applyCompany,
    removeCompany,
    applyTagging,
    applyTag,
    removeTag,
    markStale,
    staleness,
    replaceTagsAndSegments
  })
})

