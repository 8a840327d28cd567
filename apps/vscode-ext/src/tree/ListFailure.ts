import { classifyFailure } from "../client/describeError"
import type { Log } from "../logging/Log"
import type { ListFailure } from "./model/LoadState"

/**
 * A list's load failed: the log says which list and why, and the list's error row gets the reason
 * and the time. (A 401 has signed the session out already: the session's runner saw it.)
 */
export const reportListFailure = (log: Log, list: string, error: unknown): ListFailure => {
  const failure = classifyFailure(error)
  log.warn(`${list}: ${failure.message}`, error)
  return { ...failure, at: new Date() }
}
