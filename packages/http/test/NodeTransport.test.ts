import { assert, describe, it } from "@effect/vitest"
import { Cause, Effect, Exit, Fiber, Option } from "effect"
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import * as zlib from "node:zlib"
import { IntercomTransport, NodeTransport, type TransportRequest } from "../src/index.js"

/** A raw server: these tests look at sockets and encodings, below what TestServer scripts. */
const withServer = <A, E>(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  use: (url: string, ports: Array<number>) => Effect.Effect<A, E, IntercomTransport>
) =>
  Effect.gen(function*() {
    const ports: Array<number> = []
    const server = yield* Effect.acquireRelease(
      Effect.promise(async () => {
        const server = createServer((req, res) => {
          ports.push(req.socket.remotePort ?? -1)
          handler(req, res)
        })
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
        return server
      }),
      (server) => Effect.promise(() => new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }))
    )
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    return yield* use(url, ports).pipe(Effect.provide(NodeTransport.layer))
  })

const get = (url: string, timeoutMillis = 5_000): TransportRequest => ({
  method: "GET",
  url,
  headers: { accept: "application/json" },
  body: undefined,
  timeoutMillis
})

const send = (request: TransportRequest) => IntercomTransport.use((transport) => transport.send(request))

/** The typed failure of a send that must fail. */
const failureOf = (request: TransportRequest) =>
  Effect.gen(function*() {
    const exit = yield* Effect.exit(send(request))
    assert.isTrue(Exit.isFailure(exit), "expected the send to fail")
    return Option.getOrThrow(Exit.isFailure(exit) ? Cause.findErrorOption(exit.cause) : Option.none())
  })

const body = JSON.stringify({ name: "Zürich GmbH ✓", items: Array.from({ length: 2_000 }, (_, i) => `item-${i}`) })

