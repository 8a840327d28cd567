import type { Simulator } from "@intercom-explorer/simulator"
import { Effect } from "effect"
import { type ApplyOptions, applyPlan } from "../../src/apply/ApplyPlan.ts"
import { Journal } from "../../src/journal/Journal.ts"
import type { Plan } from "../../src/PlanFile.ts"

// Running applies against a journal file, and reading what reached the server.

/** `effect` with a journal at `file`. */
export const withJournal = (file: string) => <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.provide(effect, Journal.layer({ file }))

/** applyPlan with a journal at `file`. */
export const applyWith = (file: string, plan: Plan, options?: ApplyOptions) => withJournal(file)(applyPlan(plan, options))

/**
 * The writes (method, path, body) the server got after `from` (an index into `view.writes`);
 * POST /companies/list is a read and left out.
 */
export const writesSince = (sim: Simulator, from: number): Array<Simulator["state"]["writes"][number]> =>
  sim.state.writes.slice(from).filter((w) => w.path !== "/companies/list")

/** Writes that touch company `id`: its PUT/DELETE and the tag writes naming it. */
export const writesOf = (sim: Simulator, id: string, from = 0): Array<Simulator["state"]["writes"][number]> =>
  writesSince(sim, from).filter((w) => w.path === `/companies/${id}` || (w.path === "/tags" && (w.body ?? "").includes(`"${id}"`)))

/** (path, body) pairs the server took (2xx) more than once since `from`. */
export const doubledWrites = (sim: Simulator, from = 0): Array<string> => {
  const seen = new Map<string, number>()
  for (const w of writesSince(sim, from)) {
    if (w.status >= 300) continue
    const key = `${w.method} ${w.path} ${w.body ?? ""}`
    seen.set(key, (seen.get(key) ?? 0) + 1)
  }
  return [...seen].filter(([, n]) => n > 1).map(([key, n]) => `${n}x ${key}`)
}

/** A PUT /companies/{id} by "another integration" (plain fetch with the token), answering the status. */
export const editOnServer = (sim: Simulator, id: string, body: Record<string, unknown>) =>
  Effect.promise(async () => {
    const response = await fetch(`${sim.url}/companies/${id}`, {
      method: "PUT",
      headers: { Authorization: `Bearer ${sim.token}`, "Content-Type": "application/json", "Intercom-Version": "2.11" },
      body: JSON.stringify(body)
    })
    await response.text()
    return response.status
  })

/** The journal's applies at `file`, newest first. */
export const appliesIn = (file: string) =>
  withJournal(file)(Effect.gen(function*() {
    const journal = yield* Journal
    return yield* journal.applies()
  }))

/** Every API request the server answered (allowed or 429). */
export const requestCount = (sim: Simulator) => sim.state.rateLimit.allowed + sim.state.rateLimit.limited
