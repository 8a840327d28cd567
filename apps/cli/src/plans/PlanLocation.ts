import type { Plan } from "@intercom-explorer/plans"
import { Effect, type Option } from "effect"
import { endpointSettings } from "../GlobalOptions.js"
import { explicitReplicaFile, syncedReplicaFile, workspaceReplicaFile } from "../replica/ReplicaLocation.js"

/*
 * The replica a plan command uses (the journal lives beside it): `--db`, else $INTERCOM_EXPLORER_DB,
 * else, for a plan that names its workspace, that workspace's file for this API root (no request
 * needed), else the one replica synced for this API root.
 */

/** `plan`: the replica the plan reads its before-images from. No token, no request. */
export const planReplicaFile = (db: Option.Option<string>) =>
  Effect.gen(function*() {
    return explicitReplicaFile(db) ?? (yield* syncedReplicaFile((yield* endpointSettings).apiRoot))
  })

/** `apply`, `undo`: the replica of the plan's workspace, whose journal records the apply. */
export const appliedReplicaFile = (db: Option.Option<string>, plan: Plan) =>
  Effect.gen(function*() {
    const explicit = explicitReplicaFile(db)
    if (explicit !== undefined) return explicit
    const { apiRoot } = yield* endpointSettings
    return plan.workspace.appId === null ? yield* syncedReplicaFile(apiRoot) : workspaceReplicaFile(apiRoot, plan.workspace.appId)
  })
