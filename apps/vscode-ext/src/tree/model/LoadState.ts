/** The last failure of a list, kept next to the last good data until a load succeeds. */
export interface ListFailure {
  /** One sentence for a person (core's wording of the error, which never carries a token). */
  readonly message: string
  /** The request never got an answer (Transport): the views show "offline" instead of an error. */
  readonly offline: boolean
  readonly at: Date
}

/**
 * `idle`: nothing asked yet; `loading`: the first load runs and there is no data; `ready`: data
 * (possibly stale, see `error`) is there.
 */
export type LoadPhase = "idle" | "loading" | "ready"

export const failureRowLabel = (failure: ListFailure): string =>
  failure.offline ? "Offline" : "Couldn't load"

/** "Can't reach Intercom. … Showing data from 12:03." when stale rows are kept. */
export const failureRowDescription = (failure: ListFailure, hasData: boolean): string => {
  const time = failure.at.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" })
  return hasData ? `${failure.message} Showing the data loaded before ${time}.` : failure.message
}
