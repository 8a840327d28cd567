import {
  insecureBaseUrl,
  IntercomClient,
  type IntercomClientServices,
  isRegion,
  type Region,
  regionBaseUrl,
  regions
} from "@intercom-explorer/core"
import { Config, Console, Effect, type FileSystem, Layer, Option, type Path } from "effect"
import { Flag, GlobalFlag } from "effect/cli"
import { type CommandFailure, UsageFailure } from "./Failures.js"
import { resolveToken, type Token, tokenFlagWarning } from "./TokenSource.js"

/*
 * The flags every command accepts, anywhere on the line (`--token-file` before or after the
 * subcommand). They are global settings, read by the handlers that talk to Intercom.
 */

/** `--token`: the access token, kept `Redacted` from the moment it is parsed. Works, with a warning. */
export const TokenFlag = GlobalFlag.Setting("token")({
  flag: Flag.Redacted("token").pipe(
    Flag.optional,
    Flag.withMetavar("TOKEN"),
    Flag.withDescription(
      "Intercom access token. Works, but shells and process lists keep it: prefer $INTERCOM_TOKEN, " +
        "--token-file or the prompt. Never printed. For `simulator`: the token it accepts"
    )
  )
})

/** `--token-file`: a file holding the access token (one line). */
export const TokenFileFlag = GlobalFlag.Setting("token-file")({
  flag: Flag.String("token-file").pipe(
    Flag.optional,
    Flag.withMetavar("FILE"),
    Flag.withDescription("Read the access token from FILE (its first and only line)")
  )
})

/** `--region`: which Intercom server hosts the workspace. */
export const RegionFlag = GlobalFlag.Setting("region")({
  flag: Flag.Literals("region", regions).pipe(
    Flag.withMetavar("us|eu|au"),
    Flag.optional,
    Flag.withDescription("The workspace's region: us (default), eu or au (default: $INTERCOM_REGION)")
  )
})

/** `--base-url`: an explicit API root, e.g. a local simulator. Wins over `--region`. */
export const BaseUrlFlag = GlobalFlag.Setting("base-url")({
  flag: Flag.String("base-url").pipe(
    Flag.optional,
    Flag.withMetavar("URL"),
    Flag.withDescription(
      "API root, e.g. http://127.0.0.1:4010 for a simulator (default: $INTERCOM_BASE_URL). http:// is refused " +
        "unless it is this machine (127.0.0.1, localhost, [::1]) or --allow-insecure-http is given"
    )
  )
})

/** `--allow-insecure-http`: send the token unencrypted to an http:// base URL on another machine. */
export const AllowInsecureHttpFlag = GlobalFlag.Setting("allow-insecure-http")({
  flag: Flag.Boolean("allow-insecure-http").pipe(
    Flag.withDefault(false),
    Flag.withDescription(
      "Allow an http:// --base-url on another machine: the token then crosses the network in clear text " +
        "(default: $INTERCOM_ALLOW_INSECURE_HTTP=1)"
    )
  )
})

export const globalFlags = [TokenFlag, TokenFileFlag, RegionFlag, BaseUrlFlag, AllowInsecureHttpFlag] as const

export type GlobalSettings =
  | GlobalFlag.Setting.Identifier<"token">
  | GlobalFlag.Setting.Identifier<"token-file">
  | GlobalFlag.Setting.Identifier<"region">
  | GlobalFlag.Setting.Identifier<"base-url">
  | GlobalFlag.Setting.Identifier<"allow-insecure-http">

/** An environment variable, with empty counting as unset. */
const env = (name: string) =>
  Config.option(Config.String(name)).pipe(
    Effect.map(Option.filter((value) => value.trim() !== ""))
  )

/** An environment switch: 1, true or yes (any case) is on. */
const envSwitch = (name: string) =>
  Effect.map(env(name), Option.exists((value) => /^(1|true|yes)$/i.test(value.trim())))

/** How the refusal of an http:// base URL names the opt-in. */
const insecureOptIn = "--allow-insecure-http (or INTERCOM_ALLOW_INSECURE_HTTP=1)"

let target: string | undefined

