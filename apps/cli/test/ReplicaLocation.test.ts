import { replicaFile } from "@intercom-explorer/replica"
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { Option } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { explicitReplicaFile, syncedReplicas } from "../src/replica/ReplicaLocation.js"

// How `companies query` finds a replica without an app id: the file names replica's
// `replicaFile` gives, read back for one API root. Real files in a temporary data folder.

const dataDir = mkdtempSync(path.join(tmpdir(), "cli-location-"))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

const touch = (file: string) => {
  mkdirSync(path.dirname(file), { recursive: true })
  writeFileSync(file, "")
}

describe("syncedReplicas", () => {
  it("finds the replicas of one API root, with their app ids, whatever dashes host and app id contain", () => {
    const local = "http://127.0.0.1:4010"
    const eu = "https://api.eu.intercom.io"
    for (const appId of ["abc123", "with-dash", "under_score"]) touch(replicaFile({ dataDir, apiRoot: local, appId }))
    touch(replicaFile({ dataDir, apiRoot: eu, appId: "abc123" }))
    touch(path.join(dataDir, "replicas", "127.0.0.1-4010-abc123-000000000000.sqlite")) // a digest of nothing
    touch(path.join(dataDir, "replicas", "notes.txt"))
    touch(`${replicaFile({ dataDir, apiRoot: local, appId: "abc123" })}.sync-lock`)

    expect(syncedReplicas(local, dataDir).map((r) => r.appId)).toEqual(["abc123", "under_score", "with-dash"])
    expect(syncedReplicas(eu, dataDir)).toEqual([{ appId: "abc123", file: replicaFile({ dataDir, apiRoot: eu, appId: "abc123" }) }])
    expect(syncedReplicas("https://api.au.intercom.io", dataDir)).toEqual([])
    expect(syncedReplicas(local, path.join(dataDir, "nothing-here"))).toEqual([])
  })
})

describe("explicitReplicaFile", () => {
  it("is --db, else INTERCOM_EXPLORER_DB (empty is unset), as absolute paths", () => {
    expect(explicitReplicaFile(Option.some("a.sqlite"), { INTERCOM_EXPLORER_DB: "/b.sqlite" })).toBe(path.resolve("a.sqlite"))
    expect(explicitReplicaFile(Option.none(), { INTERCOM_EXPLORER_DB: "/b.sqlite" })).toBe("/b.sqlite")
    expect(explicitReplicaFile(Option.none(), { INTERCOM_EXPLORER_DB: " " })).toBeUndefined()
    expect(explicitReplicaFile(Option.none(), {})).toBeUndefined()
  })
})
