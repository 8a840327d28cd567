// The Effect side of ClientSession, loaded when the first client connects (through `lazy`, not at
// activation): the runtime of IntercomClient.layer, the outcome of an effect run on it (the
// session's runner reads it), and the silent token check.
import { Companies, IntercomClient, type IntercomClientServices } from "@intercom-explorer/core"
import * as Cause from "effect/Cause"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as ManagedRuntime from "effect/ManagedRuntime"

export type ClientRuntime = ManagedRuntime.ManagedRuntime<IntercomClientServices, never>

export interface ClientRuntimeOptions {
  readonly token: string
  readonly baseUrl: string
  readonly allowInsecureHttp: boolean
  readonly timeoutSeconds: number
}

/** One ManagedRuntime of `IntercomClient.layer`; nothing is built or sent before the first run. */
export const makeClientRuntime = (options: ClientRuntimeOptions): ClientRuntime =>
  ManagedRuntime.make(
    IntercomClient.layer({
      token: options.token,
      baseUrl: options.baseUrl,
      allowInsecureHttp: options.allowInsecureHttp,
      timeout: Duration.seconds(options.timeoutSeconds)
    })
  )

/** How a run on the client ended: its value, an interruption only, or the (squashed) failure. */
export type Outcome<A> =
  | { readonly _tag: "ok"; readonly value: A }
  | { readonly _tag: "interrupted"; readonly error: unknown }
  | { readonly _tag: "failed"; readonly error: unknown; readonly pretty: () => string }

export const outcomeOf = <A, E>(exit: Exit.Exit<A, E>): Outcome<A> => {
  if (Exit.isSuccess(exit)) return { _tag: "ok", value: exit.value }
  if (Cause.hasInterruptsOnly(exit.cause)) return { _tag: "interrupted", error: Cause.squash(exit.cause) }
  return { _tag: "failed", error: Cause.squash(exit.cause), pretty: () => Cause.pretty(exit.cause) }
}

/** A cheap request (one company) that validates the token; its value is the workspace's app id. */
export const tokenCheck = Companies.use((c) => c.listPage(1, 1)).pipe(
  Effect.map((page) => page.companies[0]?.app_id)
)
