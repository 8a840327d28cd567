import { describeError, reasonOf } from "@intercom-explorer/core/connection"
import type { Log } from "../logging/Log"
import type { ListFailure } from "./model/LoadState"

/** A line of core's wording as a sentence of its own: the error row puts more text after it. */
const sentence = (line: string): string => {
  const capitalized = line.length === 0 ? line : line[0]!.toUpperCase() + line.slice(1)
  return /[.!?]$/.test(capitalized) ? capitalized : `${capitalized}.`
}

/** What a list shows of a failed load: what happened, and whether Intercom was out of reach. */
export const listFailure = (error: unknown, at: Date = new Date()): ListFailure => ({
  message: sentence(describeError(error)),
  offline: reasonOf(error) === "Transport",
  at
})

/**
 * A list's load failed: the log says which list and why, and the list's error row gets the reason
 * and the time. (A 401 has signed the session out already: the session's runner saw it.)
 */
export const reportListFailure = (log: Log, list: string, error: unknown): ListFailure => {
  const failure = listFailure(error)
  log.warn(`${list}: ${failure.message}`, error)
  return failure
}
