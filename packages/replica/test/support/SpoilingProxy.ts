import { startSpoilingRelay } from "@intercom-explorer/simulator"
import { Effect } from "effect"

/** The simulator's spoiling relay in front of `target`, closed with the test's scope. */
export const spoilingProxy = (target: string, spoil: (companies: Array<Record<string, unknown>>) => void) =>
  Effect.acquireRelease(
    Effect.promise(() => startSpoilingRelay(() => target, spoil)),
    (relay) => Effect.promise(() => relay.close())
  )
