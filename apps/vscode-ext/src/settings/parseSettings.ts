import { insecureBaseUrlProblem, isRegion, type Region, regions } from "@intercom-explorer/core/connection"

// Pure validation of the raw `intercom.*` values, so that it is unit-tested without VS Code. VS Code
// validates settings.json against the schema in package.json only in the editor; a hand-edited or
// synced file can still hold anything, so every value is checked again here and falls back to its
// default with a reason that is logged.

export interface IntercomSettings {
  readonly region: Region
  /** An explicit API server (e.g. a local simulator); when set it overrides `region`. */
  readonly baseUrl: string | undefined
  readonly requestTimeoutSeconds: number
  /** `intercom.allowInsecureHttp`: plain http:// to a host other than this machine is allowed. */
  readonly allowInsecureHttp: boolean
}

const DEFAULT_SETTINGS: IntercomSettings = {
  region: "us",
  baseUrl: undefined,
  requestTimeoutSeconds: 30,
  allowInsecureHttp: false
}

export interface RawSettings {
  readonly region?: unknown
  readonly baseUrl?: unknown
  readonly requestTimeoutSeconds?: unknown
  readonly allowInsecureHttp?: unknown
}

export interface ParsedSettings {
  readonly settings: IntercomSettings
  /** One sentence per value that was ignored, for the log. */
  readonly problems: ReadonlyArray<string>
}

export const parseSettings = (raw: RawSettings): ParsedSettings => {
  const problems: Array<string> = []

  let region = DEFAULT_SETTINGS.region
  if (raw.region !== undefined) {
    if (isRegion(raw.region)) {
      region = raw.region
    } else {
      problems.push(`intercom.region ${JSON.stringify(raw.region)} is not one of ${regions.join(", ")}; using "${region}".`)
    }
  }

  let baseUrl = DEFAULT_SETTINGS.baseUrl
  if (typeof raw.baseUrl === "string" && raw.baseUrl.trim() !== "") {
    const parsed = parseHttpUrl(raw.baseUrl.trim())
    if (parsed !== undefined) baseUrl = parsed
    else problems.push(`intercom.baseUrl ${JSON.stringify(raw.baseUrl)} is not an http(s) URL; using the region's server.`)
  } else if (raw.baseUrl !== undefined && typeof raw.baseUrl !== "string") {
    problems.push(`intercom.baseUrl must be a string; using the region's server.`)
  }

  let requestTimeoutSeconds = DEFAULT_SETTINGS.requestTimeoutSeconds
  if (raw.requestTimeoutSeconds !== undefined) {
    const t = raw.requestTimeoutSeconds
    if (typeof t === "number" && Number.isFinite(t) && t >= 1 && t <= 600) requestTimeoutSeconds = t
    else problems.push(`intercom.requestTimeoutSeconds ${JSON.stringify(t)} is not between 1 and 600; using ${requestTimeoutSeconds}.`)
  }

  let allowInsecureHttp = DEFAULT_SETTINGS.allowInsecureHttp
  if (typeof raw.allowInsecureHttp === "boolean") allowInsecureHttp = raw.allowInsecureHttp
  else if (raw.allowInsecureHttp !== undefined) {
    problems.push(`intercom.allowInsecureHttp must be true or false; using ${allowInsecureHttp}.`)
  }

  return { settings: { region, baseUrl, requestTimeoutSeconds, allowInsecureHttp }, problems }
}

/** The URL without a trailing slash, or undefined when it is not an absolute http(s) URL. */
const parseHttpUrl = (value: string): string | undefined => {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return undefined
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined
  // Credentials in the URL would be sent on every request and logged with it; refuse them.
  if (url.username !== "" || url.password !== "") return undefined
  return url.href.replace(/\/+$/, "")
}

/** How the refusal of a plain-http server names the way to allow it. */
const INSECURE_HTTP_OPT_IN = "the intercom.allowInsecureHttp setting"

/**
 * Why the client must not connect to `baseUrl` (plain http:// to another machine would carry the
 * token in clear text), as one sentence for the user, or undefined when it may: https://, a
 * loopback simulator, or `intercom.allowInsecureHttp` set. Effect-free (core's light
 * entry): checking loads no engine.
 */
export const serverRefusal = (baseUrl: string, allowInsecureHttp: boolean): string | undefined =>
  allowInsecureHttp ? undefined : insecureBaseUrlProblem(baseUrl, INSECURE_HTTP_OPT_IN)
