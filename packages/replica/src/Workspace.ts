import { createHash } from "node:crypto"
import { homedir } from "node:os"
import path from "node:path"
import { RequestExecutor } from "@intercom-explorer/core"
import { Effect, Schema } from "effect"

/** The environment variable that overrides the replica file (the CLI's `--db` wins over it). */
export const DATABASE_ENV = "INTERCOM_EXPLORER_DB"

/**
 * The per-user data folder: `$XDG_DATA_HOME/intercom-explorer` (default ~/.local/share) on Linux,
 * `~/Library/Application Support/intercom-explorer` on macOS, `%LOCALAPPDATA%\intercom-explorer` on
 * Windows. The extension passes its `globalStorageUri` instead.
 */
export const defaultDataDir = (env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string => {
  if (platform === "win32") return path.join(env.LOCALAPPDATA ?? path.join(homedir(), "AppData", "Local"), "intercom-explorer")
  if (platform === "darwin") return path.join(homedir(), "Library", "Application Support", "intercom-explorer")
  return path.join(env.XDG_DATA_HOME ?? path.join(homedir(), ".local", "share"), "intercom-explorer")
}

/** A readable, file-safe name for an API root: `api.eu.intercom.io`, `127.0.0.1-4010`. */
const hostPart = (apiRoot: string) => {
  try {
    const url = new URL(apiRoot)
    return `${url.hostname}${url.port === "" ? "" : `-${url.port}`}`.replace(/[^A-Za-z0-9.-]/g, "_")
  } catch {
    return "api"
  }
}

/**
 * The replica file of one workspace: keyed by API root and app id (`GET /me` → `app.id_code`),
 * so two workspaces on one server, or one app id on two regions, never share a file.
 */
export const replicaFile = (options: { readonly dataDir: string; readonly apiRoot: string; readonly appId: string }): string => {
  const digest = createHash("sha256").update(`${options.apiRoot}\u0000${options.appId}`).digest("hex").slice(0, 12)
  const app = options.appId.replace(/[^A-Za-z0-9_-]/g, "_").slice(0, 40)
  return path.join(options.dataDir, "replicas", `${hostPart(options.apiRoot)}-${app}-${digest}.sqlite`)
}

/** The database file to use: `--db`, else `INTERCOM_EXPLORER_DB`, else the workspace's file in the data folder. */
export const resolveReplicaFile = (options: {
  readonly db?: string | undefined
  readonly env?: NodeJS.ProcessEnv | undefined
  readonly workspace: () => string
}): string => options.db ?? (options.env ?? process.env)[DATABASE_ENV] ?? options.workspace()

const Me = Schema.Struct({ app: Schema.Struct({ id_code: Schema.String }) })

/** The app id of the token's workspace (`GET /me` → `app.id_code`), through core's executor. */
export const fetchAppId = Effect.fn("Workspace.fetchAppId")(function*() {
  const executor = yield* RequestExecutor
  const me = yield* executor.execute({ method: "GET", path: "/me", response: Me }, "idempotent")
  return me.app.id_code
})
