import { readdirSync } from "node:fs"
import path from "node:path"
import { DATABASE_ENV, defaultDataDir, replicaFile } from "@intercom-explorer/replica"
import { Effect, Option } from "effect"
import { Flag } from "effect/cli"
import { UsageFailure } from "../Failures.js"

/*
 * Which replica file a command uses: `--db FILE`, else $INTERCOM_EXPLORER_DB, else the workspace's
 * file in the per-user data folder (replica's `replicaFile`: API root + app id). `sync` learns the
 * app id from the API (GET /me); `query` has no token and makes no request, so it finds the file
 * synced for this API root among the data folder's replicas.
 */

/** `--db FILE`, shared by `companies sync` and `companies query`. */
export const dbFlag = Flag.String("db").pipe(
  Flag.filter((file) => file.trim() !== "", () => "--db needs a file name"),
  Flag.withMetavar("FILE"),
  Flag.optional,
  Flag.withDescription(
    `The replica database file (default: $${DATABASE_ENV}, else one file per workspace in the per-user data folder, ` +
      `e.g. ~/.local/share/intercom-explorer/replicas/)`
  )
)

/** `--db`, else $INTERCOM_EXPLORER_DB (empty counts as unset), else undefined: the default location. */
export const explicitReplicaFile = (db: Option.Option<string>, env: NodeJS.ProcessEnv = process.env): string | undefined => {
  const fromEnv = env[DATABASE_ENV]?.trim() === "" ? undefined : env[DATABASE_ENV]
  const chosen = Option.getOrUndefined(db) ?? fromEnv
  return chosen === undefined ? undefined : path.resolve(chosen)
}

/** The default file of a workspace whose app id is known (sync). */
export const workspaceReplicaFile = (apiRoot: string, appId: string): string =>
  replicaFile({ dataDir: defaultDataDir(), apiRoot, appId })

/** A replica of this API root found in the data folder, with the app id its file name encodes. */
export interface SyncedReplica {
  readonly file: string
  readonly appId: string
}

/**
 * The replicas synced for `apiRoot` in the data folder. A file is `<host>-<app id>-<digest>.sqlite`
 * (host and app id may both contain `-`), so each split of the name is tried and kept only when
 * `replicaFile` gives back exactly that path: the digest covers the API root, so files of another
 * server never match. An app id that the file name had to alter (characters outside
 * `[A-Za-z0-9_-]`, longer than 40) cannot be recovered this way; `--db` still reaches such a file.
 */
export const syncedReplicas = (apiRoot: string, dataDir: string = defaultDataDir()): ReadonlyArray<SyncedReplica> => {
  const dir = path.join(dataDir, "replicas")
  let names: ReadonlyArray<string>
  try {
    names = readdirSync(dir)
  } catch {
    return []
  }
  const found: Array<SyncedReplica> = []
  for (const name of names) {
    const stem = /^(.+)-[0-9a-f]{12}\.sqlite$/.exec(name)?.[1]
    if (stem === undefined) continue
    for (let dash = stem.indexOf("-"); dash >= 0; dash = stem.indexOf("-", dash + 1)) {
      const appId = stem.slice(dash + 1)
      if (replicaFile({ dataDir, apiRoot, appId }) === path.join(dir, name)) {
        found.push({ file: path.join(dir, name), appId })
        break
      }
    }
  }
  return found.sort((a, b) => a.file.localeCompare(b.file))
}

/**
 * The file `companies query` reads when neither --db nor $INTERCOM_EXPLORER_DB names one: the one
 * replica of this API root in the data folder. None: "run `companies sync` first" (naming the
 * folder, since the file name needs the app id); several: a usage error asking for --db.
 */
export const syncedReplicaFile = Effect.fnUntraced(function*(apiRoot: string) {
  const dataDir = defaultDataDir()
  const found = syncedReplicas(apiRoot, dataDir)
  if (found.length === 1) return found[0]!.file
  if (found.length === 0) {
    return yield* new UsageFailure({
      message: `no replica of ${apiRoot} in ${path.join(dataDir, "replicas")} yet: run \`companies sync\` first ` +
        `(with the same --base-url/--region), or point --db or $${DATABASE_ENV} at a replica file`
    })
  }
  return yield* new UsageFailure({
    message: `${found.length} workspaces of ${apiRoot} are synced (app ids ${found.map((r) => r.appId).join(", ")}): ` +
      `choose one with --db FILE (${found.map((r) => r.file).join(", ")})`
  })
})
