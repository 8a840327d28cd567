import { chmodSync, closeSync, existsSync, mkdirSync, openSync, renameSync } from "node:fs"
import path from "node:path"
import type { DatabaseSync } from "node:sqlite"

// A SQLite database this repo keeps on disk (the replica, the plans journal): owner-only from the
// first byte, a damaged one moved aside rather than deleted (so nothing a user might want back is
// lost), and its write transactions.

/** Whether SQLite says the file is damaged or not a database: SQLITE_CORRUPT (11), SQLITE_NOTADB (26), and their extended codes. */
export const isCorruption = (cause: unknown): boolean => {
  const code = (cause as { errcode?: unknown } | null)?.errcode
  return typeof code === "number" && ((code & 0xff) === 11 || (code & 0xff) === 26)
}

const stamp = (date: Date) => date.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z")

/** Renames a damaged database (and its WAL files) to `FILE.corrupt-<time>`; returns the new name. */
export const moveAside = (file: string): string => {
  const target = `${file}.corrupt-${stamp(new Date())}`
  renameSync(file, target)
  for (const suffix of ["-wal", "-shm"]) {
    if (existsSync(file + suffix)) renameSync(file + suffix, target + suffix)
  }
  return target
}

/** Creates the folder (0700 for what is created) and an empty 0600 file before SQLite opens it. */
export const prepareOwnerOnlyFile = (file: string): void => {
  const created = mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 })
  if (created !== undefined) chmodSync(created, 0o700)
  if (!existsSync(file)) closeSync(openSync(file, "a", 0o600))
  chmodSync(file, 0o600)
}

/** Whether a process of this machine is running (a lock's holder): EPERM means it is, as another user's. */
export const isProcessAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"
  }
}

/** Runs `f` in one write transaction (BEGIN IMMEDIATE), rolling back when it throws. */
export const transaction = <A>(db: DatabaseSync, f: () => A): A => {
  db.exec("BEGIN IMMEDIATE")
  try {
    const result = f()
    db.exec("COMMIT")
    return result
  } catch (error) {
    if (db.isTransaction) db.exec("ROLLBACK")
    throw error
  }
}
