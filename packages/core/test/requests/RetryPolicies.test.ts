import {
  IntercomError,
  type IntercomErrorReason,
  type IntercomHttpShape,
  IntercomHttp,
  RateLimited,
  RateLimitState,
  ServerError,
  Timeout,
  Unauthorized
} from "@intercom-explorer/http"
import { assert, describe, it } from "@effect/vitest"
import { Duration, Effect, Exit, Fiber, Layer, Schema } from "effect"
import { TestClock } from "effect/testing"
import { Pacing } from "../../src/requests/Pacing.js"
import { RequestExecutor, type RetryMode } from "../../src/requests/RequestExecutor.js"
import { isTransient, rateLimitDelay } from "../../src/requests/RetryPolicies.js"

const errorWith = (reason: IntercomErrorReason, status?: number) =>
  new IntercomError({ reason, method: "GET", path: "/companies/x", ...(status === undefined ? {} : { status }) })

describe("isTransient", () => {
  it("retries timeouts and server errors, not a bad token", () => {
    assert.isTrue(isTransient(errorWith(new Timeout({ timeoutMillis: 1 }))))
    assert.isTrue(isTransient(errorWith(new ServerError({ status: 503, restartScroll: false }), 503)))
    assert.isFalse(isTransient(errorWith(new Unauthorized(), 401)))
    assert.isFalse(isTransient(errorWith(new RateLimited({}), 429)))
  })
})

describe("rateLimitDelay", () => {
  it("waits until the announced reset plus jitter", () => {
    const error = errorWith(new RateLimited({ resetAtMillis: 5_000, limit: 166 }), 429)
    assert.strictEqual(Duration.toMillis(rateLimitDelay(error, 2_000, 0)), 3_100)
    assert.strictEqual(Duration.toMillis(rateLimitDelay(error, 2_000, 0.5)), 3_550)
  })

  it("waits one window when no reset came, and never more than one", () => {
    assert.strictEqual(Duration.toMillis(rateLimitDelay(errorWith(new RateLimited({})), 0, 0)), 10_100)
    const far = errorWith(new RateLimited({ resetAtMillis: 9_999_999 }))
    assert.strictEqual(Duration.toMillis(rateLimitDelay(far, 0, 0)), 10_100)
  })
})

/** An IntercomHttp whose answers are scripted, to count the attempts each retry mode makes. */
const scripted = (answers: ReadonlyArray<IntercomError | "ok">) => {
  let calls = 0
  const http: IntercomHttpShape = {
    request: () =>
      Effect.suspend(() => {
        const answer = answers[Math.min(calls, answers.length - 1)]
        calls += 1
        return answer === "ok" || answer === undefined ? Effect.succeed("ok" as never) : Effect.fail(answer)
      })
  }
  const layer = RequestExecutor.layer.pipe(
    Layer.provide(Pacing.layer()),
    Layer.provide(Layer.succeed(IntercomHttp, http)),
    Layer.provide(RateLimitState.layer)
  )
  return { layer, calls: () => calls }
}

const run = (answers: ReadonlyArray<IntercomError | "ok">, mode: RetryMode) => {
  const script = scripted(answers)
  return Effect.gen(function*() {
    const executor = yield* RequestExecutor
    const fiber = yield* executor.execute({ method: "GET", path: "/x", response: Schema.String }, mode).pipe(
      Effect.exit,
      Effect.forkChild
    )
    yield* TestClock.adjust("1 minute")
    return { exit: yield* Fiber.join(fiber), calls: script.calls() }
  }).pipe(Effect.provide(script.layer))
}

const server500 = errorWith(new ServerError({ status: 500, restartScroll: false }), 500)
const tooMany = errorWith(new RateLimited({ resetAtMillis: 2_000 }), 429)

describe("RequestExecutor retry modes", () => {
  it.effect("idempotent: retries transient failures, then succeeds", () =>
    Effect.gen(function*() {
      const { calls, exit } = yield* run([server500, server500, "ok"], "idempotent")
      assert.isTrue(Exit.isSuccess(exit))
      assert.strictEqual(calls, 3)
    }))

  it.effect("idempotent: gives up after its bounded retries", () =>
    Effect.gen(function*() {
      const { calls, exit } = yield* run([server500], "idempotent")
      assert.isTrue(Exit.isFailure(exit))
      assert.strictEqual(calls, 5)
    }))

  it.effect("idempotent: a bad token is not retried", () =>
    Effect.gen(function*() {
      const { calls } = yield* run([errorWith(new Unauthorized(), 401)], "idempotent")
      assert.strictEqual(calls, 1)
    }))

  it.effect("create-once: a 500 after which the server may have acted is not retried", () =>
    Effect.gen(function*() {
      const { calls, exit } = yield* run([server500, "ok"], "create-once")
      assert.isTrue(Exit.isFailure(exit))
      assert.strictEqual(calls, 1)
    }))

  it.effect("create-once: a 429, refused before acting, is retried after the reset", () =>
    Effect.gen(function*() {
      const { calls, exit } = yield* run([tooMany, "ok"], "create-once")
      assert.isTrue(Exit.isSuccess(exit))
      assert.strictEqual(calls, 2)
    }))

  it.effect("scroll: a lost page is not re-requested by the executor", () =>
    Effect.gen(function*() {
      const { calls } = yield* run([errorWith(new Timeout({ timeoutMillis: 5 })), "ok"], "scroll")
      assert.strictEqual(calls, 1)
    }))
})
