import { assert, describe, it } from "@effect/vitest"
import { Cause, Effect, Exit, Layer, Option, Schema } from "effect"
import { networkInterfaces } from "node:os"
import {
  IntercomConfig,
  type IntercomConfigOptions,
  IntercomError,
  IntercomHttp,
  type IntercomRequest,
  insecureBaseUrl,
  insecureBaseUrlProblem,
  isLoopbackHost,
  NodeTransport,
  RateLimitState
} from "../src/index.js"
import { json, startTestServer } from "./TestServer.js"

const TOKEN = "tok_live_ClearTextNever42"

describe("insecureBaseUrlProblem", () => {
  it("allows https:// anywhere and http:// to this machine", () => {
    for (
      const url of [
        "https://api.intercom.io",
        "HTTPS://api.eu.intercom.io/",
        "http://127.0.0.1:4010",
        "http://127.8.9.10",
        "http://127.1:4010",
        "http://localhost:4010/",
        "http://LOCALHOST.:80",
        "http://[::1]:4010",
        "http://[0:0:0:0:0:0:0:1]:4010",
        "http://[::ffff:127.0.0.1]:4010"
      ]
    ) {
      assert.isUndefined(insecureBaseUrlProblem(url), url)
    }
  })

  it("refuses http:// to any other host, saying why and how to allow it", () => {
    for (
      const [url, origin] of [
        ["http://api.intercom.io", "http://api.intercom.io"],
        ["HTTP://intercom.corp.example:8080/v2?x=1", "http://intercom.corp.example:8080"],
        ["http://192.0.2.2:4010", "http://192.0.2.2:4010"],
        ["http://0.0.0.0:4010", "http://0.0.0.0:4010"],
        ["http://128.0.0.1", "http://128.0.0.1"],
        ["http://[::2]:4010", "http://[::2]:4010"],
        ["http://localhost.example.com", "http://localhost.example.com"],
        ["http://127.0.0.1.nip.io", "http://127.0.0.1.nip.io"]
      ] as const
    ) {
      const problem = insecureBaseUrlProblem(url) ?? ""
      assert.include(problem, `clear text to ${origin}:`)
      assert.include(problem, "use https://")
      assert.include(problem, "allowInsecureHttp: true")
    }
  })

  it("names the caller's opt-in and never prints credentials or the path of the URL", () => {
    const problem = insecureBaseUrlProblem("http://user:hunter2@intercom.example/secret-path?token=abc", "--allow-insecure-http")
    assert.strictEqual(
      problem,
      "refusing to send the access token in clear text to http://intercom.example: use https://, or allow " +
        "unencrypted HTTP explicitly with --allow-insecure-http (without it, http:// is only allowed to this " +
        "machine: 127.0.0.1, localhost or [::1])"
    )
  })

  it("refuses an http:// address it cannot parse, without quoting it", () => {
    const problem = insecureBaseUrlProblem("http://exa mple:99999") ?? ""
    assert.include(problem, "clear text to an http:// address")
    assert.strictEqual(insecureBaseUrl("http://exa mple")?.origin, "http://")
  })

  it("leaves other schemes to the transport", () => {
    assert.isUndefined(insecureBaseUrlProblem("ftp://example.com"))
    assert.isUndefined(insecureBaseUrlProblem("not a url"))
  })

  it("isLoopbackHost reads hostnames as URL gives them", () => {
    assert.isTrue(isLoopbackHost(new URL("http://127.000.000.001").hostname))
    assert.isTrue(isLoopbackHost(new URL("http://0x7f.0.0.1").hostname))
    assert.isFalse(isLoopbackHost(new URL("http://[fe80::1]").hostname))
    assert.isFalse(isLoopbackHost("example.com"))
  })
})

/** An IPv4 address of this machine that is not loopback: http:// to it leaves the loopback interface. */
const outsideAddress = Object.values(networkInterfaces())
  .flat()
  .find((address) => address !== undefined && address.family === "IPv4" && !address.internal)?.address

const Widget = Schema.Struct({ id: Schema.String })
const getWidget: IntercomRequest<typeof Widget.Type> = { method: "GET", path: "/widgets/w1", response: Widget }

/** One request through IntercomHttp (node:http) to a server on `host`: the exit and what the server saw. */
const requestVia = (host: string, options: Partial<IntercomConfigOptions> = {}) =>
  Effect.gen(function*() {
    const server = yield* Effect.acquireRelease(
      Effect.promise(() => startTestServer((_req, res) => json(res, 200, { id: "w1" }), host)),
      (s) => Effect.promise(() => s.close())
    )
    const layer = IntercomHttp.layerNoDeps.pipe(
      Layer.provideMerge(RateLimitState.layer),
      Layer.provide(NodeTransport.layer),
      Layer.provide(IntercomConfig.layer({ token: TOKEN, baseUrl: server.url, ...options }))
    )
    const exit = yield* Effect.exit(IntercomHttp.use((http) => http.request(getWidget)).pipe(Effect.provide(layer)))
    return { exit, seen: server.seen, url: server.url }
  })

describe("IntercomHttp and an http:// base URL", () => {
  it.effect.skipIf(outsideAddress === undefined)(
    "to another machine: refused with InsecureBaseUrl, nothing sent",
    () =>
      Effect.gen(function*() {
        const { exit, seen, url } = yield* requestVia(outsideAddress!)
        assert.isTrue(Exit.isFailure(exit))
        const error = Exit.isFailure(exit) ? Cause.findErrorOption(exit.cause) : Option.none()
        assert.isTrue(Option.isSome(error) && error.value instanceof IntercomError)
        const failure = (error as Option.Some<IntercomError>).value
        assert.strictEqual(failure.reason._tag, "InsecureBaseUrl")
        assert.isFalse(failure.isRetryable)
        assert.include(failure.message, `clear text to ${url}`)
        assert.notInclude(failure.message, TOKEN)
        assert.strictEqual(seen.length, 0, "no request may reach the server")
      }).pipe(Effect.scoped)
  )

  it.effect.skipIf(outsideAddress === undefined)(
    "to another machine with allowInsecureHttp: sent",
    () =>
      Effect.gen(function*() {
        const { exit, seen } = yield* requestVia(outsideAddress!, { allowInsecureHttp: true })
        assert.deepStrictEqual(exit, Exit.succeed({ id: "w1" }))
        assert.strictEqual(seen.length, 1)
        assert.strictEqual(seen[0]!.headers.authorization, `Bearer ${TOKEN}`)
      }).pipe(Effect.scoped)
  )

  it.effect("to 127.0.0.1: sent with no opt-in", () =>
    Effect.gen(function*() {
      const { exit, seen } = yield* requestVia("127.0.0.1")
      assert.deepStrictEqual(exit, Exit.succeed({ id: "w1" }))
      assert.strictEqual(seen.length, 1)
    }).pipe(Effect.scoped))

  it("IntercomConfig keeps the opt-in off unless it is exactly true", () => {
    assert.isFalse(IntercomConfig.make({ token: "t" }).allowInsecureHttp)
    assert.isTrue(IntercomConfig.make({ token: "t", allowInsecureHttp: true }).allowInsecureHttp)
  })
})
