// A bulk change from a CSV, reviewed, applied resumably and undone: the whole flow in Effect.
// Run against the simulator: `pnpm simulator` in one terminal, then (after `companies sync --db my.sqlite`)
//   node --experimental-strip-types examples/bulk-change.ts
import { IntercomClient } from "@intercom-explorer/core"
import { applyPlan, Journal, journalFileFor, planFromFile, readPlanFile, undoPlanOf, writePlanFile } from "@intercom-explorer/plans"
import { Replica, withWriteThrough } from "@intercom-explorer/replica"
import { Console, Effect, Layer } from "effect"

const replicaFile = "my.sqlite"
const client = IntercomClient.layer({ token: process.env.INTERCOM_TOKEN ?? "sim-token", baseUrl: "http://127.0.0.1:4010", allowInsecureHttp: true })
// Write-through: every successful write also updates the replica, so queries see it at once.
const services = Layer.mergeAll(
  withWriteThrough(client).pipe(Layer.provideMerge(Replica.layer({ file: replicaFile }))),
  Journal.layer({ file: journalFileFor(replicaFile) })
)

const program = Effect.gen(function*() {
  // 1. Plan: diff each row against the replica; invalid rows are listed with their reasons.
  const plan = yield* planFromFile({ file: "changes.csv", match: "company_id" })
  yield* Console.log(plan.summary, plan.invalid)
  yield* writePlanFile("plan.json", plan)

  // 2. Apply (after review): run it again after a crash and it resumes; after it finished, it does nothing.
  const summary = yield* applyPlan(yield* readPlanFile("plan.json"), {
    onProgress: (p) => console.error(`${p.done}/${p.total}, ${p.requestsPerSecond.toFixed(1)} requests/s`)
  })
  yield* Console.log(`${summary.applied} applied, ${summary.conflicts} conflicts, ${summary.failed} failed`)

  // 3. Undo: the inverse plan from the journal's before-images, itself a plan to review and apply.
  const undo = yield* undoPlanOf(plan)
  yield* applyPlan(undo)
})

Effect.runPromise(Effect.provide(program, services)).catch((error) => {
  console.error(String(error))
  process.exitCode = 1
})
