import { Context, Duration, Layer, Redacted } from "effect"
import { insecureBaseUrl } from "./BaseUrl.js"
import type { InsecureBaseUrl } from "./IntercomError.js"
import { type Region, regionBaseUrl } from "./connection/Region.js"

/** What a caller gives to reach one Intercom workspace. */
export interface IntercomConfigOptions {
  /** The access token; pass a `Redacted` so it never prints. A plain string is wrapped at once. */
  readonly token: Redacted.Redacted<string> | string
  /** The workspace's region (default `us`); ignored when `baseUrl` is given. */
  readonly region?: Region | undefined
  /** An explicit API root, e.g. a local simulator `http://127.0.0.1:4010`. */
  readonly baseUrl?: string | undefined
  /**
   * Send the token over `http://` to another machine, in clear text. Off by default: such a base URL
   * fails every request with `InsecureBaseUrl` before anything is sent. `http://` to 127.0.0.1,
   * localhost or [::1] needs no opt-in.
   */
  readonly allowInsecureHttp?: boolean | undefined
  /** Sent as `Intercom-Version` on every request (default `2.11`). */
  readonly version?: string | undefined
  /** Whole-request timeout, headers and body (default 30 seconds). */
  readonly timeout?: Duration.Input | undefined
}

export interface IntercomConfigShape {
  readonly token: Redacted.Redacted<string>
  readonly baseUrl: string
  readonly allowInsecureHttp: boolean
  readonly version: string
  readonly timeout: Duration.Duration
}

/**
 * Tokens never contain whitespace; a pasted or `$(cat token.txt)` one often ends in a newline, which
 * no HTTP client can send in a header. Trimmed here, once.
 */
const tokenOf = (token: Redacted.Redacted<string> | string): Redacted.Redacted<string> => {
  const value = typeof token === "string" ? token : Redacted.value(token)
  const trimmed = value.trim()
  return typeof token !== "string" && trimmed === value ? token : Redacted.make(trimmed, { label: "IntercomToken" })
}

/**
 * The refusal of a configuration's base URL: `http://` to another machine without the
 * `allowInsecureHttp` opt-in (see `insecureBaseUrl`). The HTTP layer and the Promise facade ask the same.
 */
export const refusedBaseUrl = (
  options: Pick<IntercomConfigOptions, "baseUrl" | "allowInsecureHttp">
): InsecureBaseUrl | undefined =>
  options.allowInsecureHttp === true || options.baseUrl === undefined ? undefined : insecureBaseUrl(options.baseUrl)

export const defaultVersion = "2.11"
export const defaultTimeout = Duration.seconds(30)

export class IntercomConfig extends Context.Service<IntercomConfig, IntercomConfigShape>()(
  "@intercom-explorer/http/IntercomConfig"
) {
  static readonly make = (options: IntercomConfigOptions): IntercomConfigShape => ({
    token: tokenOf(options.token),
    baseUrl: (options.baseUrl ?? regionBaseUrl[options.region ?? "us"]).replace(/\/+$/, ""),
    allowInsecureHttp: options.allowInsecureHttp === true,
    version: options.version ?? defaultVersion,
    timeout: options.timeout === undefined ? defaultTimeout : Duration.fromInputUnsafe(options.timeout)
  })

  static readonly layer = (options: IntercomConfigOptions) => Layer.succeed(IntercomConfig, IntercomConfig.make(options))
}
