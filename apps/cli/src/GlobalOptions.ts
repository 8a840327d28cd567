import { IntercomClient, type IntercomClientServices } from "@intercom-explorer/core"
import { Config, Effect, Layer, Option, Redacted } from "effect"
import { Flag, GlobalFlag } from "effect/cli"
import { UsageFailure } from "./Failures.js"

/*
 * The flags every command accepts, anywhere on the line (`--token` before or after the
 * subcommand). They are global settings, read by the handlers that talk to Intercom.
 */

/** `--token`: the access token, kept `Redacted` from the moment it is parsed. */
export const TokenFlag = GlobalFlag.Setting("token")({
  flag: Flag.Redacted("token").pipe(
    Flag.optional,
    Flag.withMetavar("TOKEN"),
    Flag.withDescription(
      "Intercom access token (default: $INTERCOM_TOKEN). Never printed. For `simulator`: the token it accepts"
    )
  )
})

/** `--region`: which Intercom server hosts the workspace. */
export const RegionFlag = GlobalFlag.Setting("region")({
  flag: Flag.Literals("region", ["us", "eu", "au"]).pipe(
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
    Flag.withDescription("API root, e.g. http://127.0.0.1:4010 for a simulator (default: $INTERCOM_BASE_URL)")
  )
})

export const globalFlags = [TokenFlag, RegionFlag, BaseUrlFlag] as const

export type GlobalSettings =
  | GlobalFlag.Setting.Identifier<"token">
  | GlobalFlag.Setting.Identifier<"region">
  | GlobalFlag.Setting.Identifier<"base-url">

type Region = "us" | "eu" | "au"

const isRegion = (value: string): value is Region => value === "us" || value === "eu" || value === "au"

/** An environment variable, with empty counting as unset. */
const env = (name: string) =>
  Config.option(Config.String(name)).pipe(
    Effect.map(Option.filter((value) => value.trim() !== ""))
  )

const regionHost: Record<Region, string> = {
  us: "https://api.intercom.io",
  eu: "https://api.eu.intercom.io",
  au: "https://api.au.intercom.io"
}

let target: string | undefined

/** The API root the last client was built for, for error messages ("cannot reach ..."). */
export const connectionTarget = (): string | undefined => target

export interface ConnectionSettings {
  readonly token: Redacted.Redacted<string>
  readonly region: Region | undefined
  readonly baseUrl: string | undefined
}

/** The flags, falling back to INTERCOM_TOKEN / INTERCOM_REGION / INTERCOM_BASE_URL. */
export const connectionSettings = Effect.gen(function*() {
  const tokenFlag = yield* TokenFlag
  const regionFlag = yield* RegionFlag
  const baseUrlFlag = yield* BaseUrlFlag

  const token = Option.isSome(tokenFlag) && Redacted.value(tokenFlag.value) !== ""
    ? tokenFlag.value
    : Option.getOrUndefined(
      Option.map(yield* env("INTERCOM_TOKEN"), (value) => Redacted.make(value, { label: "IntercomToken" }))
    )
  if (token === undefined) {
    return yield* new UsageFailure({ message: "no access token: pass --token TOKEN or set INTERCOM_TOKEN" })
  }

  const regionText = Option.isSome(regionFlag) ? regionFlag.value : Option.getOrUndefined(yield* env("INTERCOM_REGION"))
  if (regionText !== undefined && !isRegion(regionText)) {
    return yield* new UsageFailure({ message: `INTERCOM_REGION must be us, eu or au (got "${regionText}")` })
  }

  const baseUrl = Option.isSome(baseUrlFlag) ? baseUrlFlag.value : Option.getOrUndefined(yield* env("INTERCOM_BASE_URL"))
  if (baseUrl !== undefined && !/^https?:\/\/[^\s/]+/i.test(baseUrl)) {
    return yield* new UsageFailure({ message: `the base URL (--base-url or INTERCOM_BASE_URL) must be an http(s) URL, got "${baseUrl}"` })
  }

  target = baseUrl ?? regionHost[regionText ?? "us"]
  return { token, region: regionText, baseUrl } satisfies ConnectionSettings
}).pipe(Effect.mapError((error) => error._tag === "UsageFailure" ? error : new UsageFailure({ message: error.message })))

/** The core services for the workspace the global flags point at. */
export const intercomLayer: Layer.Layer<IntercomClientServices, UsageFailure, GlobalSettings> = Layer.unwrap(
  Effect.map(connectionSettings, (settings) =>
    IntercomClient.layer({ token: settings.token, region: settings.region, baseUrl: settings.baseUrl }))
)
