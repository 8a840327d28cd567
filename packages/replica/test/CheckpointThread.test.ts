import { mkdtempSync, rmSync, statSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { DatabaseSync } from "node:sqlite"
import { afterEach, assert, describe, it } from "@effect/vitest"
import { startCheckpointThread } from "../src/CheckpointThread.js"

const dirs: Array<string> = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe("the checkpoint thread", () => {
  it("copies the WAL into the database file from its own connection while the writer keeps its own open", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "replica-checkpoint-"))
    dirs.push(dir)
    const file = path.join(dir, "db.sqlite")
    const db = new DatabaseSync(file)
    db.exec("PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0; CREATE TABLE t (x TEXT)")
    db.exec("BEGIN")
    const insert = db.prepare("INSERT INTO t (x) VALUES (?)")
    for (let i = 0; i < 2_000; i++) insert.run("x".repeat(1_000))
    db.exec("COMMIT")
    const before = statSync(file).size
    assert.isBelow(before, 100_000, "the rows are in the WAL only")

    const thread = startCheckpointThread(file)
    thread.checkpoint()
    await thread.close()

    assert.isAbove(statSync(file).size, 2_000_000, "the thread copied the WAL into the file")
    assert.strictEqual((db.prepare("SELECT count(*) AS n FROM t").get() as { n: number }).n, 2_000)
    db.close()
  })

  it("closes at once when it was never asked for a checkpoint", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "replica-checkpoint-"))
    dirs.push(dir)
    const thread = startCheckpointThread(path.join(dir, "none.sqlite"))
    await thread.close()
    await thread.close()
  })
})
