import { type Simulator, startSimulator } from "@intercom-explorer/simulator"
import { Effect, Exit } from "effect"
import { networkInterfaces } from "node:os"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import {
  createIntercomClient,
  IntercomClient,
  IntercomClientError,
  insecureBaseUrlProblem,
  Tags
} from "../../src/index.js"
import { TOKEN } from "../support/Simulator.js"

// An http:// base URL to another machine is refused before any request, by the facade and by the
// Effect client; http:// to this machine (127.0.0.1, localhost, [::1]) keeps working. Real HTTP:
// the simulator listens on every interface and logs each request it gets.

/** An IPv4 address of this machine that is not loopback, so http:// to it is "another machine". */
const outsideAddress = Object.values(networkInterfaces())
  .flat()
  .find((address) => address !== undefined && address.family === "IPv4" && !address.internal)?.address

const ipv6Loopback = Object.values(networkInterfaces())
  .flat()
  .some((address) => address !== undefined && address.family === "IPv6" && address.address === "::1")

describe("an http:// base URL", () => {
  let sim: Simulator
  const requests: Array<string> = []

  beforeAll(async () => {
    sim = await startSimulator({ host: "::", token: TOKEN, companies: 5, log: (line) => requests.push(line) })
  })

  afterAll(async () => {
    await sim?.close()
  })

  const urlAt = (host: string) => `http://${host}:${sim.port}`

  it("core exports the check the extension validates its setting with", () => {
    assert.isUndefined(insecureBaseUrlProblem("https://api.eu.intercom.io"))
    assert.isUndefined(insecureBaseUrlProblem(urlAt("127.0.0.1")))
    assert.match(
      insecureBaseUrlProblem("http://intercom.example", "the intercom.allowInsecureHttp setting") ?? "",
      /^refusing to send the access token in clear text to http:\/\/intercom\.example: .*the intercom\.allowInsecureHttp setting/
    )
  })

  it.skipIf(outsideAddress === undefined)("to another machine: createIntercomClient throws, nothing is sent", () => {
    const before = requests.length
    let thrown: unknown
    try {
      createIntercomClient({ token: TOKEN, baseUrl: urlAt(outsideAddress!) })
    } catch (error) {
      thrown = error
    }
    assert.instanceOf(thrown, IntercomClientError)
    const error = thrown as IntercomClientError
    assert.strictEqual(error.reason, "InsecureBaseUrl")
    assert.isFalse(error.retryable)
    assert.include(error.message, `clear text to ${urlAt(outsideAddress!)}`)
    assert.include(error.message, "allowInsecureHttp: true")
    assert.notInclude(JSON.stringify(error) + String(error.stack), TOKEN)
    assert.strictEqual(requests.length, before)
  })

  it.skipIf(outsideAddress === undefined)("to another machine with allowInsecureHttp: works", async () => {
    const client = createIntercomClient({ token: TOKEN, baseUrl: urlAt(outsideAddress!), allowInsecureHttp: true })
    try {
      const tags = await client.tags.list()
      assert.deepStrictEqual(tags.map((tag) => tag.id).sort(), sim.state.tags().map((tag) => tag.id).sort())
    } finally {
      await client.close()
    }
  })

  it.skipIf(outsideAddress === undefined)("to another machine through IntercomClient.layer: fails typed, nothing is sent", async () => {
    const before = requests.length
    const exit = await Effect.runPromiseExit(
      Tags.use((tags) => tags.list()).pipe(
        Effect.provide(IntercomClient.layer({ token: TOKEN, baseUrl: urlAt(outsideAddress!) }))
      )
    )
    assert.isTrue(Exit.isFailure(exit))
    const failure = Exit.isFailure(exit) ? exit.cause.reasons.find((reason) => reason._tag === "Fail") : undefined
    const error = failure?._tag === "Fail" ? failure.error : undefined
    assert.strictEqual(error?._tag, "IntercomError")
    assert.strictEqual(error?.reason._tag, "InsecureBaseUrl")
    assert.strictEqual(requests.length, before)
  })

  it("to 127.0.0.1, localhost and [::1]: works with no opt-in", async () => {
    const hosts = ["127.0.0.1", "localhost", ...(ipv6Loopback ? ["[::1]"] : [])]
    for (const host of hosts) {
      const client = createIntercomClient({ token: TOKEN, baseUrl: urlAt(host) })
      try {
        const tags = await client.tags.list()
        assert.strictEqual(tags.length, sim.state.tags().length, host)
      } finally {
        await client.close()
      }
    }
  })
})
