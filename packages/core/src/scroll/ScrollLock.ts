import { createHash } from "node:crypto"
import { IntercomConfig, IntercomError, ScrollBusy } from "@intercom-explorer/http"
import { Context, Effect, Layer, Redacted, type Scope, Semaphore } from "effect"

export type WhenBusy = "wait" | "fail"

export interface ScrollLockShape {
  /**
   * Holds the app's scroll permit until the surrounding scope closes; with `"fail"`, a permit held
   * elsewhere fails with the `ScrollBusy` reason instead of waiting.
   */
  readonly acquire: (whenBusy: WhenBusy) => Effect.Effect<void, IntercomError, Scope.Scope>
}

// Intercom allows one open scroll per app, so the permit is per app (API root + token) and per
// process, shared by every client and runtime built in it.
const permits = new Map<string, Semaphore.Semaphore>()
const permitFor = (key: string) => {
  let permit = permits.get(key)
  if (permit === undefined) {
    permit = Semaphore.makeUnsafe(1)
    permits.set(key, permit)
  }
  return permit
}

/**
 * The in-process half of Intercom's scroll lock. It cannot see scrolls of other processes or
 * integrations: those still answer `scroll_exists`, which the scroll stream waits out.
 */
export class ScrollLock extends Context.Service<ScrollLock, ScrollLockShape>()("@intercom-explorer/core/ScrollLock") {
  static readonly layer = Layer.effect(
    ScrollLock,
    Effect.gen(function*() {
      const config = yield* IntercomConfig
      // Keyed by a digest, so the token itself does not outlive a sign-out in this table.
      const app = createHash("sha256").update(`${config.baseUrl}\u0000${Redacted.value(config.token)}`).digest("hex")
      const permit = permitFor(app)
      const acquire = (whenBusy: WhenBusy) =>
        whenBusy === "wait"
          ? Semaphore.takeScoped(permit, 1)
          : Effect.gen(function*() {
            const taken = yield* Semaphore.takeIfAvailable(permit, 1)
            if (!taken) {
              return yield* new IntercomError({ reason: new ScrollBusy(), method: "GET", path: "/companies/scroll" })
            }
            yield* Effect.addFinalizer(() => Semaphore.release(permit, 1))
          })
      return ScrollLock.of({ acquire: (whenBusy) => Effect.asVoid(acquire(whenBusy)) })
    })
  )
}
