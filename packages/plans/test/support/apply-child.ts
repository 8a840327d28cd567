// An apply (or undo) in a child process, for the SIGKILL tests: prints "progress N" after each
// operation and "done <summary JSON>" at the end. The token comes in the environment, never on the
// command line. Usage: apply-child.ts apply|undo PLAN.json JOURNAL.sqlite BASE_URL
import { readFileSync } from "node:fs"
import { IntercomClient } from "@intercom-explorer/core"
import { Effect, Layer } from "effect"
import { applyPlan } from "../../src/apply/ApplyPlan.ts"
import { Journal } from "../../src/journal/Journal.ts"
import type { Plan } from "../../src/PlanFile.ts"
import { undoPlanOf } from "../../src/undo/UndoPlan.ts"

const [mode, planFile, journalFile, baseUrl] = process.argv.slice(2) as [string, string, string, string]
const token = process.env.APPLY_CHILD_TOKEN ?? ""
const plan = JSON.parse(readFileSync(planFile, "utf8")) as Plan
const onProgress = (p: { readonly done: number }) => process.stdout.write(`progress ${p.done}\n`)
const program = mode === "undo"
  ? Effect.flatMap(undoPlanOf(plan), (undo) => applyPlan(undo, { onProgress }))
  : applyPlan(plan, { onProgress })
const summary = await Effect.runPromise(
  program.pipe(Effect.provide(Layer.merge(Journal.layer({ file: journalFile }), IntercomClient.layer({ token, baseUrl }))))
)
process.stdout.write(`done ${JSON.stringify(summary)}\n`)
