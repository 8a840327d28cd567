import { Schema } from "effect"

/**
 * Intercom timestamps are whole unix **seconds** (not millis) everywhere in 2.x.
 * Kept as a plain integer so wire objects stay JSON-equal to what was received;
 * convert at the edges with the helpers below. Negative values are allowed because
 * `remote_created_at` is customer-supplied (a founding date can predate 1970).
 */
export const UnixSeconds = Schema.Int.annotate({
  identifier: "UnixSeconds",
  description: "a unix timestamp in whole seconds"
})
export type UnixSeconds = typeof UnixSeconds.Type

/** Converts unix seconds to a JS Date. */
export const unixSecondsToDate = (seconds: UnixSeconds): Date => new Date(seconds * 1000)

/** Converts a JS Date to unix seconds, truncating sub-second precision as Intercom does. */
export const dateToUnixSeconds = (date: Date): UnixSeconds => Math.floor(date.getTime() / 1000)
