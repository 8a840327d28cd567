import { IntercomError, IntercomHttp, RateLimitState } from "@intercom-explorer/http"
import { startSimulator } from "@intercom-explorer/simulator"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Exit, Layer, ManagedRuntime, Option } from "effect"
import { IntercomClient } from "../src/IntercomClient.js"
import { Pacing } from "../src/requests/Pacing.js"
import { RequestExecutor } from "../src/requests/RequestExecutor.js"
import { ScrollLock } from "../src/scroll/ScrollLock.js"
import { Companies } from "../src/services/Companies.js"
import { Contacts } from "../src/services/Contacts.js"
import { Notes } from "../src/services/Notes.js"
import { Segments } from "../src/services/Segments.js"
import { SubscriptionTypes } from "../src/services/SubscriptionTypes.js"
import { Tags } from "../src/services/Tags.js"
import { TOKEN } from "./support/Simulator.js"

const simulator = Effect.acquireRelease(
  Effect.promise(() => startSimulator({ host: "127.0.0.1", token: TOKEN, companies: 10, rateLimit: 500 })),
  (sim) => Effect.promise(() => sim.close())
)

describe("IntercomClient.layer", () => {
  it.live("provides every service, and the rate-limit budget of the latest answer", () =>
    Effect.gen(function*() {
      const sim = yield* simulator
      const program = Effect.gen(function*() {
        yield* Companies
        yield* Contacts
        yield* Tags
        yield* Segments
        yield* Notes
        yield* SubscriptionTypes
        yield* RequestExecutor
        yield* ScrollLock
        yield* Pacing
        yield* IntercomHttp
        const state = yield* RateLimitState
        assert.isTrue(Option.isNone(yield* state.get))
        yield* Tags.use((tags) => tags.list())
        return state.current()
      })
      const snapshot = yield* program.pipe(Effect.provide(IntercomClient.layer({ token: TOKEN, baseUrl: sim.url })))
      assert.strictEqual(snapshot?.limit, 500)
      assert.isBelow(snapshot?.remaining ?? 500, 500)
    }))

  it.live("two clients built in one MemoMap keep their own token and settings", () =>
    Effect.gen(function*() {
      const sim = yield* simulator
      const memoMap = Layer.makeMemoMapUnsafe()
      const good = ManagedRuntime.make(IntercomClient.layer({ token: TOKEN, baseUrl: sim.url }), { memoMap })
      const bad = ManagedRuntime.make(IntercomClient.layer({ token: "not-the-token", baseUrl: sim.url }), { memoMap })
      yield* Effect.addFinalizer(() => Effect.promise(() => Promise.all([good.dispose(), bad.dispose()])))
      const listTags = Tags.use((tags) => tags.list())
      const ok = yield* Effect.promise(() => good.runPromiseExit(listTags))
      const refused = yield* Effect.promise(() => bad.runPromiseExit(listTags))
      assert.isTrue(Exit.isSuccess(ok))
      assert.isTrue(Exit.isFailure(refused))
      const error = Exit.isFailure(refused) ? refused.cause.reasons[0] : undefined
      assert.strictEqual(error?._tag, "Fail")
      const failure = error?._tag === "Fail" ? error.error : undefined
      assert.instanceOf(failure, IntercomError)
      assert.strictEqual((failure as IntercomError).reason._tag, "Unauthorized")
    }))
})
