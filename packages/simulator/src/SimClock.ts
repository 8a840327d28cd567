// Time is injected so that tests can drive scroll expiry and rate-limit windows without sleeping.

/** Milliseconds since the Unix epoch. */
export type SimClock = () => number

export const systemClock: SimClock = () => Date.now()

export const unixSeconds = (clock: SimClock): number => Math.floor(clock() / 1000)
