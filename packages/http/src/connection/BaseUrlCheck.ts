/*
 * Every request carries the access token in its Authorization header. Over `http://` that header
 * crosses the network in clear text, so a base URL like that is refused, unless it points at this
 * machine (a local simulator on 127.0.0.1, localhost or [::1]) or the caller opted in explicitly.
 * The one check, shared by the HTTP layer, the Promise facade, the CLI and the extension. Plain
 * TypeScript (no effect), so the extension's activation bundle can ask it; `insecureBaseUrl`
 * (BaseUrl.ts) turns the refusal into the `InsecureBaseUrl` reason.
 */

/** How a caller opts in, named in the refusal (e.g. `--allow-insecure-http`). */
export const defaultInsecureHttpOptIn = "allowInsecureHttp: true"

/**
 * Whether a URL's hostname (as `new URL(...).hostname` gives it) is this machine: `localhost`,
 * 127.0.0.0/8, `[::1]` or an IPv4-mapped 127.x address. The URL parser already normalizes the
 * spellings (`127.1`, `0x7f.0.0.1`, `[0:0::1]`, `LOCALHOST.`).
 */
export const isLoopbackHost = (hostname: string): boolean => {
  const host = hostname.toLowerCase().replace(/\.$/, "")
  if (host === "localhost") return true
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) return true
  if (host === "[::1]") return true
  // ::ffff:127.0.0.1 is normalized to [::ffff:7f00:1]: 0x7f.. is 127.x.x.x.
  return /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(host)
}

/** Why a base URL is refused: the refused scheme and host, and the user-facing sentence. */
export interface BaseUrlRefusal {
  /** The refused scheme and host, e.g. `http://intercom.example.com` (never a path, query or password). */
  readonly origin: string
  /** What was refused, why and how to allow it. */
  readonly detail: string
}

/** The scheme and host of a URL for a message: never its path, query or user:password. */
const originOf = (url: URL): string => `${url.protocol}//${url.host}`

/**
 * The refusal for `baseUrl`, or `undefined` when it is fine: `https://`, or `http://` to a loopback
 * address. `optIn` names how to allow it anyway (a flag or a setting); checking that opt-in is the
 * caller's part.
 */
export const baseUrlRefusal = (baseUrl: string, optIn: string = defaultInsecureHttpOptIn): BaseUrlRefusal | undefined => {
  const text = baseUrl.trim()
  if (!/^http:/i.test(text)) return undefined
  let url: URL | undefined
  try {
    url = new URL(text)
  } catch {
    url = undefined
  }
  if (url !== undefined && isLoopbackHost(url.hostname)) return undefined
  const origin = url === undefined ? "http://" : originOf(url)
  return {
    origin,
    detail: `refusing to send the access token in clear text to ${url === undefined ? "an http:// address" : origin}: ` +
      `use https://, or allow unencrypted HTTP explicitly with ${optIn} (without it, http:// is only ` +
      `allowed to this machine: 127.0.0.1, localhost or [::1])`
  }
}

/**
 * Why `baseUrl` must not be used as it stands, as one user-facing sentence, or `undefined` when it
 * is fine. For settings and flags to check before building a client, e.g.
 * `insecureBaseUrlProblem(url, "the intercom.allowInsecureHttp setting")`.
 */
export const insecureBaseUrlProblem = (baseUrl: string, optIn?: string): string | undefined =>
  baseUrlRefusal(baseUrl, optIn)?.detail
