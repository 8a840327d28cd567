import { IntercomError } from "@intercom-explorer/http"
import { type Simulator, type SimulatorOptions, startSimulator } from "@intercom-explorer/simulator"
import { assert } from "@effect/vitest"
import {
  CreateDataAttributeRequest,
  CreateNoteRequest,
  CreateOrUpdateCompanyRequest,
  UpdateCompanyRequest,
  UpdateDataAttributeRequest,
  validateRequest
} from "@intercom-explorer/models"
import { Context, Effect, Layer, Result, type Schema } from "effect"
import { IntercomClient, type IntercomClientServices } from "../../src/IntercomClient.js"

/** Deliberately token-looking, so a leak would be easy to grep for. */
export const TOKEN = "dG9rOmNvcmUtdGVzdHMtNWYxYy05OWE3"

/** A running simulator, started for one test file and closed with its layer. */
export class Sim extends Context.Service<Sim, Simulator>()("test/Sim") {
  static readonly layer = (options: SimulatorOptions = {}) =>
    Layer.effect(
      Sim,
      Effect.acquireRelease(
        Effect.promise(() =>
          startSimulator({
            host: "127.0.0.1",
            token: TOKEN,
            seed: 7,
            companies: 40,
            // Generous, so pacing never slows the functional tests down.
            rateLimit: 10_000,
            ...options
          })
        ),
        (sim) => Effect.promise(() => sim.close())
      )
    )
}

/** The whole client wired against a fresh simulator over real HTTP on 127.0.0.1. */
export const clientLayer = (options: SimulatorOptions = {}): Layer.Layer<IntercomClientServices | Sim> =>
  Layer.unwrap(Effect.map(Sim, (sim) => IntercomClient.layer({ token: TOKEN, baseUrl: sim.url }))).pipe(
    Layer.provideMerge(Sim.layer(options))
  )

/** Runs `effect`, expecting an `IntercomError`, and returns it. */
export const failure = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<IntercomError, never, R> =>
  Effect.flip(effect).pipe(
    Effect.map((error) => {
      assert.instanceOf(error, IntercomError)
      return error as IntercomError
    }),
    Effect.orDie
  )

/** Companies the simulator serves through POST /companies/list (only those with users). */
export const companiesWithUsers = (sim: Simulator): Array<string> =>
  sim.state.companies.ids().filter((id) => (sim.state.companies.get(id)?.user_count ?? 0) > 0)

/** A body validated as the facade or the extension validates one, for the services that take only that. */
const valid = <S extends Schema.Codec<unknown, unknown>>(schema: S) => (input: S["Encoded"]): S["Type"] => {
  const result = validateRequest(schema)(input)
  if (Result.isFailure(result)) throw new Error(`test body is invalid: ${result.failure.message}`)
  return result.success
}
export const upsertBody = valid(CreateOrUpdateCompanyRequest)
export const updateBody = valid(UpdateCompanyRequest)
export const noteBody = valid(CreateNoteRequest)
export const createAttributeBody = valid(CreateDataAttributeRequest)
export const updateAttributeBody = valid(UpdateDataAttributeRequest)
