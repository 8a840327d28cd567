import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { IntercomClient, type IntercomClientServices } from "@intercom-explorer/core"
import { Replica, syncReplica } from "@intercom-explorer/replica"
import { defineCompanyAttributes, type Simulator, type SimulatorOptions, startSimulator } from "@intercom-explorer/simulator"
import { Context, Effect, Layer, Schedule } from "effect"

/** Deliberately token-looking, so a leak would be easy to grep for. */
export const TOKEN = "dG9rOnBsYW5zLXRlc3RzLTRmMmI"

/** Company custom attributes a test writes, by name, with their data type. */
export type CompanyAttributes = Parameters<typeof defineCompanyAttributes>[1]

export class Sim extends Context.Service<Sim, Simulator>()("test/Sim") {
  /** `attributes` are defined over HTTP once it runs: like Intercom, it drops writes to undefined ones. */
  static readonly layer = (options: SimulatorOptions = {}, attributes: CompanyAttributes = {}) =>
    Layer.effect(
      Sim,
      Effect.acquireRelease(
        Effect.promise(() =>
          startSimulator({ host: "127.0.0.1", token: TOKEN, seed: 12, companies: 200, rateLimit: 100_000, ...options })
        ),
        (sim) => Effect.promise(() => sim.close())
      ).pipe(Effect.tap((sim) => Effect.promise(() => defineCompanyAttributes(sim, attributes))))
    )
}

/** The core client against a fresh simulator over real HTTP, `attributes` defined. */
export const clientLayer = (
  options: SimulatorOptions = {},
  attributes: CompanyAttributes = {}
): Layer.Layer<IntercomClientServices | Sim> =>
  Layer.unwrap(Effect.map(Sim, (sim) => IntercomClient.layer({ token: TOKEN, baseUrl: sim.url }))).pipe(
    Layer.provideMerge(Sim.layer(options, attributes))
  )

/** A fresh temporary folder, removed with the scope. */
export const tempDir = Effect.acquireRelease(
  Effect.sync(() => mkdtempSync(path.join(tmpdir(), "plans-test-"))),
  (dir) => Effect.sync(() => rmSync(dir, { recursive: true, force: true }))
)

/** Syncs a fresh replica at `file` from the client in context (short busy waits). */
export const syncInto = (file: string) =>
  syncReplica({
    scroll: { prefetchPages: 2, busyRetry: Schedule.spaced("200 millis").pipe(Schedule.upTo({ duration: "20 seconds" })) }
  }).pipe(Effect.provide(Replica.layer({ file, create: true })))
