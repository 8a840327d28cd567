import { spawn } from "node:child_process"
import { writeFileSync } from "node:fs"
import path from "node:path"
import { Effect } from "effect"
import type { ApplySummary } from "../../src/apply/ApplyPlan.ts"
import type { Plan } from "../../src/PlanFile.ts"
import { TOKEN } from "./Simulator.ts"

const packageDir = path.resolve(import.meta.dirname, "../..")

export type ChildResult =
  | { readonly _tag: "Killed"; readonly progress: number }
  | { readonly _tag: "Done"; readonly summary: ApplySummary }

/**
 * Runs test/support/apply-child.ts (an apply or an undo of `plan`) in a child process. With
 * `killAt`, SIGKILLs it as soon as it reports that many operations done (it has moved on a little
 * by then, so the kill lands wherever it happens to be: mid-request, between the journal's two
 * records, or between operations).
 */
export const runChild = (mode: "apply" | "undo", plan: Plan, journal: string, url: string, killAt?: number) =>
  Effect.promise(() =>
    new Promise<ChildResult>((resolve, reject) => {
      const planFile = path.join(path.dirname(journal), `${plan.id}.plan.json`)
      writeFileSync(planFile, JSON.stringify(plan))
      const child = spawn(
        process.execPath,
        ["--conditions=@intercom-explorer/source", "--import", "../../scripts/ts-child/register-ts.mjs", "test/support/apply-child.ts", mode, planFile, journal, url],
        { cwd: packageDir, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, APPLY_CHILD_TOKEN: TOKEN } }
      )
      let out = ""
      let err = ""
      let progress = 0
      child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()))
      child.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString()
        for (const match of out.matchAll(/progress (\d+)/g)) progress = Math.max(progress, Number(match[1]))
        if (killAt !== undefined && progress >= killAt) child.kill("SIGKILL")
      })
      child.on("exit", (code, signal) => {
        if (signal === "SIGKILL") return resolve({ _tag: "Killed", progress })
        const done = /done (.*)\n/.exec(out)
        if (code === 0 && done !== null) return resolve({ _tag: "Done", summary: JSON.parse(done[1]!) as ApplySummary })
        reject(new Error(`apply child exited ${code}: ${out.slice(-2000)}${err.slice(-4000)}`))
      })
    })
  )

/** A small seeded generator (mulberry32), so a failing crash run replays with its seed. */
export const seeded = (seed: number) => {
  let state = seed >>> 0
  return (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
