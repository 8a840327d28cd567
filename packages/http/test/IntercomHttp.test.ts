import { assert, describe, it } from "@effect/vitest"
import { Cause, Effect, Exit, Layer, Option, Schema } from "effect"
import {
  HttpClientTransport,
  IntercomConfig,
  type IntercomConfigOptions,
  IntercomError,
  IntercomHttp,
  type IntercomRequest,
  IntercomTransport,
  NodeTransport,
  RateLimitState
} from "../src/index.js"
import { errorList, type Handler, json, startTestServer } from "./TestServer.js"

const TOKEN = "tok_live_9f8e7d6c5b4a"

const Widget = Schema.Struct({ id: Schema.String, name: Schema.String })
const WidgetBody = Schema.Struct({
  name: Schema.String.check(Schema.isMinLength(1, { message: "name must not be empty" }))
})

const getWidget: IntercomRequest<typeof Widget.Type> = { method: "GET", path: "/widgets/w1", response: Widget }

/** Every behaviour below holds over both transports. */
const transports: ReadonlyArray<readonly [string, Layer.Layer<IntercomTransport>]> = [
  ["node:http", NodeTransport.layer],
  ["fetch", HttpClientTransport.fetch]
]

const httpLayer = (transport: Layer.Layer<IntercomTransport>, options: IntercomConfigOptions) =>
  IntercomHttp.layerNoDeps.pipe(
    Layer.provideMerge(RateLimitState.layer),
    Layer.provide(transport),
    Layer.provide(IntercomConfig.layer(options))
  )

/** Runs one request against a scripted server and returns the exit plus what the server saw. */
const exchangeOver = (transport: Layer.Layer<IntercomTransport>) =>
<A, B>(
  handler: Handler,
  request: IntercomRequest<A, B>,
  options: Partial<IntercomConfigOptions> = {}
) =>
  Effect.gen(function*() {
    const server = yield* Effect.acquireRelease(Effect.promise(() => startTestServer(handler)), (s) =>
      Effect.promise(() => s.close()))
    const layer = httpLayer(transport, { token: TOKEN, baseUrl: server.url, ...options })
    const { exit, rateLimit } = yield* Effect.gen(function*() {
      const http = yield* IntercomHttp
      const state = yield* RateLimitState
      const exit = yield* Effect.exit(http.request(request))
      return { exit, rateLimit: yield* state.get }
    }).pipe(Effect.provide(layer))
    return { exit, rateLimit, seen: server.seen }
  })

const failureOf = <A>(exit: Exit.Exit<A, IntercomError>): IntercomError => {
  assert.isTrue(Exit.isFailure(exit), "expected the request to fail")
  const error = Exit.isFailure(exit) ? Cause.findErrorOption(exit.cause) : Option.none()
  assert.isTrue(Option.isSome(error))
  return Option.getOrThrow(error)
}

/** Every way an error can be printed must be free of the token. */
const assertNoToken = (error: IntercomError, exit: Exit.Exit<unknown, unknown>) => {
  for (const text of [error.message, String(error), JSON.stringify(error), Exit.isFailure(exit) ? Cause.pretty(exit.cause) : ""]) {
    assert.notInclude(text, TOKEN)
  }
}