describe("NodeTransport", () => {
  it.live("asks for gzip and brotli", () =>
    withServer((req, res) => res.end(JSON.stringify(req.headers["accept-encoding"])), (url) =>
      Effect.gen(function*() {
        assert.strictEqual(JSON.parse((yield* send(get(url))).text), "gzip, br")
      })))

  for (const [encoding, compress] of [
    ["gzip", zlib.gzipSync],
    ["br", zlib.brotliCompressSync],
    ["deflate", zlib.deflateSync],
    // Encodings apply left to right, so the last one named is undone first.
    ["br, gzip", (bytes: Buffer) => zlib.gzipSync(zlib.brotliCompressSync(bytes))]
  ] as const) {
    it.live(`reads a "${encoding}" body as UTF-8 text`, () =>
      withServer((_, res) => {
        res.writeHead(200, { "content-type": "application/json", "content-encoding": encoding })
        res.end(compress(Buffer.from(body)))
      }, (url) =>
        Effect.gen(function*() {
          const response = yield* send(get(url))
          assert.strictEqual(response.status, 200)
          assert.strictEqual(response.text, body)
        })))
  }

  it.live("an encoding it cannot undo is a Transport error that names it", () =>
    withServer((_, res) => {
      res.writeHead(200, { "content-encoding": "zstd" })
      res.end(Buffer.from("whatever"))
    }, (url) =>
      Effect.gen(function*() {
        const error = yield* failureOf(get(url))
        assert.strictEqual(error._tag, "Transport")
        if (error._tag === "Transport") assert.include(error.detail, `unsupported content-encoding "zstd"`)
      })))

  for (const [name, answer] of [
    ["a 204", (res: ServerResponse) => res.writeHead(204, { "content-encoding": "gzip" }).end()],
    ["a chunked 200", (res: ServerResponse) => res.writeHead(200, { "content-encoding": "gzip" }).end()]
  ] as const) {
    it.live(`${name} with no body but an encoding is an empty text`, () =>
      withServer((_, res) => answer(res), (url) =>
        Effect.gen(function*() {
          assert.strictEqual((yield* send(get(url))).text, "")
        })))
  }

  it.live("a byte order mark is dropped, as fetch does", () =>
    withServer((_, res) => res.end("\uFEFF{\"ok\":true}"), (url) =>
      Effect.gen(function*() {
        assert.strictEqual((yield* send(get(url))).text, `{"ok":true}`)
      })))

  it.live("a header Node cannot send is a Transport error that does not quote it", () =>
    Effect.gen(function*() {
      const request = { ...get("http://127.0.0.1:9/"), headers: { authorization: "Bearer secret-value\n" } }
      const error = yield* failureOf(request).pipe(Effect.provide(NodeTransport.layer))
      assert.strictEqual(error._tag, "Transport")
      if (error._tag === "Transport") assert.notInclude(error.detail, "secret-value")
    }))

  it.live("a timeout beyond setTimeout's range (or infinite) does not fire at once", () =>
    withServer((_, res) => setTimeout(() => res.end("{}"), 50), (url) =>
      Effect.gen(function*() {
        assert.strictEqual((yield* send(get(url, 2 ** 31 + 10))).text, "{}")
        assert.strictEqual((yield* send(get(url, Number.POSITIVE_INFINITY))).text, "{}")
      })))

  it.live("a corrupt compressed body is a Transport error, not garbage text", () =>
    withServer((_, res) => {
      res.writeHead(200, { "content-encoding": "gzip" })
      res.end(Buffer.from("definitely not gzip"))
    }, (url) =>
      Effect.gen(function*() {
        const error = yield* failureOf(get(url))
        assert.strictEqual(error._tag, "Transport")
      })))

  it.live("multi-byte characters split across chunks come out whole", () =>
    withServer((_, res) => {
      const bytes = Buffer.from(body)
      const cut = bytes.indexOf(Buffer.from("ü")) + 1 // inside the two bytes of ü
      res.writeHead(200, { "content-length": String(bytes.length) })
      res.write(bytes.subarray(0, cut))
      setTimeout(() => res.end(bytes.subarray(cut)), 20)
    }, (url) =>
      Effect.gen(function*() {
        assert.strictEqual((yield* send(get(url))).text, body)
      })))

  it.live("sequential requests reuse keep-alive connections", () =>
    withServer((_, res) => res.end("{}"), (url, ports) =>
      Effect.gen(function*() {
        for (let i = 0; i < 10; i++) yield* send(get(url))
        assert.strictEqual(ports.length, 10)
        // The next request can go out a tick before the agent frees the last socket: at most two.
        assert.isAtMost(new Set(ports).size, 2)
      })))

  it.live("interrupting a request closes its connection", () => {
    let closed: Promise<void> | undefined
    return withServer((req) => {
      // Never answers; the test watches the client hang up.
      closed = new Promise((resolve) => req.socket.once("close", () => resolve()))
    }, (url) =>
      Effect.gen(function*() {
        const fiber = yield* Effect.forkChild(send(get(url)))
        while (closed === undefined) yield* Effect.sleep("5 millis")
        yield* Fiber.interrupt(fiber)
        yield* Effect.promise(() => closed!)
      }))
  })

  it.live("sends a JSON body with its length and type", () =>
    withServer((req, res) => {
      let text = ""
      req.setEncoding("utf8")
      req.on("data", (chunk: string) => (text += chunk))
      req.on("end", () => res.end(JSON.stringify({ type: req.headers["content-type"], length: req.headers["content-length"], text })))
    }, (url) =>
      Effect.gen(function*() {
        const sent = JSON.stringify({ name: "Ünïcode" })
        const response = yield* send({ ...get(url), method: "POST", body: sent })
        assert.deepStrictEqual(JSON.parse(response.text), {
          type: "application/json",
          length: String(Buffer.byteLength(sent)),
          text: sent
        })
      })))

  it.live("a URL that is not http(s) fails clearly without a request", () =>
    Effect.gen(function*() {
      const error = yield* failureOf(get("ftp://example.com/companies")).pipe(Effect.provide(NodeTransport.layer))
      assert.strictEqual(error._tag, "Transport")
      if (error._tag === "Transport") assert.strictEqual(error.detail, "unsupported protocol ftp:")
    }))
})
