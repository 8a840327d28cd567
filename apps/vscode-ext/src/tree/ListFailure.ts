import type { ClientHandle, ClientSession } from "../client/ClientSession"
import { classifyFailure } from "../client/describeError"
import type { Log } from "../logging/Log"
import type { ListFailure } from "./model/LoadState"

/**
 * A list's load failed: a 401 signs the session out, the log says which list and why, and the
 * list's error row gets the reason and the time.
 */
export const reportListFailure = (
  session: ClientSession,
  log: Log,
  client: ClientHandle,
  list: string,
  error: unknown
): ListFailure => {
  session.reportFailure(error, client)
  const failure = classifyFailure(error)
  log.warn(`${list}: ${failure.message}`, error)
  return { ...failure, at: new Date() }
}
