import {
  Closed,
  InsecureBaseUrl,
  IntercomError,
  type IntercomErrorReason,
  InvalidRequest,
  InvalidResponse,
  reasonForStatus,
  ScrollAborted,
  ScrollBusy,
  Timeout,
  Transport
} from "@intercom-explorer/http"
import { assert, describe, it } from "@effect/vitest"
import { Effect, Exit, Schedule } from "effect"
import { rateLimitRetry, retriedElsewhere, transientRetry } from "../../src/requests/RetryPolicies.js"

// `isRetryable` (what an error tells its caller) and the retry schedules (what the executor does)
// must agree, for every reason and every status: the schedules' own decision is asked, by stepping
// each one once with the error as input.

const errorOf = (reason: IntercomErrorReason, status?: number) =>
  new IntercomError({ reason, method: "GET", path: "/companies/x", ...(status === undefined ? {} : { status }) })

/** Whether `schedule`'s first step continues (a retry) for `error`. */
const retries = (schedule: Schedule.Schedule<unknown, IntercomError>, error: IntercomError) =>
  Effect.gen(function*() {
    const step = yield* Schedule.toStep(schedule)
    return Exit.isSuccess(yield* Effect.exit(step(0, error)))
  })

// Every answer Intercom can give, mapped as the HTTP layer maps it (also on the scroll path, where a
// 404 is an expired scroll), plus every failure without an answer.
const answered = Array.from({ length: 200 }, (_, i) => 400 + i).flatMap((status) =>
  ["/companies/x", "/companies/scroll"].map((path) => errorOf(reasonForStatus(status, path, {}, undefined), status))
)
const scrollExists = errorOf(reasonForStatus(400, "/companies/scroll", { code: "scroll_exists" }, undefined), 400)
const unanswered = [
  errorOf(new Timeout({ timeoutMillis: 1 })),
  errorOf(new Transport({ detail: "ECONNRESET" })),
  errorOf(new InvalidResponse({ detail: "cut", malformed: true }), 200),
  errorOf(new InvalidResponse({ detail: "shape", malformed: false }), 200),
  errorOf(new InvalidRequest({ detail: "name must not be blank" })),
  errorOf(new InsecureBaseUrl({ origin: "http://x", detail: "refused" })),
  errorOf(new ScrollBusy()),
  errorOf(new ScrollAborted({ restarts: 5, lastError: errorOf(new Timeout({ timeoutMillis: 1 })) })),
  errorOf(new ScrollAborted({ restarts: 5, lastError: errorOf(reasonForStatus(401, "/companies/scroll", {}, undefined)) })),
  errorOf(new Closed())
]
const samples = [...answered, scrollExists, ...unanswered]

describe("isRetryable agrees with the retry schedules", () => {
  it("every reason of the union is sampled", () => {
    const sampled = new Set<string>(samples.map((error) => error.reason._tag))
    const all = IntercomError.fields.reason.members.map((member) => member.identifier)
    assert.deepStrictEqual(all.filter((tag) => !sampled.has(tag)), [])
  })

  it.effect("an error a schedule retries says it is retryable; a retryable one is retried, or owned by the scroll", () =>
    Effect.gen(function*() {
      const disagreements: Array<string> = []
      for (const error of samples) {
        const retried = (yield* retries(transientRetry, error)) || (yield* retries(rateLimitRetry, error))
        const expected = error.isRetryable && !(retriedElsewhere.includes(error.reason._tag) && error.reason._tag !== "RateLimited")
        if (retried !== expected) disagreements.push(`${error.reason._tag} ${error.status ?? "-"}: retried ${retried}, isRetryable ${error.isRetryable}`)
      }
      assert.deepStrictEqual(disagreements, [])
    }))

  it.effect("a 408 is retried by transientRetry, and its error says so", () =>
    Effect.gen(function*() {
      const timeout408 = errorOf(reasonForStatus(408, "/companies/x", {}, undefined), 408)
      assert.isTrue(yield* retries(transientRetry, timeout408))
      assert.isTrue(timeout408.isRetryable)
      const refused400 = errorOf(reasonForStatus(400, "/companies/x", {}, undefined), 400)
      assert.isFalse(yield* retries(transientRetry, refused400))
      assert.isFalse(refused400.isRetryable)
    }))
})
