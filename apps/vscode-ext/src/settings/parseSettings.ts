import { insecureBaseUrlProblem, isRegion, type Region, regions } from "@intercom-explorer/core/connection"
import { GROUP_CHOICES, type GroupChoice, isGroupChoice, isSortChoice, SORT_CHOICES } from "../tree/model/companyQuery"
import { DEFAULT_SAVED_QUERIES, parseSavedQueries, type SavedQuery } from "../tree/model/savedQueries"

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
  /** `intercom.replica.autoSync`: sync in the background when the replica is missing or old. */
  readonly replicaAutoSync: boolean
  /** `intercom.replica.maxAgeMinutes`: how old the replica may get before a background sync. */
  readonly replicaMaxAgeMinutes: number
  /** `intercom.companies.groupBy` and `intercom.companies.sort`: how the Companies view lists them. */
  readonly companiesGroupBy: GroupChoice
  readonly companiesSort: string
  /** `intercom.companies.queries`: the saved queries shown in the Companies view. */
  readonly savedQueries: ReadonlyArray<SavedQuery>
}

const DEFAULT_SETTINGS: IntercomSettings = {
  region: "us",
  baseUrl: undefined,
  requestTimeoutSeconds: 30,
  allowInsecureHttp: false,
  replicaAutoSync: true,
  replicaMaxAgeMinutes: 60,
  companiesGroupBy: "none",
  companiesSort: "name",
  savedQueries: DEFAULT_SAVED_QUERIES
}

export interface RawSettings {
  readonly region?: unknown
  readonly baseUrl?: unknown
  readonly requestTimeoutSeconds?: unknown
  readonly allowInsecureHttp?: unknown
  readonly replicaAutoSync?: unknown
  readonly replicaMaxAgeMinutes?: unknown
  readonly companiesGroupBy?: unknown
  readonly companiesSort?: unknown
  readonly savedQueries?: unknown
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

  let replicaAutoSync = DEFAULT_SETTINGS.replicaAutoSync
  if (typeof raw.replicaAutoSync === "boolean") replicaAutoSync = raw.replicaAutoSync
  else if (raw.replicaAutoSync !== undefined) problems.push(`intercom.replica.autoSync must be true or false; using ${replicaAutoSync}.`)

  let replicaMaxAgeMinutes = DEFAULT_SETTINGS.replicaMaxAgeMinutes
  if (raw.replicaMaxAgeMinutes !== undefined) {
    const m = raw.replicaMaxAgeMinutes
    if (typeof m === "number" && Number.isFinite(m) && m >= 1 && m <= 10_080) replicaMaxAgeMinutes = m
    else problems.push(`intercom.replica.maxAgeMinutes ${JSON.stringify(m)} is not between 1 and 10080; using ${replicaMaxAgeMinutes}.`)
  }

  let companiesGroupBy = DEFAULT_SETTINGS.companiesGroupBy
  if (isGroupChoice(raw.companiesGroupBy)) companiesGroupBy = raw.companiesGroupBy
  else if (raw.companiesGroupBy !== undefined) {
    problems.push(`intercom.companies.groupBy ${JSON.stringify(raw.companiesGroupBy)} is not one of ${GROUP_CHOICES.map((c) => c.value).join(", ")}; using "${companiesGroupBy}".`)
  }

  let companiesSort = DEFAULT_SETTINGS.companiesSort
  if (isSortChoice(raw.companiesSort)) companiesSort = raw.companiesSort
  else if (raw.companiesSort !== undefined) {
    problems.push(`intercom.companies.sort ${JSON.stringify(raw.companiesSort)} is not one of ${SORT_CHOICES.map((c) => c.value).join(", ")}; using "${companiesSort}".`)
  }

  const saved = parseSavedQueries(raw.savedQueries)
  problems.push(...saved.problems)

  return {
    settings: {
      region,
      baseUrl,
      requestTimeoutSeconds,
      allowInsecureHttp,
      replicaAutoSync,
      replicaMaxAgeMinutes,
      companiesGroupBy,
      companiesSort,
      savedQueries: saved.queries
    },
    problems
  }
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