/** The API root the last client was built for, for error messages ("cannot reach ..."). */
export const connectionTarget = (): string | undefined => target

export interface Endpoint {
  readonly region: Region | undefined
  readonly baseUrl: string | undefined
  /** The API root requests go to: the base URL, else the region's server. */
  readonly apiRoot: string
}

/**
 * The workspace's server from --base-url / --region, falling back to INTERCOM_BASE_URL /
 * INTERCOM_REGION. Needs no token: `companies query` names its replica file with it.
 */
export const endpointSettings: Effect.Effect<Endpoint, UsageFailure, GlobalSettings> = Effect.gen(function*() {
  const regionFlag = yield* RegionFlag
  const baseUrlFlag = yield* BaseUrlFlag

  const regionText = Option.isSome(regionFlag) ? regionFlag.value : Option.getOrUndefined(yield* env("INTERCOM_REGION"))
  if (regionText !== undefined && !isRegion(regionText)) {
    return yield* new UsageFailure({ message: `INTERCOM_REGION must be us, eu or au (got "${regionText}")` })
  }

  const baseUrl = Option.isSome(baseUrlFlag) ? baseUrlFlag.value : Option.getOrUndefined(yield* env("INTERCOM_BASE_URL"))
  if (baseUrl !== undefined && !/^https?:\/\/[^\s/]+/i.test(baseUrl)) {
    return yield* new UsageFailure({ message: `the base URL (--base-url or INTERCOM_BASE_URL) must be an http(s) URL, got "${baseUrl}"` })
  }
  // A trailing slash names the same server: one replica file for both spellings.
  const apiRoot = (baseUrl ?? regionBaseUrl[regionText ?? "us"]).replace(/\/+$/, "")
  return { region: regionText, baseUrl, apiRoot } satisfies Endpoint
}).pipe(
  Effect.catchTag("ConfigError", (error) => Effect.fail(new UsageFailure({ message: error.message })))
)

export interface ConnectionSettings extends Endpoint {
  readonly token: Token
  readonly allowInsecureHttp: boolean
}

/**
 * The endpoint (above), INTERCOM_ALLOW_INSECURE_HTTP, and the token from its sources (TokenSource).
 * The base URL is checked before the token is asked for.
 */
export const connectionSettings: Effect.Effect<
  ConnectionSettings,
  UsageFailure | CommandFailure,
  GlobalSettings | FileSystem.FileSystem | Path.Path
> = Effect.gen(function*() {
  const endpoint = yield* endpointSettings
  const allowInsecureHttp = (yield* AllowInsecureHttpFlag) || (yield* envSwitch("INTERCOM_ALLOW_INSECURE_HTTP"))
  const insecure = endpoint.baseUrl === undefined ? undefined : insecureBaseUrl(endpoint.baseUrl, insecureOptIn)
  if (insecure !== undefined && !allowInsecureHttp) return yield* new UsageFailure({ message: insecure.detail })

  const token = yield* resolveToken({
    flag: yield* TokenFlag,
    file: yield* TokenFileFlag,
    env: yield* env("INTERCOM_TOKEN"),
    interactive: process.stdin.isTTY === true
  })
  if (token.source === "--token") yield* Console.error(tokenFlagWarning)
  if (insecure !== undefined) {
    yield* Console.error(`warning: the access token goes unencrypted to ${insecure.origin} (--allow-insecure-http)`)
  }

  target = endpoint.baseUrl ?? endpoint.apiRoot
  return { ...endpoint, token, allowInsecureHttp } satisfies ConnectionSettings
}).pipe(
  Effect.catchTag("ConfigError", (error) => Effect.fail(new UsageFailure({ message: error.message })))
)

/** The core services for the workspace the global flags point at. */
export const intercomLayer: Layer.Layer<
  IntercomClientServices,
  UsageFailure | CommandFailure,
  GlobalSettings | FileSystem.FileSystem | Path.Path
> = Layer.unwrap(
  Effect.map(connectionSettings, (settings) =>
    IntercomClient.layer({
      token: settings.token.value,
      region: settings.region,
      baseUrl: settings.baseUrl,
      allowInsecureHttp: settings.allowInsecureHttp
    }))
)
