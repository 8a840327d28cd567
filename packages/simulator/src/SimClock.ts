// Time is injected so that tests can drive scroll expiry and rate-limit windows without sleeping.

/** Milliseconds since the Unix epoch. */
export type Clock = () => number

export const systemClock: Clock = () => Date.now()

export const unixSeconds = (clock: Clock): number => Math.floor(clock() / 1000)