describe.each(transports)("over %s", (_name, transport) => {
  const exchange = exchangeOver(transport)

  describe("IntercomHttp.request", () => {
    it.live("sends auth, version and accept headers, query and JSON body, and decodes the answer", () =>
      Effect.gen(function*() {
        const { exit, seen } = yield* exchange((_, res) => json(res, 200, { id: "w1", name: "Acme", extra: 1 }), {
          method: "POST",
          path: "/widgets",
          query: { page: 2, per_page: 50, skipped: undefined },
          body: { schema: WidgetBody, value: { name: "Acme" } },
          response: Widget
        })
        assert.deepStrictEqual(exit, Exit.succeed({ id: "w1", name: "Acme" }))
        assert.strictEqual(seen.length, 1)
        const [req] = seen
        assert.strictEqual(req?.method, "POST")
        assert.strictEqual(req?.url, "/widgets?page=2&per_page=50")
        assert.strictEqual(req?.headers.authorization, `Bearer ${TOKEN}`)
        assert.strictEqual(req?.headers["intercom-version"], "2.11")
        assert.strictEqual(req?.headers.accept, "application/json")
        assert.strictEqual(req?.headers["content-type"], "application/json")
        assert.strictEqual(req?.headers["user-agent"], "intercom-explorer")
        assert.deepStrictEqual(JSON.parse(req?.body ?? ""), { name: "Acme" })
      }))

    it.live("a token pasted with a trailing newline is sent trimmed", () =>
      Effect.gen(function*() {
        const { exit, seen } = yield* exchange((_, res) => json(res, 200, { id: "w1", name: "A" }), getWidget, {
          token: `${TOKEN}\n`
        })
        assert.isTrue(Exit.isSuccess(exit))
        assert.strictEqual(seen[0]?.headers.authorization, `Bearer ${TOKEN}`)
      }))

    it.live("a redirect is not followed (the token would go along) and says where it pointed", () =>
      Effect.gen(function*() {
        const { exit, seen } = yield* exchange((_, res) => {
          res.writeHead(301, { location: "https://app.intercom.com/elsewhere" })
          res.end()
        }, getWidget)
        const error = failureOf(exit)
        assert.strictEqual(seen.length, 1)
        assert.strictEqual(error.reason._tag, "BadRequest")
        assert.strictEqual(error.code, "redirect")
        assert.strictEqual(error.status, 301)
        assert.isFalse(error.isRetryable)
        assert.include(error.message, "redirect to https://app.intercom.com/elsewhere; check the region or base URL")
      }))

    it.live("sends the configured Intercom-Version", () =>
      Effect.gen(function*() {
        const { seen } = yield* exchange((_, res) => json(res, 200, { id: "w1", name: "A" }), getWidget, {
          version: "2.12"
        })
        assert.strictEqual(seen[0]?.headers["intercom-version"], "2.12")
      }))

    it.live("refuses a body that is not of its request schema's type before sending anything", () =>
      Effect.gen(function*() {
        const { exit, seen } = yield* exchange((_, res) => json(res, 200, {}), {
          method: "POST",
          path: "/widgets",
          body: { schema: WidgetBody, value: { name: 5 as unknown as string } },
          response: Widget
        })
        const error = failureOf(exit)
        assert.strictEqual(error.reason._tag, "InvalidRequest")
        assert.isFalse(error.isRetryable)
        assert.strictEqual(seen.length, 0)
      }))

    it.live("does not run the body's checks again: it was validated where it became a request", () =>
      Effect.gen(function*() {
        const { seen } = yield* exchange((_, res) => json(res, 200, { id: "w1", name: "" }), {
          method: "POST",
          path: "/widgets",
          body: { schema: WidgetBody, value: { name: "" } },
          response: Widget
        })
        assert.strictEqual(seen.length, 1)
      }))

    it.live("records the X-RateLimit headers", () =>
      Effect.gen(function*() {
        const { rateLimit } = yield* exchange(
          (_, res) =>
            json(res, 200, { id: "w1", name: "A" }, {
              "X-RateLimit-Limit": "166",
              "X-RateLimit-Remaining": "120",
              "X-RateLimit-Reset": "1900000010"
            }),
          getWidget
        )
        assert.isTrue(Option.isSome(rateLimit))
        const snapshot = Option.getOrThrow(rateLimit)
        assert.strictEqual(snapshot.limit, 166)
        assert.strictEqual(snapshot.remaining, 120)
        assert.strictEqual(snapshot.resetAtMillis, 1_900_000_010_000)
      }))
  })

  describe("error mapping", () => {
    const cases: ReadonlyArray<{
      name: string
      status: number
      body: unknown
      path?: string
      headers?: Record<string, string>
      expect: (error: IntercomError) => void
    }> = [
      {
        name: "401 unauthorized",
        status: 401,
        body: errorList("unauthorized", "Access Token Invalid"),
        expect: (e) => {
          assert.strictEqual(e.reason._tag, "Unauthorized")
          assert.strictEqual(e.code, "unauthorized")
          assert.strictEqual(e.intercomMessage, "Access Token Invalid")
          assert.isFalse(e.isRetryable)
        }
      },
      {
        name: "403 api_plan_restricted",
        status: 403,
        body: errorList("api_plan_restricted", "Active subscription needed."),
        expect: (e) => {
          assert.strictEqual(e.reason._tag, "Forbidden")
          assert.strictEqual(e.code, "api_plan_restricted")
        }
      },
      {
        name: "404 company_not_found",
        status: 404,
        body: errorList("company_not_found", "Company Not Found"),
        expect: (e) => {
          assert.strictEqual(e.reason._tag, "NotFound")
          assert.strictEqual(e.reason._tag === "NotFound" ? e.reason.code : "", "company_not_found")
          assert.isFalse(e.isRetryable)
        }
      },
      {
        name: "404 on the scroll endpoint is an expired scroll",
        status: 404,
        path: "/companies/scroll",
        body: errorList("not_found", "scroll parameter not found"),
        expect: (e) => {
          assert.strictEqual(e.reason._tag, "ScrollExpired")
          assert.isTrue(e.isRetryable)
        }
      },
      {
        name: "400 scroll_exists",
        status: 400,
        path: "/companies/scroll",
        body: errorList("scroll_exists", "scroll already exists for this workspace"),
        expect: (e) => assert.strictEqual(e.reason._tag, "ScrollExists")
      },
      {
        name: "400 parameter_invalid with a field",
        status: 400,
        body: errorList("parameter_invalid", "Monthly spend is invalid", { field: "monthly_spend" }),
        expect: (e) => {
          assert.strictEqual(e.reason._tag, "BadRequest")
          if (e.reason._tag === "BadRequest") {
            assert.strictEqual(e.reason.code, "parameter_invalid")
            assert.strictEqual(e.reason.field, "monthly_spend")
          }
          assert.isFalse(e.isRetryable)
        }
      },
      {
        name: "400 tag_has_dependent_objects",
        status: 400,
        body: errorList("tag_has_dependent_objects", "Unable to delete Tag with dependent objects. Segments: VIP."),
        expect: (e) => {
          assert.strictEqual(e.reason._tag, "BadRequest")
          assert.strictEqual(e.code, "tag_has_dependent_objects")
        }
      },
      {
        name: "422 without an error.list body",
        status: 422,
        body: { whatever: true },
        expect: (e) => {
          assert.strictEqual(e.reason._tag, "BadRequest")
          assert.strictEqual(e.reason._tag === "BadRequest" ? e.reason.code : "", "http_422")
          assert.strictEqual(e.requestId, undefined)
        }
      },
      {
        name: "429 rate_limit_exceeded with the reset time and limit",
        status: 429,
        body: errorList("rate_limit_exceeded", "Exceeded rate limit of 166 in 10_seconds"),
        headers: { "X-RateLimit-Limit": "166", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "1900000020" },
        expect: (e) => {
          assert.strictEqual(e.reason._tag, "RateLimited")
          if (e.reason._tag === "RateLimited") {
            assert.strictEqual(e.reason.resetAtMillis, 1_900_000_020_000)
            assert.strictEqual(e.reason.limit, 166)
          }
          assert.isTrue(e.isRetryable)
        }
      },
      {
        name: "500 asking to restart the scroll",
        status: 500,
        path: "/companies/scroll",
        body: errorList(
          "server_error",
          "Request failed due to an internal network error. Please restart the scroll operation."
        ),
        expect: (e) => {
          assert.strictEqual(e.reason._tag, "ServerError")
          if (e.reason._tag === "ServerError") {
            assert.isTrue(e.reason.restartScroll)
            assert.strictEqual(e.reason.status, 500)
          }
          assert.isTrue(e.isRetryable)
        }
      },
      {
        name: "503 with an HTML body",
        status: 503,
        body: "<html>busy</html>",
        expect: (e) => {
          assert.strictEqual(e.reason._tag, "ServerError")
          if (e.reason._tag === "ServerError") assert.isFalse(e.reason.restartScroll)
          assert.strictEqual(e.status, 503)
        }
      }
    ]

    for (const c of cases) {
      it.live(c.name, () =>
        Effect.gen(function*() {
          const path = c.path ?? "/companies/c1"
          const { exit } = yield* exchange(
            (_, res) => {
              if (typeof c.body === "string") {
                res.writeHead(c.status, { "content-type": "text/html", ...c.headers })
                res.end(c.body)
              } else json(res, c.status, c.body, c.headers)
            },
            { method: "GET", path, response: Widget }
          )
          const error = failureOf(exit)
          assert.instanceOf(error, IntercomError)
          assert.strictEqual(error.method, "GET")
          assert.strictEqual(error.path, path)
          assert.strictEqual(error.status, c.status)
          if (typeof c.body !== "string" && (c.body as { request_id?: string }).request_id) {
            assert.strictEqual(error.requestId, "req-7f3a")
            assert.include(error.message, "req-7f3a")
          }
          c.expect(error)
          assertNoToken(error, exit)
        }))
    }

    it.live("a reason can be matched with Effect.catchReason", () =>
      Effect.gen(function*() {
        const server = yield* Effect.acquireRelease(
          Effect.promise(() => startTestServer((_, res) => json(res, 404, errorList("tag_not_found", "Resource Not Found")))),
          (s) => Effect.promise(() => s.close())
        )
        const code = yield* IntercomHttp.use((http) => http.request(getWidget)).pipe(
          Effect.map(() => "found"),
          Effect.catchReason("IntercomError", "NotFound", (reason) => Effect.succeed(reason.code)),
          Effect.provide(httpLayer(transport, { token: TOKEN, baseUrl: server.url }))
        )
        assert.strictEqual(code, "tag_not_found")
      }))
  })

  describe("bad answers and no answers", () => {
    it.live("malformed JSON is an InvalidResponse that does not quote the body", () =>
      Effect.gen(function*() {
        const { exit } = yield* exchange((_, res) => {
          res.writeHead(200, { "content-type": "application/json" })
          res.end('{"id":"w1","name":"secret-body-text')
        }, getWidget)
        const error = failureOf(exit)
        assert.strictEqual(error.reason._tag, "InvalidResponse")
        if (error.reason._tag === "InvalidResponse") assert.isTrue(error.reason.malformed)
        assert.isTrue(error.isRetryable)
        assert.notInclude(error.message, "secret-body-text")
      }))

    it.live("a body of the wrong shape says what did not decode", () =>
      Effect.gen(function*() {
        const { exit } = yield* exchange((_, res) => json(res, 200, { id: 42 }), getWidget)
        const error = failureOf(exit)
        assert.strictEqual(error.reason._tag, "InvalidResponse")
        if (error.reason._tag === "InvalidResponse") assert.isFalse(error.reason.malformed)
        assert.isFalse(error.isRetryable)
        assert.match(error.message, /id|name/)
      }))

    it.live("a server slower than the timeout is a Timeout", () =>
      Effect.gen(function*() {
        const { exit } = yield* exchange(
          (_, res) => setTimeout(() => json(res, 200, { id: "w1", name: "A" }), 2_000),
          getWidget,
          { timeout: "150 millis" }
        )
        const error = failureOf(exit)
        assert.strictEqual(error.reason._tag, "Timeout")
        if (error.reason._tag === "Timeout") assert.strictEqual(error.reason.timeoutMillis, 150)
        assert.isTrue(error.isRetryable)
      }))

    it.live("a body that stalls after the headers also times out", () =>
      Effect.gen(function*() {
        const { exit } = yield* exchange((_, res) => {
          res.writeHead(200, { "content-type": "application/json" })
          res.write('{"id":')
        }, getWidget, { timeout: "200 millis" })
        assert.strictEqual(failureOf(exit).reason._tag, "Timeout")
      }))

    it.live("a connection dropped mid-body is a retryable failure", () =>
      Effect.gen(function*() {
        const { exit } = yield* exchange((_, res) => {
          res.writeHead(200, { "content-type": "application/json", "content-length": "500" })
          res.write('{"id":"w1",')
          setTimeout(() => res.socket?.destroy(), 20)
        }, getWidget)
        const error = failureOf(exit)
        assert.oneOf(error.reason._tag, ["Transport", "InvalidResponse"])
        assert.isTrue(error.isRetryable)
      }))

    it.live("nobody listening is a Transport error", () =>
      Effect.gen(function*() {
        const server = yield* Effect.promise(() => startTestServer(() => {}))
        yield* Effect.promise(() => server.close())
        const exit = yield* IntercomHttp.use((http) => http.request(getWidget)).pipe(
          Effect.provide(httpLayer(transport, { token: TOKEN, baseUrl: server.url })),
          Effect.exit
        )
        const error = failureOf(exit)
        assert.strictEqual(error.reason._tag, "Transport")
        assert.isTrue(error.isRetryable)
        // The reason, not just "fetch failed".
        if (error.reason._tag === "Transport") assert.include(error.reason.detail, "ECONNREFUSED")
        assertNoToken(error, exit)
      }))

    it.live("a server that echoes the token back never gets it into the error", () =>
      Effect.gen(function*() {
        const { exit } = yield* exchange(
          (req, res) => json(res, 400, errorList("parameter_invalid", `bad header ${req.headers.authorization}`)),
          getWidget
        )
        const error = failureOf(exit)
        assert.include(error.intercomMessage ?? "", "[redacted]")
        assertNoToken(error, exit)
      }))
  })

})

describe("IntercomConfig", () => {
  it("resolves regions and explicit base URLs", () => {
    assert.strictEqual(IntercomConfig.make({ token: "t" }).baseUrl, "https://api.intercom.io")
    assert.strictEqual(IntercomConfig.make({ token: "t", region: "eu" }).baseUrl, "https://api.eu.intercom.io")
    assert.strictEqual(IntercomConfig.make({ token: "t", region: "au" }).baseUrl, "https://api.au.intercom.io")
    assert.strictEqual(
      IntercomConfig.make({ token: "t", region: "eu", baseUrl: "http://127.0.0.1:4010/" }).baseUrl,
      "http://127.0.0.1:4010"
    )
    assert.strictEqual(IntercomConfig.make({ token: "t" }).version, "2.11")
  })

  it("keeps the token redacted when printed", () => {
    const config = IntercomConfig.make({ token: TOKEN })
    assert.notInclude(String(config.token), TOKEN)
    assert.notInclude(JSON.stringify(config), TOKEN)
  })
})
