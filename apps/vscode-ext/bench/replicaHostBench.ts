// Runs inside the VS Code extension host (extensionTestsPath), for bench/replica.mjs: the extension
// on a replica of N companies (default 100,000) synced from a simulator in a child process of the
// bench (so that the host's memory is the extension's). Reports (never asserts): the sync; the
// extension host's memory before and after (heap and RSS, after full collections); the time from
// connecting to the first rows of an existing replica (what a window opened on a synced workspace
// waits for: open, count, first page; the file the connection had is remembered and GET /me
// confirms it meanwhile), beside the time to the first rows of Intercom's list; the view's reads
// (first page, Load more, a filter, group by tag).
import * as fs from "node:fs"
import * as path from "node:path"
import { performance } from "node:perf_hooks"
import * as v8 from "node:v8"
import * as vm from "node:vm"
import * as vscode from "vscode"
import { EXTENSION_ID } from "../src/contributions"
import type { TestApi } from "../src/extension"

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024)
// The extension host runs without --expose-gc; a full collection before each reading makes the
// figures what is held, not what is garbage not yet collected.
v8.setFlagsFromString("--expose-gc")
const gc = vm.runInNewContext("gc") as () => void
const memory = () => {
  gc()
  gc()
  const m = process.memoryUsage()
  return { heapMB: mb(m.heapUsed), rssMB: mb(m.rss) }
}
const until = async (condition: () => boolean, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out")
    await sleep(5)
  }
}
/** The reads of the view run on the replica's worker thread: timed until their answers are in and shown. */
const timedRead = async <A>(tree: TestApi["trees"]["companies"], f: () => A): Promise<[A, number]> => {
  const t = performance.now()
  let a = f()
  while (tree.lists.busy) {
    await tree.lists.settled()
    a = f()
  }
  return [a, performance.now() - t]
}

export async function run(): Promise<void> {
  const out = process.env["INTERCOM_BENCH_OUT"]
  if (!out) throw new Error("INTERCOM_BENCH_OUT is not set")
  const companies = Number(process.env["INTERCOM_BENCH_COMPANIES"] ?? 100_000)
  const api = (await vscode.extensions.getExtension<TestApi>(EXTENSION_ID)!.activate())!
  const config = vscode.workspace.getConfiguration("intercom")
  await config.update("replica.autoSync", false, vscode.ConfigurationTarget.Global)
  await config.update("companies.queries", [], vscode.ConfigurationTarget.Global)

  const url = process.env["INTERCOM_BENCH_URL"]!
  const token = process.env["INTERCOM_BENCH_TOKEN"]!
  const tree = api.trees.companies
  try {
    await sleep(500)
    const baseline = memory()
    // Before any replica: connect -> the first rows of Intercom's list (POST /companies/list),
    // warm (the engine loaded by a first connection), as the replica's figure below is.
    await api.session.useToken(token, url)
    tree.getChildren()
    await until(() => tree.model.phase === "ready" && tree.getChildren().some((n) => n.kind === "company"), 30_000)
    await api.session.signOut()
    await sleep(200)
    const listed = performance.now()
    await api.session.useToken(token, url)
    tree.getChildren()
    await until(() => tree.model.phase === "ready" && tree.getChildren().some((n) => n.kind === "company"), 30_000)
    const connectToFirstListedRowsMs = performance.now() - listed
    await until(() => api.replica.model.file !== undefined, 30_000)
    const syncStarted = performance.now()
    const result = await api.replica.sync("command")
    const syncMs = performance.now() - syncStarted
    if (result._tag !== "done") throw new Error(`sync ${result._tag}`)
    const [first, firstPageMs] = await timedRead(tree, () => tree.getChildren())
    const afterSync = memory()

    // Load more, ten times: the view holds only the pages shown.
    const loadMoreMs: Array<number> = []
    for (let i = 0; i < 10; i++) {
      const more = tree.getChildren().at(-1)!
      tree.loadMoreInList(more as never)
      loadMoreMs.push((await timedRead(tree, () => tree.getChildren()))[1])
    }
    const shownRows = tree.lists.rows.size
    tree.setFilter("plan:Pro spend>1000")
    const [, filterMs] = await timedRead(tree, () => tree.getChildren())
    const filterDescription = tree.view.description
    tree.setFilter("")
    tree.lists.groupBy = "tag"
    tree.lists.resetPaging()
    const [, groupByTagMs] = await timedRead(tree, () => tree.getChildren())
    tree.lists.groupBy = "none"
    tree.lists.resetPaging()
    const afterBrowsing = memory()

    // A window opened on a synced workspace: connect, then the first rows from the replica.
    await api.session.signOut()
    await sleep(200)
    const opened = performance.now()
    await api.session.useToken(token, url)
    tree.getChildren()
    await until(() => tree.onReplica && tree.getChildren().some((n) => n.kind === "company"), 30_000)
    const connectToFirstRowsMs = performance.now() - opened
    await sleep(500)
    tree.getChildren()
    const reopened = memory()

    fs.writeFileSync(out, JSON.stringify({
      companies,
      syncMs,
      syncedCompanies: result.companies,
      firstRows: first.filter((n) => n.kind === "company").length,
      firstPageMs,
      loadMoreMs,
      shownRows,
      filterMs,
      filterDescription,
      groupByTagMs,
      connectToFirstRowsMs,
      connectToFirstListedRowsMs,
      memory: { baseline, afterSync, afterBrowsing, reopened },
      fileMB: mb(fs.statSync(api.replica.model.file!).size),
      fileDir: path.basename(path.dirname(api.replica.model.file!))
    }))
  } finally {
    await api.session.signOut()
  }
}
