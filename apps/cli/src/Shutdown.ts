import { Effect } from "effect"

/*
 * A long-running command (the simulator) ends normally when the user presses Ctrl-C: the runtime
 * interrupts it, its finalizers run, and the process should exit 0 rather than 130.
 */
let signalIsNormalStop = false

export const stopOnSignalIsSuccess: Effect.Effect<void> = Effect.sync(() => {
  signalIsNormalStop = true
})

export const isSignalNormalStop = (): boolean => signalIsNormalStop
